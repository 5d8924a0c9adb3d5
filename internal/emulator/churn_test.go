package emulator

import (
	"strings"
	"sync"
	"testing"
)

// churnPage asks for one DescribeImage page of cn-bj2.
func churnPage(t *testing.T, baseURL string, offset, limit int) ucloudAnswer {
	t.Helper()
	got := callUCloud(t, baseURL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2",
		"Offset": itoa(offset), "Limit": itoa(limit)})
	if got.RetCode != 0 {
		t.Fatalf("RetCode %d: %s", got.RetCode, got.raw)
	}
	return got
}

func TestChurn_ChangesTheCatalogBetweenPages(t *testing.T) {
	catalog := GenerateCatalog(45, "cn-bj2", "cn-bj2-02", 7)
	tests := []struct {
		name       string
		churn      Churn
		wantTotals []int // TotalCount of requests 1, 2, 3, ...
	}{
		{name: "off", churn: Churn{}, wantTotals: []int{45, 45, 45, 45}},
		{name: "every second answer, once", churn: Churn{Every: 2, Limit: 1}, wantTotals: []int{45, 44, 44, 44, 44}},
		{name: "every answer, alternating", churn: Churn{Every: 1}, wantTotals: []int{44, 45, 44, 45, 44}},
		{name: "every third answer, twice", churn: Churn{Every: 3, Limit: 2}, wantTotals: []int{45, 45, 44, 44, 44, 45, 45, 45, 45}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := newUCloudServer(t, Options{Catalog: catalog, Churn: tt.churn})
			for i, want := range tt.wantTotals {
				if got := churnPage(t, srv.URL, 0, 100); got.TotalCount != want || len(got.ImageSet) != want {
					t.Fatalf("request %d: TotalCount %d with %d images, want %d", i+1, got.TotalCount, len(got.ImageSet), want)
				}
			}
		})
	}
}

// A deletion takes the first image in answer order, so every later page shifts back by one: the image that was
// first on page 2 is now the last of page 1, and a client that read page 1 before the change never sees it.
func TestChurn_DeletionShiftsLaterPages(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: GenerateCatalog(45, "cn-bj2", "cn-bj2-02", 7), Churn: Churn{Every: 2, Limit: 1}})
	before := churnPage(t, srv.URL, 0, 45).ids() // the first answer: unchanged
	after := churnPage(t, srv.URL, 0, 45).ids()  // the second answer: changed first
	if len(after) != 44 || after[0] != before[1] || contains(after, before[0]) {
		t.Fatalf("after the change the list starts %v, want %v without %s", after[:3], before[1:4], before[0])
	}
	page2 := churnPage(t, srv.URL, 10, 10).ids()
	if after[9] != before[10] || page2[0] != before[11] {
		t.Errorf("page 2 starts with %s, want %s: the old first of page 2, %s, moved to page 1", page2[0], before[11], before[10])
	}
}

func TestChurn_InsertionAddsACopyThatMatches(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog(), Churn: Churn{Every: 1, Limit: 2}})
	zone := map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Zone": "cn-bj2-02", "Limit": "100"}
	first := callUCloud(t, srv.URL, zone)  // change 1 deletes the first cn-bj2-02 image
	second := callUCloud(t, srv.URL, zone) // change 2 adds a copy of the new first one
	if first.TotalCount != 3 || second.TotalCount != 4 {
		t.Fatalf("TotalCount %d then %d, want 3 then 4", first.TotalCount, second.TotalCount)
	}
	var added []string
	for _, id := range second.ids() {
		if strings.HasSuffix(id, "-new2") {
			added = append(added, id)
		}
	}
	if len(added) != 1 || added[0] != first.ids()[0]+"-new2" {
		t.Errorf("added %v, want a copy of %s", added, first.ids()[0])
	}
	// Other zones and regions keep their images.
	if got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "hk"}); got.TotalCount != 1 {
		t.Errorf("hk TotalCount %d, want 1", got.TotalCount)
	}
}

func TestChurn_PHost(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: filterCatalog(), Churn: Churn{Every: 2, Limit: 1}})
	params := map[string]string{"Action": "DescribePHostImage", "Region": "cn-bj2", "Zone": "cn-bj2-05"}
	totals := []int{callUCloud(t, srv.URL, params).TotalCount, callUCloud(t, srv.URL, params).TotalCount}
	if totals[0] != 3 || totals[1] != 2 {
		t.Errorf("TotalCount %v, want [3 2]", totals)
	}
}

// Throttled answers and requests refused before the listing do not count towards Every.
func TestChurn_CountsOnlyListingAnswers(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: GenerateCatalog(45, "cn-bj2", "cn-bj2-02", 7),
		Faults: Faults{ThrottleEvery: 2}, Churn: Churn{Every: 2, Limit: 1}})
	var totals []int
	for range 4 { // answered, throttled, answered (change), throttled
		got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2", "Limit": "100"})
		totals = append(totals, got.TotalCount)
	}
	if totals[0] != 45 || totals[1] != 0 || totals[2] != 44 {
		t.Errorf("TotalCount %v, want 45, (throttled), 44", totals)
	}
}

func TestChurn_ResetRestoresTheCatalog(t *testing.T) {
	emu, srv := newUCloudServer(t, Options{Catalog: GenerateCatalog(45, "cn-bj2", "cn-bj2-02", 7), Churn: Churn{Every: 2, Limit: 1}})
	churnPage(t, srv.URL, 0, 100)
	if got := churnPage(t, srv.URL, 0, 100).TotalCount; got != 44 {
		t.Fatalf("TotalCount %d after the change, want 44", got)
	}
	emu.Reset()
	// Answer numbering starts again: the first answer is unchanged, the second changes again.
	if got := churnPage(t, srv.URL, 0, 100).TotalCount; got != 45 {
		t.Errorf("TotalCount %d after Reset, want 45", got)
	}
	if got := churnPage(t, srv.URL, 0, 100).TotalCount; got != 44 {
		t.Errorf("TotalCount %d on the second answer after Reset, want 44", got)
	}
}

// Concurrent pages under continuous churn: run with -race; every answer is one of the two catalog sizes.
func TestChurn_Concurrent(t *testing.T) {
	_, srv := newUCloudServer(t, Options{Catalog: GenerateCatalog(200, "cn-bj2", "cn-bj2-02", 7), Churn: Churn{Every: 1}})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				got := callUCloud(t, srv.URL, map[string]string{"Action": "DescribeImage", "Region": "cn-bj2",
					"Offset": itoa((i*5 + j) % 200), "Limit": "20"})
				if got.TotalCount != 199 && got.TotalCount != 200 {
					t.Errorf("TotalCount %d, want 199 or 200", got.TotalCount)
				}
			}
		}()
	}
	wg.Wait()
}
