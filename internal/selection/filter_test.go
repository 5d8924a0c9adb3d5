package selection

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

type testImage struct {
	ID, Name, State string
	Features        []string
	Created         int64
}

func testImages() []testImage {
	return []testImage{
		{ID: "uimage-1", Name: "Ubuntu 22.04 64位", State: "Available", Features: []string{"NetEnhanced", "HotPlug"}, Created: 1700000000},
		{ID: "uimage-2", Name: "Ubuntu 20.04 64位", State: "Available", Features: []string{"NetEnhanced"}, Created: 1600000000},
		{ID: "uimage-3", Name: "CentOS 7.9 64位", State: "Available", Features: []string{"HotPlug"}, Created: 1500000000},
		{ID: "uimage-4", Name: "Ubuntu 22.04 GPU", State: "Making", Features: []string{"GPU"}, Created: 1710000000},
		{ID: "uimage-5", Name: "Windows 2019", State: "Unavailable", Created: 0},
	}
}

func TestFilter(t *testing.T) {
	ubuntu := regexp.MustCompile(`^Ubuntu 22\.04`)
	status := Stage[testImage]{Name: "status", Detail: `["available"]`, Keep: func(im testImage) bool {
		return ContainsFold([]string{"available"}, im.State)
	}}
	nameRegex := Stage[testImage]{Name: "name_regex", Detail: `"^Ubuntu 22\\.04"`, Keep: func(im testImage) bool {
		return ubuntu.MatchString(im.Name)
	}}
	features := Stage[testImage]{Name: "features", Keep: func(im testImage) bool {
		return ContainsAllFold(im.Features, []string{"hotplug"})
	}}
	none := Stage[testImage]{Name: "nothing", Keep: func(testImage) bool { return false }}

	tests := []struct {
		name    string
		stages  []Stage[testImage]
		wantIDs []string
		want    []Count
		funnel  string
	}{
		{"no stages", nil, []string{"uimage-1", "uimage-2", "uimage-3", "uimage-4", "uimage-5"}, []Count{}, "5 fetched"},
		{"status", []Stage[testImage]{status}, []string{"uimage-1", "uimage-2", "uimage-3"},
			[]Count{{"status", 3}}, "5 fetched, 3 after status"},
		{"status then regex", []Stage[testImage]{status, nameRegex}, []string{"uimage-1"},
			[]Count{{"status", 3}, {"name_regex", 1}}, "5 fetched, 3 after status, 1 after name_regex"},
		{"regex then status", []Stage[testImage]{nameRegex, status}, []string{"uimage-1"},
			[]Count{{"name_regex", 2}, {"status", 1}}, "5 fetched, 2 after name_regex, 1 after status"},
		{"features", []Stage[testImage]{features}, []string{"uimage-1", "uimage-3"},
			[]Count{{"features", 2}}, "5 fetched, 2 after features"},
		{"empties then continues", []Stage[testImage]{status, none, nameRegex}, []string{},
			[]Count{{"status", 3}, {"nothing", 0}, {"name_regex", 0}}, "5 fetched, 3 after status, 0 after nothing, 0 after name_regex"},
		{"nil keep keeps all", []Stage[testImage]{{Name: "exclude_eol"}}, []string{"uimage-1", "uimage-2", "uimage-3", "uimage-4", "uimage-5"},
			[]Count{{"exclude_eol", 5}}, "5 fetched, 5 after exclude_eol"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := testImages()
			before := cloneImages(items)
			kept, counts := Filter(items, tt.stages)
			if kept == nil {
				t.Fatal("kept is nil, want a non-nil slice")
			}
			var ids []string
			for _, im := range kept {
				ids = append(ids, im.ID)
			}
			if ids == nil {
				ids = []string{}
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("kept %v, want %v", ids, tt.wantIDs)
			}
			if !slices.Equal(counts, tt.want) {
				t.Errorf("counts %v, want %v", counts, tt.want)
			}
			if got := Funnel(len(items), counts); got != tt.funnel {
				t.Errorf("Funnel = %q, want %q", got, tt.funnel)
			}
			if !equalImages(items, before) {
				t.Errorf("Filter modified its input: %v, was %v", items, before)
			}
		})
	}
}

func TestFilterDoesNotAliasInput(t *testing.T) {
	items := testImages()
	before := cloneImages(items)
	// A full-capacity input and a stage that keeps everything: appending to kept must not write into items.
	kept, _ := Filter(items[:3:3], []Stage[testImage]{{Name: "all", Keep: func(testImage) bool { return true }}})
	kept[0].ID = "changed"
	_ = append(kept, testImage{ID: "appended"})
	if !equalImages(items, before) {
		t.Errorf("writing to kept changed the input: %v", items)
	}
	// Dropping items from a shared slice must not reorder or clear the shared slice.
	kept, _ = Filter(items, []Stage[testImage]{{Name: "odd", Keep: func(im testImage) bool { return strings.HasSuffix(im.ID, "3") }}})
	if len(kept) != 1 || kept[0].ID != "uimage-3" || !equalImages(items, before) {
		t.Errorf("kept %v, input %v", kept, items)
	}
}

func TestFunnel(t *testing.T) {
	tests := []struct {
		fetched int
		counts  []Count
		want    string
	}{
		{312, []Count{{"status", 240}, {"name_regex", 0}}, "312 fetched, 240 after status, 0 after name_regex"},
		{0, nil, "0 fetched"},
		{7, []Count{{"status", 7}, {"", 3}}, "7 fetched, 7 after status, 3 after stage 2"},
	}
	for _, tt := range tests {
		if got := Funnel(tt.fetched, tt.counts); got != tt.want {
			t.Errorf("Funnel(%d, %v) = %q, want %q", tt.fetched, tt.counts, got, tt.want)
		}
	}
}

func cloneImages(items []testImage) []testImage {
	out := make([]testImage, len(items))
	for i, im := range items {
		out[i] = im
		out[i].Features = slices.Clone(im.Features)
	}
	return out
}

func equalImages(a, b []testImage) bool {
	return slices.EqualFunc(a, b, func(x, y testImage) bool {
		return x.ID == y.ID && x.Name == y.Name && x.State == y.State && x.Created == y.Created && slices.Equal(x.Features, y.Features)
	})
}
