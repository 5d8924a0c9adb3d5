package selection

import (
	"cmp"
	"slices"
	"strings"
)

// SortBy names the primary sort key, as the data sources' sort_by attribute spells it.
type SortBy string

const (
	SortByCreateTime SortBy = "create_time"
	SortByName       SortBy = "name"
	SortByID         SortBy = "id"
)

// Order is the sort direction, as the data sources' sort_order attribute spells it.
type Order string

const (
	OrderAsc  Order = "asc"
	OrderDesc Order = "desc"
)

// Key is what Sort orders an image by. Created is in Unix seconds; 0 means unknown and sorts as the oldest.
type Key struct {
	ID, Name string
	Created  int64
}

// Compare orders two keys: by the primary key chosen by by (create_time numerically, name with NaturalCompare, id
// byte-wise) in order's direction, then, always ascending, by Name (NaturalCompare), ID (byte-wise) and Created,
// so it returns 0 only for equal keys. An unknown by sorts by create_time; any order but OrderDesc is ascending.
// Only the primary key is reversed: images created at the same time read A→Z in either direction.
func Compare(a, b Key, by SortBy, order Order) int {
	c := comparePrimary(a, b, by)
	if order == OrderDesc {
		c = -c
	}
	if c != 0 {
		return c
	}
	return compareTies(a, b)
}

func comparePrimary(a, b Key, by SortBy) int {
	switch by {
	case SortByName:
		return NaturalCompare(a.Name, b.Name)
	case SortByID:
		return strings.Compare(a.ID, b.ID)
	}
	return compareCreated(a.Created, b.Created)
}

func compareTies(a, b Key) int {
	if c := NaturalCompare(a.Name, b.Name); c != 0 {
		return c
	}
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return compareCreated(a.Created, b.Created)
}

// compareCreated puts unknown (0) before every known time, even a negative one.
func compareCreated(a, b int64) int {
	if a == b {
		return 0
	}
	if a == 0 {
		return -1
	}
	if b == 0 {
		return 1
	}
	return cmp.Compare(a, b)
}

// Sort sorts items in place by Compare, calling key once per item. Items whose keys are equal keep their input
// order, so the result is deterministic. A nil key leaves items as they are.
func Sort[T any](items []T, key func(T) Key, by SortBy, order Order) {
	if len(items) < 2 || key == nil {
		return
	}
	// Sort small (key, index) pairs and permute once: moving the items themselves (images are hundreds of bytes)
	// inside a stable merge sort cost more than the comparisons.
	type keyed struct {
		key   Key
		index int
	}
	tmp := make([]keyed, len(items))
	for i, item := range items {
		tmp[i] = keyed{key: key(item), index: i}
	}
	slices.SortFunc(tmp, func(x, y keyed) int {
		if c := Compare(x.key, y.key, by, order); c != 0 {
			return c
		}
		return x.index - y.index // identical keys keep their input order
	})
	sorted := make([]T, len(items))
	for i, k := range tmp {
		sorted[i] = items[k.index]
	}
	copy(items, sorted)
}
