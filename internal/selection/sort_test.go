package selection

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func keyOf(k Key) Key { return k }

func TestSort(t *testing.T) {
	keys := []Key{
		{ID: "uimage-b", Name: "Ubuntu 22.04", Created: 1700000000},
		{ID: "uimage-a", Name: "Ubuntu 22.04", Created: 1700000000}, // tie on Created and Name: ID decides
		{ID: "uimage-c", Name: "Ubuntu 9.04", Created: 1700000000},  // tie on Created: Name (natural) decides
		{ID: "uimage-d", Name: "CentOS 7.10", Created: 1500000000},
		{ID: "uimage-e", Name: "CentOS 7.9", Created: 0}, // unknown time: oldest
		{ID: "uimage-f", Name: "Ancient", Created: -1},   // before 1970, still newer than unknown
	}
	tests := []struct {
		by    SortBy
		order Order
		want  []string
	}{
		{SortByCreateTime, OrderAsc, []string{"uimage-e", "uimage-f", "uimage-d", "uimage-c", "uimage-a", "uimage-b"}},
		// Equal times read A→Z, then by ID, in either direction: only the primary key is reversed.
		{SortByCreateTime, OrderDesc, []string{"uimage-c", "uimage-a", "uimage-b", "uimage-d", "uimage-f", "uimage-e"}},
		{SortByName, OrderAsc, []string{"uimage-f", "uimage-e", "uimage-d", "uimage-c", "uimage-a", "uimage-b"}},
		{SortByName, OrderDesc, []string{"uimage-a", "uimage-b", "uimage-c", "uimage-d", "uimage-e", "uimage-f"}},
		{SortByID, OrderAsc, []string{"uimage-a", "uimage-b", "uimage-c", "uimage-d", "uimage-e", "uimage-f"}},
		{SortByID, OrderDesc, []string{"uimage-f", "uimage-e", "uimage-d", "uimage-c", "uimage-b", "uimage-a"}},
		{"", "", []string{"uimage-e", "uimage-f", "uimage-d", "uimage-c", "uimage-a", "uimage-b"}}, // defaults: create_time asc
	}
	for _, tt := range tests {
		t.Run(string(tt.by)+"_"+string(tt.order), func(t *testing.T) {
			for seed := range uint64(5) {
				items := slices.Clone(keys)
				rand.New(rand.NewPCG(seed, 0)).Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
				Sort(items, keyOf, tt.by, tt.order)
				if got := ids(items); !slices.Equal(got, tt.want) {
					t.Errorf("seed %d: %v, want %v", seed, got, tt.want)
				}
			}
		})
	}
}

func TestSortTotal(t *testing.T) {
	// Keys that differ in one field only must never compare equal, whatever the primary key.
	base := Key{ID: "x", Name: "n", Created: 5}
	others := []Key{{ID: "y", Name: "n", Created: 5}, {ID: "x", Name: "m", Created: 5}, {ID: "x", Name: "n", Created: 6}, {ID: "x", Name: "n", Created: 0}}
	for _, by := range []SortBy{SortByCreateTime, SortByName, SortByID} {
		for _, order := range []Order{OrderAsc, OrderDesc} {
			if c := Compare(base, base, by, order); c != 0 {
				t.Errorf("Compare(k, k, %s, %s) = %d", by, order, c)
			}
			for _, o := range others {
				if c := Compare(base, o, by, order); c == 0 {
					t.Errorf("Compare(%v, %v, %s, %s) = 0 for distinct keys", base, o, by, order)
				}
			}
		}
	}
}

func TestSortEdgeCases(t *testing.T) {
	Sort[Key](nil, keyOf, SortByName, OrderAsc)
	one := []Key{{ID: "a"}}
	Sort(one, keyOf, SortByName, OrderAsc)
	two := []Key{{ID: "b"}, {ID: "a"}}
	Sort(two, nil, SortByID, OrderAsc) // nil key: left alone, no panic
	if two[0].ID != "b" {
		t.Errorf("nil key reordered items: %v", two)
	}
	// Identical keys keep their input order (stable), in either direction.
	type tagged struct {
		k   Key
		pos int
	}
	same := []tagged{{Key{ID: "a"}, 0}, {Key{ID: "a"}, 1}, {Key{ID: "a"}, 2}}
	for _, order := range []Order{OrderAsc, OrderDesc} {
		Sort(same, func(x tagged) Key { return x.k }, SortByID, order)
		for i, x := range same {
			if x.pos != i {
				t.Errorf("%s: identical keys reordered: %v", order, same)
			}
		}
	}
}

func randomKey(r *rand.Rand) Key {
	// Small ranges so ties on Created and Name are frequent.
	names := []string{"Ubuntu 9", "Ubuntu 22.04", "Ubuntu 22.4", "CentOS 7.10", "CentOS 7.9", "", "a01", "a1"}
	return Key{
		ID:      string(rune('a'+r.IntN(6))) + string(rune('a'+r.IntN(6))),
		Name:    names[r.IntN(len(names))],
		Created: int64(r.IntN(4)) * 1000,
	}
}

func TestSortDescReversesOnlyThePrimaryKey(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for round := range 200 {
		var keys []Key
		for range r.IntN(40) {
			keys = append(keys, randomKey(r))
		}
		for _, by := range []SortBy{SortByCreateTime, SortByName, SortByID} {
			for _, order := range []Order{OrderAsc, OrderDesc} {
				items := slices.Clone(keys)
				Sort(items, keyOf, by, order)
				if err := checkOrder(items, by, order); err != "" {
					t.Fatalf("round %d %s %s: %s", round, by, order, err)
				}
			}
		}
	}
}

// checkOrder says where items break the documented order: the primary key in order's direction, ties ascending.
func checkOrder(items []Key, by SortBy, order Order) string {
	for i := 1; i < len(items); i++ {
		prev, cur := items[i-1], items[i]
		p := comparePrimary(prev, cur, by)
		if order == OrderDesc {
			p = -p
		}
		if p > 0 || (p == 0 && compareTies(prev, cur) > 0) {
			return fmt.Sprintf("out of order at %d: %v then %v", i, prev, cur)
		}
	}
	return ""
}

func ids(keys []Key) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.ID
	}
	return out
}
