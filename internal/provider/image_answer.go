package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// This file checks a family's answer against what was asked and explains what a lookup did not find: images the
// API returned although they do not match a sent filter, requested IDs missing, and an answer with no image at all.

// selected is the outcome of a query: the images every filter kept, with what messages need to explain it.
type selected[I any] struct {
	images  []*I // into the client's shared answer: never modified
	values  map[string]filterValue
	funnel  string   // "N fetched, M after status, ..."
	filters []string // every filter applied, defaults included
	fetched []*I     // every image the API returned, before any check
	checks  []check[I]
	// unrequested counts, per sent filter, the images of the answer it dropped, in the order of the filters.
	unrequested []dropped
}

// dropped is how many images of the answer one sent filter left out; filter is as short renders it.
type dropped struct {
	filter string
	images int
}

// check is one test every image of the answer must pass: a sent filter verified on the answer, or a local filter.
type check[I any] struct {
	filter    string // the filter's name
	described string // as describe renders it
	short     string // as short renders it
	keep      func(*I) bool
	verified  bool // a sent filter, checked on the answer
}

// checks returns what every image of the answer must pass, the sent filters' checks first, and every set filter
// described for messages.
func (f *family[R, I]) checks(values map[string]filterValue) ([]check[I], []string, diag.Diagnostics) {
	var diags diag.Diagnostics
	var verified, local []check[I]
	var described []string
	for _, flt := range f.filters {
		v := values[flt.name]
		if !v.set {
			continue
		}
		c := check[I]{filter: flt.name, described: flt.describe(v), short: flt.short(v)}
		described = append(described, c.described)
		switch {
		case flt.verify != nil:
			c.keep, c.verified = flt.verify(v), true
			verified = append(verified, c)
		case flt.keep != nil:
			keep, err := flt.keep(v)
			if err != nil { // the validator has checked the value already
				diags.AddAttributeError(path.Root(flt.name), "Invalid "+flt.name,
					fmt.Sprintf("%s cannot be applied. Please report this issue to the provider developers: %s", flt.name, err))
				return nil, nil, diags
			}
			c.keep = keep
			local = append(local, c)
		}
	}
	return append(verified, local...), described, diags
}

// apply runs the checks over the answer: the verified ones count the images they drop, the local ones make the
// funnel of "no match" errors.
func apply[I any](all []*I, checks []check[I]) *selected[I] {
	var verified, local []selection.Stage[*I]
	for _, c := range checks {
		stage := selection.Stage[*I]{Name: c.filter, Detail: c.short, Keep: c.keep}
		if c.verified {
			verified = append(verified, stage)
		} else {
			local = append(local, stage)
		}
	}
	sel := &selected[I]{fetched: all, checks: checks}
	matching, counts := selection.Filter(all, verified)
	previous := len(all)
	for i, c := range counts {
		if n := previous - c.Remaining; n > 0 {
			sel.unrequested = append(sel.unrequested, dropped{filter: verified[i].Detail, images: n})
		}
		previous = c.Remaining
	}
	kept, localCounts := selection.Filter(matching, local)
	if len(matching) < len(all) {
		localCounts = append([]selection.Count{{Stage: "checking the answer against the request", Remaining: len(matching)}},
			localCounts...)
	}
	sel.images, sel.funnel = kept, selection.Funnel(len(all), localCounts)
	return sel
}

