package heritage

// spatialIndex will wrap geo.Index once the geo package provides it.
type spatialIndex struct{}

func newSpatialIndex(sites []Site) spatialIndex { return spatialIndex{} }
