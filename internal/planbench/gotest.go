package main

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// benchLine is one result line of `go test -bench`.
type benchLine struct {
	Name       string // without the "Benchmark" function's -GOMAXPROCS suffix
	Iterations int64
	Metrics    []benchMetric // in the order go test printed them
}

type benchMetric struct {
	Value float64
	Unit  string
}

// benchOutput is a parsed `go test -bench` output file; Missing says why there is none.
type benchOutput struct {
	File    string
	Lines   []benchLine
	Missing string
}

func (l benchLine) metric(unit string) (float64, bool) {
	for _, m := range l.Metrics {
		if m.Unit == unit {
			return m.Value, true
		}
	}
	return 0, false
}

var gomaxprocsSuffix = regexp.MustCompile(`-\d+$`)

func readBenchFile(name string) benchOutput {
	out := benchOutput{File: name}
	if name == "" {
		out.Missing = "not run"
		return out
	}
	data, err := os.ReadFile(name)
	if err != nil {
		out.Missing = err.Error()
		return out
	}
	out.Lines = parseBench(string(data))
	if len(out.Lines) == 0 {
		out.Missing = "no benchmark results in " + name
	}
	return out
}

func parseBench(text string) []benchLine {
	var lines []benchLine
	for _, raw := range strings.Split(text, "\n") {
		f := strings.Fields(raw)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		l := benchLine{Name: gomaxprocsSuffix.ReplaceAllString(f[0], ""), Iterations: n}
		ok := true
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			l.Metrics = append(l.Metrics, benchMetric{Value: v, Unit: f[i+1]})
		}
		if ok {
			lines = append(lines, l)
		}
	}
	return lines
}

// units lists every unit of lines, in order of first appearance.
func (o benchOutput) units() []string {
	seen := map[string]bool{}
	var units []string
	for _, l := range o.Lines {
		for _, m := range l.Metrics {
			if !seen[m.Unit] {
				seen[m.Unit] = true
				units = append(units, m.Unit)
			}
		}
	}
	return units
}

// find returns the first line whose name has every part as one of its segments ("concurrency=1" is not
// "concurrency=10").
func (o benchOutput) find(parts ...string) (benchLine, bool) {
	for _, l := range o.Lines {
		segments := strings.Split(l.Name, "/")
		if !slices.ContainsFunc(parts, func(p string) bool { return !slices.Contains(segments, p) }) {
			return l, true
		}
	}
	return benchLine{}, false
}
