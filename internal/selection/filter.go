package selection

import (
	"strconv"
	"strings"
)

// Stage is one local filter. Name is the attribute name the user set (e.g. "name_regex"), Detail how it was set
// (e.g. `"^Ubuntu 22\\.04"`), for messages. A nil Keep keeps every item.
type Stage[T any] struct {
	Name, Detail string
	Keep         func(T) bool
}

// Count is how many items remained after the stage named Stage.
type Count struct {
	Stage     string
	Remaining int
}

// Filter applies stages in order and returns the items every stage kept, in their original order, plus one Count
// per stage. It never modifies items (API results are shared, cached slices): kept is always a new slice, never nil.
func Filter[T any](items []T, stages []Stage[T]) (kept []T, counts []Count) {
	// One pass: an item counts for every stage it gets through; only the survivors are copied, once, into a slice
	// of the right size (items may be large structs).
	remaining := make([]int, len(stages))
	var survivors []int
	for i, item := range items {
		survived := true
		for s, stage := range stages {
			if stage.Keep != nil && !stage.Keep(item) {
				survived = false
				break
			}
			remaining[s]++
		}
		if survived {
			survivors = append(survivors, i)
		}
	}
	kept = make([]T, len(survivors))
	for k, i := range survivors {
		kept[k] = items[i]
	}
	counts = make([]Count, len(stages))
	for s, stage := range stages {
		counts[s] = Count{Stage: stage.Name, Remaining: remaining[s]}
	}
	return kept, counts
}

// Funnel renders counts for a diagnostic: "312 fetched, 240 after status, 0 after name_regex". A stage without a
// name is called by its position ("after stage 2").
func Funnel(fetched int, counts []Count) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(fetched))
	b.WriteString(" fetched")
	for i, c := range counts {
		b.WriteString(", ")
		b.WriteString(strconv.Itoa(c.Remaining))
		b.WriteString(" after ")
		if c.Stage == "" {
			b.WriteString("stage ")
			b.WriteString(strconv.Itoa(i + 1))
		} else {
			b.WriteString(c.Stage)
		}
	}
	return b.String()
}
