package main

import (
	"fmt"
	"time"
)

// Targets of issue 12, measured on the provider under test.
const (
	targetAboveCPU      = 400 * time.Millisecond
	targetAboveRSSKiB   = 84 * 1024
	targetAboveWallRate = 0.65
	targetIDsOverFloor  = 300 * time.Millisecond
)

func (in reportInput) issue12Verdicts() []verdict {
	var out []verdict
	above, haveAbove := in.scenario("above")
	m := above.current()
	haveAbove = haveAbove && m.ok()

	v := verdict{Target: fmt.Sprintf("the plan above: provider CPU ≤ %s", formatSeconds(targetAboveCPU))}
	if haveAbove {
		v.Measured = fmt.Sprintf("%s (median of %d plans, user + system of every provider process)", formatSeconds(m.cpu()), len(m.CPUs))
		v.Met = judged(m.cpu() <= targetAboveCPU)
	}
	out = append(out, v)

	v = verdict{Target: fmt.Sprintf("the plan above: provider peak RSS ≤ %s (the official ucloud provider's)", formatKiB(targetAboveRSSKiB))}
	if haveAbove {
		v.Measured = formatKiB(m.PeakRSSKiB)
		v.Met = judged(m.PeakRSSKiB <= targetAboveRSSKiB)
	}
	out = append(out, v)

	v = verdict{Target: fmt.Sprintf("the plan above: wall ≤ %.2f × the baseline's, side by side", targetAboveWallRate)}
	if haveAbove && len(above.Results) > 1 && above.Results[0].ok() {
		base := above.Results[0]
		rate := float64(m.wall()) / float64(base.wall())
		v.Measured = fmt.Sprintf("%s vs %s (%s): %.2f ×", formatSeconds(m.wall()), formatSeconds(base.wall()), in.Providers[0].label, rate)
		v.Met = judged(rate <= targetAboveWallRate)
	}
	out = append(out, v)

	v = verdict{Target: fmt.Sprintf("three ID-only lookups: wall within %s of the K = 0 floor plus their round trips", formatSeconds(targetIDsOverFloor))}
	ids, haveIDs := in.scenario("ids")
	floor, haveFloor := in.floor(ids)
	switch {
	case haveIDs && ids.current().Err != "":
		v.Measured = "the cell failed: " + ids.current().Err
		v.Met = judged(false)
	case haveIDs && haveFloor && ids.current().ok() && floor.current().ok():
		trips := roundTrips(ids.QueryImages, pageSize, defaultConcurrency)
		latency := time.Duration(trips) * in.Options.latency
		limit := floor.current().wall() + latency + targetIDsOverFloor
		v.Measured = fmt.Sprintf("%s; floor %s + %d round trips × %s + %s = %s", formatSeconds(ids.current().wall()),
			formatSeconds(floor.current().wall()), trips, in.Options.latency, formatSeconds(targetIDsOverFloor), formatSeconds(limit))
		v.Met = judged(ids.current().wall() <= limit)
	}
	return append(out, v)
}
