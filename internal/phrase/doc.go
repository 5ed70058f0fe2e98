// Package phrase writes the words chuanzhu shows people, in Chinese and
// English: distances, durations, clock times, dates, counts, travel-mode
// words and lists. It is the one place these are spelled, so that the
// itinerary (route/export), a themed line's description (tour) and the
// embed page (web) read alike.
//
// # Spelling
//
// Numbers are written with ASCII digits, and a number is set apart from
// its unit by a space in both languages, as the itinerary has always done:
//
//	                 zh                      en
//	distance         850 米, 30.6 公里, 126 公里   850 m, 30.6 km, 126 km
//	duration         45 分钟, 1 小时 35 分钟        45 min, 1 h 35 min
//	clock            08:30                   08:30
//	date             2025年5月1日 星期四           Thursday 1 May 2025
//	day              第 2 天                   Day 2
//	count            5 处, 2 天                 1 site, 5 sites, 1 day, 2 days
//	travel (drive)   车程                      drive
//	list             甲、乙、丙                    A, B, C
//
// Distances under 1 km are rounded to 10 m, under 100 km written with one
// decimal, longer ones in whole kilometres. Durations are rounded to the
// minute; a positive duration under half a minute is written as one
// minute, so that nothing real reads as zero.
//
// # Fallback
//
// One rule decides what is shown when a text is missing in the wanted
// language: [Lang.Pick] takes the wanted language's form, and the other
// language's when that is empty.
//
// # Concurrency
//
// Every function is pure and safe to call concurrently.
package phrase
