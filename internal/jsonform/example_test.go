package jsonform_test

import (
	"fmt"

	"github.com/goccy/go-json"

	"github.com/chuanzhu/chuanzhu/internal/jsonform"
)

// A place leaves out what it does not know: a hotel given as a point has
// no ID, English name or precision.
func ExamplePlace() {
	for _, p := range []jsonform.Place{
		{ID: "demo/temple", Name: "古寺", NameEn: "Old Temple", Location: [2]float64{111.6, 35.5}, PrecisionM: 50},
		{Name: "宾馆", Location: [2]float64{111.576, 35.491}},
	} {
		b, err := json.Marshal(p)
		if err != nil {
			fmt.Println(err)
		}
		fmt.Println(string(b))
	}
	// Output:
	// {"id":"demo/temple","name":"古寺","name_en":"Old Temple","location":[111.6,35.5],"precision_m":50}
	// {"name":"宾馆","location":[111.576,35.491]}
}
