package selection

import (
	"testing"
	"time"
)

func TestEOLPassed(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	shanghai := time.FixedZone("Asia/Shanghai", 8*3600)
	tests := []struct {
		eol  string
		now  time.Time
		want bool
	}{
		{"2024/05/01", utc("2024-04-30T23:59:59Z"), false},
		{"2024/05/01", utc("2024-05-01T00:00:00Z"), false}, // the EOL day itself is still supported
		{"2024/05/01", utc("2024-05-01T23:59:59Z"), false},
		{"2024/05/01", utc("2024-05-02T00:00:00Z"), true},
		{"2024/05/01", utc("2025-01-01T00:00:00Z"), true},
		{"2024/05/01", utc("2023-12-31T00:00:00Z"), false},
		{"2024/05/01", utc("2024-06-01T00:00:00Z"), true},
		{"2024-05-01", utc("2024-05-02T00:00:00Z"), true},
		{"2024/5/1", utc("2024-05-02T00:00:00Z"), true},
		// 2024-05-01T20:00Z is already 2 May in Shanghai: now's own calendar counts.
		{"2024/05/01", utc("2024-05-01T20:00:00Z").In(shanghai), true},
		{"2024/05/01", utc("2024-05-01T20:00:00Z"), false},
		{"", utc("2099-01-01T00:00:00Z"), false},
		{"unknown", utc("2099-01-01T00:00:00Z"), false},
		{"2023/02/29", utc("2099-01-01T00:00:00Z"), false},
		{"2024/05-01", utc("2099-01-01T00:00:00Z"), false},
		{"24/05/01", utc("2099-01-01T00:00:00Z"), false},
	}
	for _, tt := range tests {
		if got := EOLPassed(tt.eol, tt.now); got != tt.want {
			t.Errorf("EOLPassed(%q, %s) = %v, want %v", tt.eol, tt.now, got, tt.want)
		}
	}
}

func TestEOLDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"2024/05/01", "2024-05-01"},
		{"2024-05-01", "2024-05-01"},
		{"2024/5/1", "2024-05-01"},
		{"0999/12/31", "0999-12-31"},
		{" 2024/05/01 ", "2024-05-01"},
		{"2023/02/29", "2023/02/29"}, // no such day: shown as sent
		{"soon", "soon"},
		{"2024/05/01/02", "2024/05/01/02"},
	}
	for _, tt := range tests {
		if got := EOLDate(tt.in); got != tt.want {
			t.Errorf("EOLDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
