package tour_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/chuanzhu/chuanzhu/heritage"
	"github.com/chuanzhu/chuanzhu/tour"
)

// A day among Jiang County's Jin sites, from the county seat and back, on
// a fixed date so the output does not change.
func ExamplePlan() {
	req := tour.Request{
		Sites: []string{
			"jiangxian/chexiangcheng", "jiangxian/jin-xiangong-tomb", "jiangxian/jin-wengong-tomb",
			"jiangxian/jin-linggong-tomb", "jiangxian/taiyin-temple",
		},
		Date:      tour.Date{Year: 2026, Month: time.May, Day: 12},
		DayLength: 6 * time.Hour,
	}
	plan, err := tour.Plan(context.Background(), heritage.Default(), req)
	if err != nil {
		log.Fatal(err)
	}
	day := plan.Days[0]
	fmt.Printf("%s leave %s\n", day.Depart.Format("15:04"), day.Start.Name)
	for i, v := range day.Visits {
		fmt.Printf("%s %s (%s)\n", v.Start.Format("15:04"), v.Stop.Name, v.Stop.Visit)
		if day.Break != nil && day.Break.After == i {
			fmt.Printf("%s lunch until %s\n", day.Break.Start.Format("15:04"), day.Break.End.Format("15:04"))
		}
	}
	fmt.Printf("%s back, %.0f km\n", day.Return.Format("15:04"), day.Distance/1000)
	// Output:
	// 08:30 leave 绛县县城（古绛镇）
	// 08:57 晋文公墓 (30m0s)
	// 09:54 晋献公墓 (30m0s)
	// 10:43 晋灵公墓 (30m0s)
	// 11:24 太阴寺 (45m0s)
	// 12:09 lunch until 13:09
	// 13:21 车厢城城址 (45m0s)
	// 14:12 back, 77 km
}

// The themed lines of the Jin-culture theme, the most important first: the
// Jiang County line from the county seat, and the neighbours' lines from
// Houma station.
func ExampleThemeLines() {
	lines, err := tour.ThemeLines(context.Background(), heritage.Default(), heritage.ThemeJinCulture)
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range lines {
		fmt.Printf("%s  %.0f km, %s\n", l.Name.Zh, l.Length/1000, l.Duration.Round(time.Minute))
		for _, s := range l.Sites {
			fmt.Println("  ", s.Name.Zh)
		}
	}
	// Output:
	// 晋文化寻根·绛县线  92 km, 4h47m0s
	//    车厢城城址
	//    晋灵公墓
	//    晋献公墓
	//    晋水源（大晋堂，说法）
	//    晋文公墓
	// 晋文化寻根·曲沃—翼城线  87 km, 4h41m0s
	//    苇沟—北寿城遗址
	//    晋国博物馆
	//    曲村—天马遗址（晋侯墓地）
	// 晋文化寻根·侯马—新绛线  43 km, 4h13m0s
	//    侯马盟誓遗址
	//    晋国古都博物馆
	//    新绛柳泉墓地
	//    侯马晋国遗址
}

// Story order: the Jiang County Jin line told oldest first, at most 20%
// longer than its shortest loop.
func ExampleStoryOrder() {
	lines, err := tour.ThemeLines(context.Background(), heritage.Default(), heritage.ThemeJinCulture, tour.StoryOrder(0.2))
	if err != nil {
		log.Fatal(err)
	}
	l := lines[0]
	for _, s := range l.Sites {
		fmt.Printf("%s (%s)\n", s.Name.En, s.Period.Name)
	}
	fmt.Printf("%.0f%% longer than the shortest loop, %d of %d pairs out of time order\n",
		l.Story.Extra*100, l.Story.Inversions, l.Story.Pairs)
	// Output:
	// Chexiang City ruins (Spring and Autumn; Han; Wei (official listing))
	// Tomb of Duke Xian of Jin (attributed) (Spring and Autumn (reign of Duke Xian))
	// Tomb of Duke Wen of Jin (attributed) (Spring and Autumn (reign of Duke Wen))
	// Tomb of Duke Ling of Jin (attributed) (Spring and Autumn (reign of Duke Ling, 621/620–607 BCE))
	// Claimed source of the Jin River at Dajintang (Ming (ruined Jin River temple))
	// 5% longer than the shortest loop, 0 of 10 pairs out of time order
}

// Every themed line of the embedded catalog, as a brochure would list
// them.
func ExampleLines() {
	lines, err := tour.Lines(context.Background(), heritage.Default())
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range lines {
		fmt.Printf("%-40s %d sites, %3.0f km  %s\n", l.ID, len(l.Sites), l.Length/1000, l.Name.En)
	}
	// Output:
	// jin-culture/jiangxian                    5 sites,  92 km  Jin culture roots: Jiangxian line
	// jin-culture/quwo-yicheng                 3 sites,  87 km  Jin culture roots: Quwo–Yicheng line
	// jin-culture/houma-xinjiang               4 sites,  43 km  Jin culture roots: Houma–Xinjiang line
	// archaeology/xiangfen-yicheng-quwo        3 sites, 117 km  Archaeological sites: Xiangfen–Yicheng–Quwo line
	// archaeology/jiangxian                    3 sites,  35 km  Archaeological sites: Jiangxian line
	// archaeology/houma-xinjiang               4 sites,  50 km  Archaeological sites: Houma–Xinjiang line
	// temples-architecture/jiangxian           8 sites,  89 km  Temples and old buildings: Jiangxian line
	// temples-architecture/xinjiang            3 sites,  18 km  Temples and old buildings: Xinjiang line
	// mountains-valleys/jiangxian              4 sites,  66 km  Mountains and valleys: Jiangxian line
	// medicinal-herbs/jiangxian                3 sites,  49 km  Medicinal herbs: Jiangxian line
	// museums/quwo-houma                       2 sites,  56 km  Museums: Quwo–Houma line
}

// A request in its JSON form, the body of the web API's POST /api/plan:
// DecodeRequest reads it strictly and names the member at fault.
func ExampleDecodeRequest() {
	req, err := tour.DecodeRequest([]byte(`{"theme": "jin-culture", "date": "2027-05-04",
		"hours": 6.5, "mode": "cycle", "break": {"minutes": 45}}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.Theme, req.Date, req.DayLength, req.Mode.Name, req.Break.Duration)

	_, err = tour.DecodeRequest([]byte(`{"theme": "jin-culture", "date": "tomorrow"}`))
	fmt.Println(err)
	_, err = tour.DecodeRequest([]byte(`{"break": {"minutes": 45, "until": "13:00"}}`))
	fmt.Println(err)
	// Output:
	// jin-culture 2027-05-04 6h30m0s cycle 45m0s
	// tour: date "tomorrow": want a date like 2027-05-04
	// tour: break.until: unknown member: a break has minutes, from and to
}
