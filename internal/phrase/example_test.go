package phrase_test

import (
	"fmt"
	"time"

	"github.com/chuanzhu/chuanzhu/geo"
	"github.com/chuanzhu/chuanzhu/internal/phrase"
)

func Example() {
	for _, l := range []phrase.Lang{phrase.Chinese, phrase.English} {
		fmt.Println(l.Sites(5), "·", l.Travel(geo.CountyDrive()), l.Duration(95*time.Minute), "·", l.Distance(30_600))
	}
	// Output:
	// 5 处 · 车程 1 小时 35 分钟 · 30.6 公里
	// 5 sites · drive 1 h 35 min · 30.6 km
}
