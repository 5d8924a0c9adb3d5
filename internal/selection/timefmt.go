package selection

import (
	"strconv"
	"time"
)

// Layouts ParseTime accepts after plain digits; the zoneless ones are read as UTC, never as the local zone.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02"}

// The Unix seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range RFC 3339 can write.
const (
	minRFC3339Seconds = -62167219200
	maxRFC3339Seconds = 253402300799
)

// ParseTime turns an API time string into Unix seconds. "" gives 0, false; decimal digits are Unix seconds;
// otherwise RFC 3339 (any offset, optional fraction, truncated to the second), "2006-01-02 15:04:05" or
// "2006-01-02" in UTC. Anything else, including digits past the year 9999 (which RFC 3339 cannot write back),
// gives 0, false.
func ParseTime(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	if allDigits(s) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > maxRFC3339Seconds {
			return 0, false
		}
		return n, true
	}
	for _, layout := range timeLayouts {
		// time.Parse reads a zoneless layout as UTC whatever time.Local is.
		if t, err := time.Parse(layout, s); err == nil {
			return t.Unix(), true
		}
	}
	return 0, false
}

// FormatTime renders Unix seconds as RFC 3339 in UTC ("2024-05-01T08:00:00Z"); 0 (unknown) gives "". A time
// before the year 0000 or after 9999, which RFC 3339 cannot write, is clamped to the nearest end of that range
// (the client already refuses such a CreateTime in an answer, so only a caller's own value can get here).
func FormatTime(sec int64) string {
	if sec == 0 {
		return ""
	}
	sec = min(max(sec, minRFC3339Seconds), maxRFC3339Seconds)
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
