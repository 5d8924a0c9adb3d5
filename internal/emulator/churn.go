package emulator

import (
	"fmt"
	"sort"
)

// Churn changes the catalog while clients page through it, as images are created and deleted on a real cloud
// during a plan. Every Nth UCloud listing answer (DescribeImage or DescribePHostImage that passed every check and
// was not throttled) first changes the images that very request matches, then answers from the changed catalog.
// Changes alternate: the first deletes the first matching image in answer order, so every later page shifts back
// by one; the next adds a copy of the first match under a new ID; and so on. Each change moves TotalCount by one.
// Zenlayer (BMC and ZEC) is never changed. Reset undoes every change.
type Churn struct {
	Every int // every Nth listing answer (N>0) changes the catalog first; 0 => never
	Limit int // at most this many changes since New or Reset; 0 => no limit
}

// churnState is the Server's record of Churn; guarded by Server.mu, like Server.catalog.
type churnState struct {
	config   Churn
	original *catalogIndex // the catalog as New built it, restored by Reset
	answers  int64         // listing answers since New or Reset
	changes  int           // changes made since New or Reset
}

// currentCatalog is the catalog to answer from; churn swaps it for a changed copy, never edits it in place.
func (s *Server) currentCatalog() *catalogIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.catalog
}

// listingCatalog counts one UCloud listing answer and returns the catalog to answer it from, changed first when
// the churn is due.
func (s *Server) listingCatalog(action string, values map[string]string) *catalogIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &s.churn
	c.answers++
	if !every(c.config.Every, c.answers) || (c.config.Limit > 0 && c.changes >= c.config.Limit) {
		return s.catalog
	}
	insert := c.changes%2 == 1
	next := *s.catalog // a shallow copy: the slice that changes is replaced, the others are shared
	changed := false
	switch action {
	case actionDescribeImage:
		next.uhost, changed = churnList(s.catalog.uhost, filterUHost(s.catalog.uhost, values), insert, c.changes+1,
			func(img *UHostImage) *string { return &img.ImageID })
	case actionDescribePHostImage:
		next.phost, changed = churnList(s.catalog.phost, filterPHost(s.catalog.phost, values), insert, c.changes+1,
			func(img *PHostImage) *string { return &img.ImageID })
	}
	if changed {
		s.catalog = &next
		c.changes++
	}
	return s.catalog
}

// resetChurn undoes every change; the caller holds s.mu.
func (s *Server) resetChurn() {
	s.catalog = s.churn.original
	s.churn.answers = 0
	s.churn.changes = 0
}

// churnList returns a new list without the first match (insert false) or with a copy of it under a new ID, kept
// in answer order (insert true). Without a match there is nothing to change.
func churnList[T any](list []T, matches []*T, insert bool, change int, idOf func(*T) *string) ([]T, bool) {
	if len(matches) == 0 {
		return list, false
	}
	first := matches[0]
	at := -1
	for i := range list {
		if *idOf(&list[i]) == *idOf(first) {
			at = i
			break
		}
	}
	if at < 0 {
		return list, false
	}
	out := make([]T, 0, len(list)+1)
	if !insert {
		out = append(append(out, list[:at]...), list[at+1:]...)
		return out, true
	}
	added := *first
	*idOf(&added) = fmt.Sprintf("%s-new%d", *idOf(first), change)
	pos := sort.Search(len(list), func(i int) bool { return idOrderLess(*idOf(&added), *idOf(&list[i])) })
	out = append(append(append(out, list[:pos]...), added), list[pos:]...)
	return out, true
}