// unrequestedWarning reports the images the API returned although they do not match what was sent.
func (f *family[R, I]) unrequestedWarning(dataSource string, sel *selected[I]) diag.Diagnostics {
	var diags diag.Diagnostics
	if len(sel.unrequested) == 0 {
		return diags
	}
	total := 0
	parts := make([]string, len(sel.unrequested))
	for i, d := range sel.unrequested {
		total += d.images
		parts[i] = fmt.Sprintf("%s (%d)", d.filter, d.images)
	}
	diags.AddWarning("API Returned Images Not Asked For",
		fmt.Sprintf("%s: the API returned %d %s that %s not match what was asked: %s. They were left out.\n\n"+
			"The API, or a proxy in front of it, ignored these filters; check that the %s base URL points at the API itself.",
			dataSource, total, plural(total, "image", "images"), plural(total, "does", "do"), strings.Join(parts, ", "),
			f.cloud.name))
	return diags
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// missingIDs warns about requested IDs that are not in the result, saying for each whether the API returned it
// and which filter left it out, and where the lookup looked.
func (f *family[R, I]) missingIDs(dataSource string, sel *selected[I]) diag.Diagnostics {
	var diags diag.Diagnostics
	requested := sel.values[imageIDsFilter].list
	lines, kept := f.idReport(sel)
	if len(lines) == 0 {
		return diags
	}
	diags.AddAttributeWarning(path.Root(imageIDsFilter), "Requested Images Missing",
		fmt.Sprintf("%s returns %d of the %d images in image_ids:\n%s\n\n%sCheck the IDs against the images this data "+
			"source can see, or remove them from image_ids.",
			dataSource, kept, len(requested), strings.Join(lines, "\n"), f.whereLooked(sel.values)))
	return diags
}

// idReport explains, one line each, the requested IDs missing from the result, and counts those in it.
func (f *family[R, I]) idReport(sel *selected[I]) (lines []string, kept int) {
	requested := sel.values[imageIDsFilter].list
	if len(requested) == 0 {
		return nil, 0
	}
	in := make(map[string]bool, len(sel.images))
	for _, img := range sel.images {
		in[f.key(img).ID] = true
	}
	returned := make(map[string]*I)
	for _, img := range sel.fetched {
		if id := f.key(img).ID; returned[id] == nil {
			returned[id] = img
		}
	}
	for _, id := range requested {
		switch img := returned[id]; {
		case in[id]:
			kept++
		case img != nil:
			lines = append(lines, fmt.Sprintf("- %s: found, but left out by %s", id, leftOutBy(sel.checks, img)))
		default:
			lines = append(lines, fmt.Sprintf("- %s: not found", id))
		}
	}
	return lines, kept
}

// leftOutBy names the first check an image fails.
func leftOutBy[I any](checks []check[I], img *I) string {
	for _, c := range checks {
		if !c.keep(img) {
			return c.described
		}
	}
	return "the filters"
}

// whereLooked says where a lookup looked, and how to look further when a default narrowed it; "" or sentences
// ending in a blank line.
func (f *family[R, I]) whereLooked(values map[string]filterValue) string {
	var places []string
	for _, flt := range f.filters {
		if v := values[flt.name]; v.set && flt.scope {
			places = append(places, flt.describe(v))
		}
	}
	if len(places) == 0 {
		return ""
	}
	return strings.Join(append([]string{"It looked in " + strings.Join(places, ", ") + "."}, f.narrowedBy(values)...), " ") +
		"\n\n"
}

// narrowedBy explains, a sentence each, the defaults that narrowed a lookup.
func (f *family[R, I]) narrowedBy(values map[string]filterValue) []string {
	var sentences []string
	for _, flt := range f.filters {
		if v := values[flt.name]; v.set && v.defaulted && flt.narrowed != "" {
			sentences = append(sentences, fmt.Sprintf(flt.narrowed, v.text))
		}
	}
	return sentences
}

// emptyAnswer warns when the API returned no image at all, naming where the lookup looked, since a mistyped zone
// or region reads the same as an empty one. For a scope filter the API can be asked without (locate), one more
// request without it names where images are; it is only sent here, when the answer is empty.
func (f *family[R, I]) emptyAnswer(ctx context.Context, pd *providerData, dataSource string, values map[string]filterValue, checks []check[I]) diag.Diagnostics {
	var diags diag.Diagnostics
	var places, elsewhere []string
	for _, flt := range f.filters {
		v := values[flt.name]
		if !v.set || !flt.scope {
			continue
		}
		places = append(places, flt.describe(v))
		if flt.locate != nil {
			elsewhere = append(elsewhere, f.locateElsewhere(ctx, pd, flt, values, checks))
		}
	}
	if len(places) == 0 {
		return diags
	}
	detail := fmt.Sprintf("%s: the API returned no image at all for %s with the other filters sent. If one of these "+
		"values is mistyped (a zone such as \"cn-bj2-99\", a region such as \"cn-bj9\"), correct it.",
		dataSource, strings.Join(places, ", "))
	for _, e := range elsewhere {
		if e != "" {
			detail += "\n\n" + e
		}
	}
	diags.AddWarning("No Images Where the Lookup Looked", detail)
	return diags
}

// locateElsewhere asks the API once more without flt and says which values of flt have images the other filters
// select; "" when that request fails (the warning it would add to is advice, not a result).
func (f *family[R, I]) locateElsewhere(ctx context.Context, pd *providerData, flt filter[R, I], values map[string]filterValue, checks []check[I]) string {
	fetched, err := f.fetch(ctx, pd, f.request(values, flt.name))
	if err != nil {
		tflog.Debug(ctx, "locating images without "+flt.name+" failed", map[string]any{"error": err.Error()})
		return ""
	}
	counts := map[string]int{}
	for i := range fetched {
		img := &fetched[i]
		if at := flt.locate(img); at != "" && passes(checks, img, flt.name) {
			counts[at]++
		}
	}
	if len(counts) == 0 {
		return fmt.Sprintf("Without %s the API returns no such image either, so %s is not the cause.", flt.name, flt.name)
	}
	places := make([]string, 0, len(counts))
	for at, n := range counts {
		places = append(places, fmt.Sprintf("%s (%d)", at, n))
	}
	sort.Strings(places)
	text := fmt.Sprintf("Without %s, one more request finds images these filters select in: %s. Set %s to one of them",
		flt.name, strings.Join(places, ", "), flt.name)
	if flt.wider != "" {
		text += ", or " + flt.wider
	}
	return text + "."
}

// passes reports whether img passes every check but those of the filter named except.
func passes[I any](checks []check[I], img *I, except string) bool {
	for _, c := range checks {
		if c.filter != except && !c.keep(img) {
			return false
		}
	}
	return true
}
