package heritage

// The catalog schema (see README.md) as fastReader reads it: each
// function takes what the struct of json.go it stands for takes.

// collection reads a GeoJSON FeatureCollection, giving add each item in
// order as soon as it is read.
func (r *fastReader) collection(add func(i int, d *decoded)) bool {
	return r.collectionWith(func() bool {
		i := 0
		return r.array(func() bool {
			if !r.feature() {
				return false
			}
			add(i, &r.d)
			i++
			return true
		})
	})
}

// collectionWith reads a GeoJSON FeatureCollection, its "features" with
// features.
func (r *fastReader) collectionWith(features func() bool) bool {
	var sawType, sawFeatures bool
	ok := r.object(func(name []byte) bool {
		var ok bool
		switch string(name) {
		case "type":
			sawType = true
			return r.is("FeatureCollection")
		case "features":
			sawFeatures = true
			return features()
		case "bbox":
			r.box, ok = r.floats(r.box)
		}
		return ok
	})
	return ok && sawType && sawFeatures && r.end()
}

// items reads a plain JSON array of site objects, giving add each item.
func (r *fastReader) items(add func(i int, d *decoded)) bool {
	r.plain = true
	i := 0
	return r.array(func() bool {
		r.reset()
		if !r.props() {
			return false
		}
		add(i, &r.d)
		i++
		return true
	}) && r.end()
}

// end reports whether the input ends after the top-level value.
func (r *fastReader) end() bool { return r.s.end() }

// reset clears the scratch for the next item.
func (r *fastReader) reset() {
	r.p = jsonProps{}
	r.d = decoded{props: &r.p}
	r.spans, r.tmp = r.spans[:0], r.tmp[:0]
}

// feature reads a Feature into r.d.
func (r *fastReader) feature() bool {
	r.reset()
	var sawType, sawGeometry, sawProps, sawID bool
	ok := r.object(func(name []byte) bool {
		var ok bool
		switch string(name) {
		case "type":
			sawType = true
			return r.is("Feature")
		case "id":
			sawID = true
			var b []byte
			b, ok = r.bytes()
			r.featID = append(r.featID[:0], b...)
		case "geometry":
			sawGeometry = true
			return r.point()
		case "properties":
			sawProps = true
			return r.props()
		case "bbox":
			r.box, ok = r.floats(r.box)
		}
		return ok
	})
	if sawID {
		if string(r.featID) == r.p.ID {
			r.d.featID = &r.p.ID
		} else {
			id := string(r.featID)
			r.d.featID = &id
		}
	}
	return ok && sawType && sawGeometry && sawProps
}

// point reads a GeoJSON geometry, which should be a Point.
func (r *fastReader) point() bool {
	return r.object(func(name []byte) bool {
		var ok bool
		switch string(name) {
		case "type":
			return r.shared(&r.d.geomType)
		case "coordinates":
			r.loc, ok = r.floats(r.loc)
			r.d.loc, r.d.hasLoc = r.loc, true
		}
		return ok
	})
}

// props reads a site's properties object (or, with r.plain, a site
// object of the plain-array format) into r.p.
func (r *fastReader) props() bool {
	if !r.object(r.prop) {
		return false
	}
	r.resolveNotes()
	return true
}

// prop reads the value of the member name of a site.
func (r *fastReader) prop(name []byte) bool {
	p := &r.p
	var ok bool
	switch string(name) {
	case "id":
		return r.text(&p.ID)
	case "name":
		return r.name3(&p.Name)
	case "aliases":
		p.Aliases, ok = r.texts(r.aliases, false)
		r.aliases = p.Aliases
	case "kind":
		return r.shared(&p.Kind)
	case "period":
		r.period, p.Period = Period{}, &r.period
		return r.readPeriod(p.Period)
	case "designation":
		r.designation, p.Designation = Designation{}, &r.designation
		return r.readDesignation(p.Designation)
	case "precision_m":
		return r.float(&p.PrecisionM)
	case "location_source":
		return r.shared(&p.LocationSource)
	case "region":
		return r.shared(&p.Region)
	case "footprint":
		p.Footprint = new(jsonPolygon)
		return r.polygon(p.Footprint)
	case "themes":
		p.Themes, ok = r.texts(r.themes, true)
		r.themes = p.Themes
	case "notes":
		return r.readNotes()
	case "sources":
		return r.readSources()
	case "visit":
		return r.visit(&p.Visit)
	case "score":
		p.Score = &r.score
		return r.int(&r.score)
	default:
		return r.visitorProp(name)
	}
	return ok
}

