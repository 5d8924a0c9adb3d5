package selection

import (
	"strconv"
	"strings"
	"time"
)

// EOLPassed reports whether an OS end-of-life date (UCloud MaintainEol "YYYY/MM/DD", or "YYYY-MM-DD") is over:
// the date itself is still supported, the day after counts as passed. Days are compared on now's calendar in now's
// location, so pass now.UTC() for a result that does not depend on the machine's zone. An empty or unparsable date
// is never passed.
func EOLPassed(eol string, now time.Time) bool {
	y, m, d, ok := parseEOL(eol)
	if !ok {
		return false
	}
	ny, nm, nd := now.Date()
	switch {
	case ny != y:
		return ny > y
	case nm != m:
		return nm > m
	default:
		return nd > d
	}
}

// EOLDate renders "YYYY/MM/DD" as ISO "YYYY-MM-DD"; "" stays "", and an unparsable value is returned unchanged so
// users still see what the API sent.
func EOLDate(eol string) string {
	y, m, d, ok := parseEOL(eol)
	if !ok {
		return eol
	}
	// Appending the digits is several times faster than fmt, which matters on lists of thousands of images.
	digit := func(n int) byte { return byte('0' + n%10) }
	return string([]byte{digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), '-',
		digit(int(m) / 10), digit(int(m)), '-', digit(d / 10), digit(d)})
}

// parseEOL reads a four-digit year, a month and a day of one or two digits, separated by "/" or "-" (the same
// both times), and rejects dates that do not exist such as 2023/02/29.
func parseEOL(s string) (year int, month time.Month, day int, ok bool) {
	s = strings.TrimSpace(s)
	sep := "/"
	if strings.Contains(s, "-") {
		sep = "-"
	}
	parts := strings.Split(s, sep)
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return 0, 0, 0, false
	}
	var nums [3]int
	for i, p := range parts {
		if !allDigits(p) {
			return 0, 0, 0, false
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return 0, 0, 0, false
		}
		nums[i] = n
	}
	year, month, day = nums[0], time.Month(nums[1]), nums[2]
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || t.Month() != month || t.Day() != day {
		return 0, 0, 0, false
	}
	return year, month, day, true
}
