// Package geo holds what chuanzhu needs of geography beyond
// github.com/paulmach/orb: great-circle distances, China's map datums,
// travel modes and travel-time matrices, and a geodesic spatial index.
package geo