// visitorProp reads the value of the member name of a site among those
// that say what a visitor finds, and, in the plain-array format, the
// location.
func (r *fastReader) visitorProp(name []byte) bool {
	p := &r.p
	var ok bool
	switch string(name) {
	case "address":
		p.Address = r.pk.texts.new()
		return r.text2(p.Address)
	case "entrance":
		p.Entrance, ok = r.floats(r.entrance)
		r.entrance = p.Entrance
	case "entrance_precision_m":
		p.EntrancePrecisionM = &r.entrancePrecision
		return r.float(&r.entrancePrecision)
	case "rating":
		p.Rating = r.pk.ratings.new()
		return r.rating(p.Rating)
	case "presented_at":
		p.PresentedAt, ok = r.texts(r.presented, false)
		r.presented = p.PresentedAt
	case "visit_via":
		p.VisitVia = &r.visitVia
		return r.text(&r.visitVia)
	case "events":
		return r.events()
	case "location":
		if r.plain {
			r.loc, ok = r.floats(r.loc)
			r.d.loc, r.d.hasLoc = r.loc, true
		}
	}
	return ok
}

// name3 reads a [Name].
func (r *fastReader) name3(n *Name) bool {
	return r.object(func(name []byte) bool {
		switch string(name) {
		case "zh":
			return r.text(&n.Zh)
		case "pinyin":
			return r.text(&n.Pinyin)
		case "en":
			return r.text(&n.En)
		}
		return false
	})
}

// text2 reads a [Text].
func (r *fastReader) text2(t *Text) bool {
	return r.object(func(name []byte) bool {
		switch string(name) {
		case "zh":
			return r.text(&t.Zh)
		case "en":
			return r.text(&t.En)
		}
		return false
	})
}

// readPeriod reads a [Period].
func (r *fastReader) readPeriod(p *Period) bool {
	return r.object(func(name []byte) bool {
		switch string(name) {
		case "name":
			return r.shared(&p.Name)
		case "name_zh":
			return r.shared(&p.NameZh)
		case "from":
			p.From = &r.from
			return r.int(p.From)
		case "to":
			p.To = &r.to
			return r.int(p.To)
		}
		return false
	})
}

// readDesignation reads a [Designation].
func (r *fastReader) readDesignation(d *Designation) bool {
	return r.object(func(name []byte) bool {
		switch string(name) {
		case "level":
			return r.shared((*string)(&d.Level))
		case "batch":
			return r.int(&d.Batch)
		case "year":
			return r.int(&d.Year)
		}
		return false
	})
}

// rating reads a [Rating].
func (r *fastReader) rating(g *Rating) bool {
	return r.object(func(name []byte) bool {
		switch string(name) {
		case "level":
			return r.int(&g.Level)
		case "year":
			return r.int(&g.Year)
		case "source":
			return r.text(&g.Source)
		}
		return false
	})
}

// polygon reads a footprint, which should be a GeoJSON Polygon.
func (r *fastReader) polygon(g *jsonPolygon) bool {
	return r.object(func(name []byte) bool {
		switch string(name) {
		case "type":
			return r.shared(&g.Type)
		case "coordinates":
			g.Coordinates = [][][]float64{}
			return r.array(func() bool {
				ring := [][]float64{}
				ok := r.array(func() bool {
					pos, ok := r.floats(nil)
					ring = append(ring, pos)
					return ok
				})
				g.Coordinates = append(g.Coordinates, ring)
				return ok
			})
		}
		return false
	})
}

