package selection

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

func FuzzNaturalCompare(f *testing.F) {
	for _, s := range [][3]string{
		{"Ubuntu 9", "Ubuntu 22", "Ubuntu 22.04"},
		{"7.10", "7.9", "7.09"},
		{"CentOS7.4-x86_64", "CentOS7.10-x86_64", "CentOS7.10-x86"},
		{"1", "01", "001"},
		{"", "0", "a"},
		{"x9", "x/", "x:"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ab, ba := NaturalCompare(a, b), NaturalCompare(b, a)
		if ab < -1 || ab > 1 {
			t.Fatalf("NaturalCompare(%q, %q) = %d, want -1, 0 or 1", a, b, ab)
		}
		if ab != -ba {
			t.Fatalf("not antisymmetric: (%q, %q) = %d, reversed %d", a, b, ab, ba)
		}
		if (ab == 0) != (a == b) {
			t.Fatalf("NaturalCompare(%q, %q) = %d: 0 must mean identical", a, b, ab)
		}
		if NaturalCompare(a, a) != 0 {
			t.Fatalf("NaturalCompare(%q, itself) != 0", a)
		}
		if ab <= 0 && NaturalCompare(b, c) <= 0 && NaturalCompare(a, c) > 0 {
			t.Fatalf("not transitive: %q <= %q <= %q but %q > %q", a, b, c, a, c)
		}
	})
}

// fuzzKeys turns bytes into keys from small alphabets, three bytes a key, so that ties are common. It reads at most
// 256 keys: the properties need ties, not size, and huge inputs would only slow the fuzzer down.
func fuzzKeys(data []byte) []Key {
	data = data[:min(len(data), 3*256)]
	names := []string{"", "Ubuntu 9", "Ubuntu 22.04", "Ubuntu 22.4", "CentOS 7.10", "CentOS 7.9", "a01", "a1"}
	var keys []Key
	for i := 0; i+2 < len(data); i += 3 {
		keys = append(keys, Key{
			ID:      string([]byte{'a' + data[i]%5, '0' + data[i]/5%3}),
			Name:    names[int(data[i+1])%len(names)],
			Created: int64(data[i+2]%5) - 1, // -1, 0 (unknown), 1, 2, 3
		})
	}
	return keys
}

func FuzzSort(f *testing.F) {
	f.Add([]byte("abcabdabcxyzqqq"), uint8(0))
	f.Add([]byte{0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, uint8(1))
	f.Add([]byte{9, 3, 4, 9, 3, 4, 2, 3, 4}, uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, byIndex uint8) {
		by := []SortBy{SortByCreateTime, SortByName, SortByID}[int(byIndex)%3]
		keys := fuzzKeys(data)
		asc, desc := slices.Clone(keys), slices.Clone(keys)
		slices.Reverse(desc)
		Sort(asc, keyOf, by, OrderAsc)
		Sort(desc, keyOf, by, OrderDesc)
		for i := 1; i < len(asc); i++ {
			c := Compare(asc[i-1], asc[i], by, OrderAsc)
			if c > 0 || (c == 0 && asc[i-1] != asc[i]) {
				t.Fatalf("%s asc out of order at %d: %v then %v (%d)", by, i, asc[i-1], asc[i], c)
			}
		}
		if err := checkOrder(desc, by, OrderDesc); err != "" {
			t.Fatalf("%s desc: %s", by, err)
		}
		// Sort only permutes.
		sortedIn := slices.Clone(keys)
		slices.SortFunc(sortedIn, func(a, b Key) int { return Compare(a, b, by, OrderAsc) })
		if !slices.Equal(sortedIn, asc) {
			t.Fatalf("%s: Sort is not a permutation of its input", by)
		}
	})
}

type fuzzItem struct {
	pos  int
	mask byte
}

func FuzzFilter(f *testing.F) {
	f.Add([]byte{0xff, 0x00, 0x0f, 0xf0}, uint8(3))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8}, uint8(8))
	f.Add([]byte{}, uint8(2))
	f.Fuzz(func(t *testing.T, masks []byte, nStages uint8) {
		items := make([]fuzzItem, len(masks))
		for i, m := range masks {
			items[i] = fuzzItem{pos: i, mask: m}
		}
		before := slices.Clone(items)
		var stages []Stage[fuzzItem]
		for s := range int(nStages % 12) {
			name := "stage" + strconv.Itoa(s)
			if s == 9 {
				stages = append(stages, Stage[fuzzItem]{Name: name}) // nil Keep: keeps all
				continue
			}
			bit := byte(1) << (s % 8)
			stages = append(stages, Stage[fuzzItem]{Name: name, Keep: func(it fuzzItem) bool { return it.mask&bit != 0 }})
		}
		kept, counts := Filter(items, stages)
		if !slices.Equal(items, before) {
			t.Fatal("Filter modified its input")
		}
		if len(counts) != len(stages) {
			t.Fatalf("%d counts for %d stages", len(counts), len(stages))
		}
		prev := len(items)
		for i, c := range counts {
			if c.Stage != stages[i].Name || c.Remaining > prev || c.Remaining < 0 {
				t.Fatalf("count %d = %+v after %d remaining", i, c, prev)
			}
			prev = c.Remaining
		}
		if len(kept) != prev {
			t.Fatalf("kept %d items, last count %d", len(kept), prev)
		}
		// Kept items are a subsequence of the input, and exactly those every stage keeps.
		want := 0
		for _, it := range items {
			all := true
			for _, st := range stages {
				if st.Keep != nil && !st.Keep(it) {
					all = false
				}
			}
			if all {
				if want >= len(kept) || kept[want] != it {
					t.Fatalf("kept %v is not the expected subsequence of %v", kept, items)
				}
				want++
			}
		}
		if want != len(kept) {
			t.Fatalf("kept %d items, want %d", len(kept), want)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"", "0", "1714550400", "2024-05-01T08:00:00Z", "2024-05-01T16:00:00+08:00",
		"2024-05-01 08:00:00", "2024-05-01", "99999999999999999999", "-5", "garbage"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sec, ok := ParseTime(s)
		if !ok && sec != 0 {
			t.Fatalf("ParseTime(%q) = %d, false: want 0 when not ok", s, sec)
		}
		if s != "" && allDigits(s) {
			// Unix seconds past the year 9999 are refused: RFC 3339 cannot write them.
			n, err := strconv.ParseInt(s, 10, 64)
			if (err == nil && n <= maxRFC3339Seconds) != ok || (ok && n != sec) {
				t.Fatalf("ParseTime(%q) = %d, %v; strconv says %d, %v", s, sec, ok, n, err)
			}
		}
		formatted := FormatTime(sec) // must not panic for any value
		// Round trip through RFC 3339 for the years it can write.
		if y := time.Unix(sec, 0).UTC().Year(); ok && sec != 0 && y >= 1 && y <= 9999 {
			back, ok2 := ParseTime(formatted)
			if !ok2 || back != sec {
				t.Fatalf("ParseTime(FormatTime(%d) = %q) = %d, %v", sec, formatted, back, ok2)
			}
		}
	})
}
