package tour

import (
	"errors"
	"fmt"
	"strings"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/heritage"
)

// ParseEndpoint reads the text form of an [Endpoint], as [Endpoint.String]
// writes it: a site or anchor ID ("anchor/jiangxian-county-seat"), or a
// point "lon,lat" in degrees (see [geo.ParsePoint]; its datum is the
// request's). Surrounding spaces are ignored. The error says what was
// wanted; callers add the name of the flag or parameter.
func ParseEndpoint(s string) (Endpoint, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Endpoint{}, errors.New("empty: want a site ID or lon,lat")
	case strings.Contains(s, ","):
		p, err := geo.ParsePoint(s)
		if err != nil {
			return Endpoint{}, fmt.Errorf("%.60q: %s", s, strings.TrimPrefix(err.Error(), "geo: "))
		}
		return AtPoint(p), nil
	case !heritage.ValidID(s):
		return Endpoint{}, fmt.Errorf("%.60q: not a site ID or lon,lat", s)
	}
	return AtSite(s), nil
}