// readSources reads a site's sources.
func (r *fastReader) readSources() bool {
	r.sources = r.sources[:0]
	ok := r.array(func() bool {
		r.sources = append(r.sources, Source{})
		s := &r.sources[len(r.sources)-1]
		return r.object(func(name []byte) bool {
			switch string(name) {
			case "title":
				return r.shared(&s.Title)
			case "url":
				return r.text(&s.URL)
			}
			return false
		})
	})
	r.p.Sources = r.sources
	return ok
}

// readNotes reads a site's notes. The URLs they cite are kept in r.tmp
// until the site's sources are known (see resolveNotes).
func (r *fastReader) readNotes() bool {
	r.notes = r.notes[:0]
	ok := r.array(func() bool {
		k := len(r.notes)
		r.notes = append(r.notes, Note{})
		return r.object(func(name []byte) bool {
			n := &r.notes[k]
			switch string(name) {
			case "lang":
				return r.shared(&n.Lang)
			case "text":
				return r.noteText(&n.Text)
			case "sources":
				return r.array(func() bool {
					b, ok := r.bytes()
					start := len(r.tmp)
					r.tmp = append(r.tmp, b...)
					r.spans = append(r.spans, noteURL{k, start, len(r.tmp)})
					return ok
				})
			}
			return false
		})
	})
	r.p.Notes = r.notes
	return ok
}

// maxSharedNote is the length up to which the text of a note is kept
// once per catalog: short notes (the boilerplate of a register, say)
// repeat across sites, long ones hardly ever do.
const maxSharedNote = 256

// noteText reads the text of a note.
func (r *fastReader) noteText(dst *string) bool {
	b, ok := r.bytes()
	if len(b) <= maxSharedNote {
		*dst = r.pk.strBytes(b)
	} else {
		*dst = r.pk.text(b)
	}
	return ok
}

// noteURL is a URL note cites, r.tmp[start:end].
type noteURL struct{ note, start, end int }

// resolveNotes gives each note the URLs it cites: the strings of the
// site's sources where they are among them, else copies.
func (r *fastReader) resolveNotes() {
	r.urls = r.urls[:0]
	for i := 0; i < len(r.spans); {
		k, first := r.spans[i].note, len(r.urls)
		for ; i < len(r.spans) && r.spans[i].note == k; i++ {
			r.urls = append(r.urls, r.sourceURL(r.tmp[r.spans[i].start:r.spans[i].end]))
		}
		r.notes[k].Sources = r.urls[first:len(r.urls):len(r.urls)]
	}
}

// sourceURL returns the URL of the site's source whose URL is b, else a
// copy of b.
func (r *fastReader) sourceURL(b []byte) string {
	for _, s := range r.p.Sources {
		if s.URL == string(b) {
			return s.URL
		}
	}
	return r.pk.text(b)
}

// visit reads a site's visit.
func (r *fastReader) visit(v *jsonVisit) bool {
	return r.object(func(name []byte) bool {
		var ok bool
		switch string(name) {
		case "minutes":
			var n int
			ok = r.int(&n)
			v.Minutes = int64(n)
		case "opening_hours":
			return r.shared(&v.OpeningHours)
		case "ticket":
			return r.shared(&v.Ticket)
		case "estimated":
			v.Estimated, ok = r.texts(r.est, true)
			r.est = v.Estimated
		case "experience":
			return r.shared((*string)(&v.Experience))
		case "access":
			return r.shared((*string)(&v.Access))
		case "access_source":
			return r.shared(&v.AccessSource)
		case "hours_status":
			return r.shared((*string)(&v.HoursStatus))
		}
		return ok
	})
}

// events reads a site's events, into a list of its own (the site keeps
// it).
func (r *fastReader) events() bool {
	var evs []Event
	ok := r.array(func() bool {
		evs = append(evs, Event{})
		e := &evs[len(evs)-1]
		return r.object(func(name []byte) bool {
			switch string(name) {
			case "name":
				return r.text2(&e.Name)
			case "lunar":
				return r.text(&e.Lunar)
			case "date":
				return r.text(&e.Date)
			case "days":
				return r.int(&e.Days)
			case "source":
				return r.text(&e.Source)
			}
			return false
		})
	})
	r.p.Events = evs
	return ok
}
