package selection

import (
	"fmt"
	"regexp"
	"testing"
)

// syntheticImages builds n images that look like a large UHost catalog: mixed states, names, features and times.
func syntheticImages(n int) []testImage {
	distros := []string{"Ubuntu 22.04", "Ubuntu 20.04", "CentOS 7.9", "Debian 12", "Rocky 9.3", "Windows 2019"}
	states := []string{"Available", "Available", "Available", "Making", "Unavailable"}
	features := [][]string{{"NetEnhanced", "HotPlug"}, {"NetEnhanced"}, {"HotPlug", "CloudInit"}, nil}
	images := make([]testImage, n)
	for i := range images {
		images[i] = testImage{
			ID:       fmt.Sprintf("uimage-%08x", uint32(i)*2654435761),
			Name:     fmt.Sprintf("%s 64位 build %d", distros[i%len(distros)], i%97),
			State:    states[i%len(states)],
			Features: features[i%len(features)],
			Created:  1500000000 + int64(i%5000)*3600, // repeats: ties on create time
		}
	}
	return images
}

func BenchmarkFilterSort(b *testing.B) {
	images := syntheticImages(20000)
	nameRegex := regexp.MustCompile(`^(Ubuntu|CentOS) `)
	stages := []Stage[testImage]{
		{Name: "status", Keep: func(im testImage) bool { return ContainsFold([]string{"available"}, im.State) }},
		{Name: "name_regex", Keep: func(im testImage) bool { return nameRegex.MatchString(im.Name) }},
		{Name: "features", Keep: func(im testImage) bool { return ContainsAllFold(im.Features, []string{"hotplug"}) }},
	}
	key := func(im testImage) Key { return Key{ID: im.ID, Name: im.Name, Created: im.Created} }
	b.ReportAllocs()
	for b.Loop() {
		kept, _ := Filter(images, stages)
		Sort(kept, key, SortByCreateTime, OrderDesc)
	}
	kept, counts := Filter(images, stages)
	b.ReportMetric(float64(len(kept)), "kept")
	_ = counts
}
