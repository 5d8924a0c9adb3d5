package main

import (
	"fmt"
	"sort"
	"strings"
)

// cell is one configuration planned over one generated catalog.
type cell struct {
	name     string // shown in the report: "K = 5", or a scenario's title
	scenario string // "" for the K matrix, else the -scenarios name
	images   int
	specs    []dataSourceSpec
}

// scenarioImages is the catalog of issue 12's measurements: 3,000 UHost images in one region.
const scenarioImages = 3000

// scenario is a named cell from issue 12, planned over scenarioImages images.
type scenario struct {
	name, title, description string
	specs                    func() []dataSourceSpec
}

var scenarios = []scenario{
	{
		name:  "above",
		title: "the plan above",
		description: "issue 12's plan: three unfiltered `imagepick_uhost_images`, one with `name_regex`, one " +
			"`imagepick_uhost_image` with `most_recent = true`, all region-wide",
		specs: func() []dataSourceSpec {
			return []dataSourceSpec{
				{name: "all_0"},
				{name: "all_1"},
				{name: "all_2"},
				{name: "ubuntu", nameRegex: `^Ubuntu 22\.04`},
				{name: "newest", kind: kindSingle},
			}
		},
	},
	{
		name:  "typical",
		title: "typical",
		description: "five `imagepick_uhost_image` exactly-one lookups region-wide, each with its own `name_regex` " +
			"and `most_recent = true`",
		specs: func() []dataSourceSpec {
			regexes := []string{`^Ubuntu 22\.04 64位$`, `^Ubuntu 24\.04 64位$`, `^Debian 12`, `^Rocky Linux 9`,
				`^Windows Server 2022 64位 英文版$`}
			specs := make([]dataSourceSpec, len(regexes))
			for i, re := range regexes {
				specs[i] = dataSourceSpec{name: fmt.Sprintf("pick_%d", i), kind: kindSingle, nameRegex: re}
			}
			return specs
		},
	},
	{
		name:  "ids",
		title: "ids",
		description: "three unfiltered `imagepick_uhost_image_ids` region-wide: default order, `sort_by = \"name\"`, " +
			"`sort_order = \"asc\"` (the data source is new with issue 12: a provider without it fails this cell)",
		specs: func() []dataSourceSpec {
			return []dataSourceSpec{
				{name: "ids_newest", kind: kindIDs},
				{name: "ids_by_name", kind: kindIDs, sortBy: "name"},
				{name: "ids_oldest", kind: kindIDs, sortOrder: "asc"},
			}
		},
	},
}

func scenarioNames() string {
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.name
	}
	return strings.Join(names, ",")
}

func findScenario(name string) (scenario, bool) {
	for _, s := range scenarios {
		if s.name == name {
			return s, true
		}
	}
	return scenario{}, false
}

// planCells lists the K matrix over every catalog size, then the named scenarios, plus a K = 0 floor for every
// catalog size that lacks one, grouped by catalog size (smallest first) with the floor first in each group.
func planCells(images, ks []int, scenarioList []string) ([]cell, error) {
	var cells []cell
	for _, n := range images {
		for _, k := range ks {
			cells = append(cells, cell{name: fmt.Sprintf("K = %d", k), images: n, specs: matrixSpecs(k)})
		}
	}
	for _, name := range scenarioList {
		s, ok := findScenario(name)
		if !ok {
			return nil, fmt.Errorf("unknown scenario %q: use some of %s", name, scenarioNames())
		}
		cells = append(cells, cell{name: s.title, scenario: s.name, images: scenarioImages, specs: s.specs()})
	}
	floors := map[int]bool{}
	for _, c := range cells {
		floors[c.images] = floors[c.images] || c.isFloor()
	}
	for n, ok := range floors {
		if !ok {
			cells = append(cells, cell{name: "K = 0", images: n})
		}
	}
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].images != cells[j].images {
			return cells[i].images < cells[j].images
		}
		return cells[i].isFloor() && !cells[j].isFloor()
	})
	return cells, nil
}

// isFloor reports whether the cell reads nothing: its figures are what starting Terraform and the provider cost.
func (c cell) isFloor() bool { return len(c.specs) == 0 }
