package selection

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	// A zone far from UTC, as on a machine in China: results must not move with time.Local.
	shanghai := time.FixedZone("Asia/Shanghai", 8*3600)
	saved := time.Local
	time.Local = shanghai
	t.Cleanup(func() { time.Local = saved })

	tests := []struct {
		in     string
		want   int64
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"1714550400", 1714550400, true},
		{"0001714550400", 1714550400, true},
		{"2024-05-01T08:00:00Z", 1714550400, true},
		{"2024-05-01T16:00:00+08:00", 1714550400, true},
		{"2024-05-01T08:00:00.999Z", 1714550400, true}, // fraction truncated
		{"2024-05-01 08:00:00", 1714550400, true},      // read as UTC, not Shanghai
		{"2024-05-01", 1714521600, true},
		{"99999999999999999999", 0, false},   // overflows int64
		{"253402300799", 253402300799, true}, // 9999-12-31T23:59:59Z, the last second RFC 3339 can write
		{"253402300800", 0, false},
		{"292277026596", 0, false},
		{"-1", 0, false},
		{"+1", 0, false},
		{" 1714550400", 0, false},
		{"2024/05/01", 0, false},
		{"2024-05-01T08:00:00", 0, false}, // RFC 3339 needs a zone
		{"2024-13-01", 0, false},
		{"yesterday", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseTime(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseTime(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestFormatTime(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("Asia/Shanghai", 8*3600)
	t.Cleanup(func() { time.Local = saved })

	tests := []struct {
		in   int64
		want string
	}{
		{0, ""},
		{1714550400, "2024-05-01T08:00:00Z"},
		{1, "1970-01-01T00:00:01Z"},
		{-1, "1969-12-31T23:59:59Z"},
		{-62167219200, "0000-01-01T00:00:00Z"},
		{253402300799, "9999-12-31T23:59:59Z"},
	}
	for _, tt := range tests {
		got := FormatTime(tt.in)
		if got != tt.want {
			t.Errorf("FormatTime(%d) = %q, want %q", tt.in, got, tt.want)
		}
		if back, ok := ParseTime(got); tt.in != 0 && (!ok || back != tt.in) {
			t.Errorf("ParseTime(FormatTime(%d)) = %d, %v", tt.in, back, ok)
		}
	}
}

func TestFormatTime_ClampsToWhatRFC3339CanWrite(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{253402300800, "9999-12-31T23:59:59Z"},
		{9223372036854775807, "9999-12-31T23:59:59Z"}, // time.Unix would print the year 292277026596
		{-62167219201, "0000-01-01T00:00:00Z"},
		{-9223372036854775808, "0000-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := FormatTime(tt.in); got != tt.want {
			t.Errorf("FormatTime(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
