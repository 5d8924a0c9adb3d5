package selection

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNaturalCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "a", -1},
		{"Ubuntu 9", "Ubuntu 22", -1},
		{"Ubuntu 22.04", "Ubuntu 22.04", 0},
		{"7.10", "7.9", 1},
		{"7.9", "7.10", -1},
		{"CentOS7.4-x86_64", "CentOS7.10-x86_64", -1},
		{"CentOS 7.9 64位", "CentOS 8.2 64位", -1},
		{"Debian 10", "Debian 9", 1},
		{"1", "01", -1},
		{"01", "1", 1},
		{"01", "001", -1},
		{"a01b", "a1c", 1}, // equal values: the shorter run decides before the rest
		{"img2", "img10", -1},
		{"img", "img1", -1},
		{"img1", "img1a", -1},
		{"a", "B", -1}, // letter case is ignored first ...
		{"a", "A", 1},  // ... and breaks ties byte-wise
		{"ubuntu22-k8s", "Ubuntu24.04", -1},
		{"x9", "x/", 1},  // '/' (0x2F) sorts before any digit run
		{"x9", "x:", -1}, // ':' (0x3A) sorts after any digit run
		{"99999999999999999999999", "100000000000000000000000", -1}, // longer than int64
		{"0", "00", -1},
		{"v1.2.3", "v1.2.3", 0},
		{"v1.2.3", "v1.2.3-rc1", -1},
	}
	for _, tt := range tests {
		if got := NaturalCompare(tt.a, tt.b); got != tt.want {
			t.Errorf("NaturalCompare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := NaturalCompare(tt.b, tt.a); got != -tt.want {
			t.Errorf("NaturalCompare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestNaturalCompareSortsVersions(t *testing.T) {
	want := []string{"CentOS 6.5", "CentOS 7.4", "CentOS 7.9", "CentOS 7.10", "CentOS 8", "Ubuntu 9.04", "Ubuntu 18.04", "Ubuntu 22.04"}
	got := slices.Clone(want)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
	slices.SortFunc(got, NaturalCompare)
	if !slices.Equal(got, want) {
		t.Errorf("sorted %q, want %q", got, want)
	}
}

// randomNaturalString draws from a small alphabet rich in digits, zeros and separators so ties and prefixes are common.
func randomNaturalString(r *rand.Rand) string {
	const alphabet = "0019a.-/:Aé"
	n := r.IntN(7)
	b := make([]byte, 0, n)
	for range n {
		b = append(b, alphabet[r.IntN(len(alphabet))])
	}
	return string(b)
}

func TestNaturalCompareIsTotalOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	strs := make([]string, 300)
	for i := range strs {
		strs[i] = randomNaturalString(r)
	}
	for _, a := range strs {
		if NaturalCompare(a, a) != 0 {
			t.Fatalf("NaturalCompare(%q, itself) != 0", a)
		}
		for _, b := range strs {
			ab, ba := NaturalCompare(a, b), NaturalCompare(b, a)
			if ab != -ba {
				t.Fatalf("not antisymmetric: (%q, %q) = %d, reversed %d", a, b, ab, ba)
			}
			if (ab == 0) != (a == b) {
				t.Fatalf("NaturalCompare(%q, %q) = %d: 0 must mean identical", a, b, ab)
			}
		}
	}
	// Transitivity, checked on sampled triples over the same pool.
	for range 200000 {
		a, b, c := strs[r.IntN(len(strs))], strs[r.IntN(len(strs))], strs[r.IntN(len(strs))]
		if NaturalCompare(a, b) <= 0 && NaturalCompare(b, c) <= 0 && NaturalCompare(a, c) > 0 {
			t.Fatalf("not transitive: %q <= %q <= %q but %q > %q", a, b, c, a, c)
		}
	}
	// A sort of the pool must come out sorted for every adjacent pair too.
	sorted := slices.Clone(strs)
	slices.SortFunc(sorted, NaturalCompare)
	for i := 1; i < len(sorted); i++ {
		if NaturalCompare(sorted[i-1], sorted[i]) > 0 {
			t.Fatalf("sorted pool out of order at %d: %q > %q", i, sorted[i-1], sorted[i])
		}
	}
}
