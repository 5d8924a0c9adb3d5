package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// family describes one image family (uhost, phost, bmc) once: what its filters do, what its images look like,
// how they are ordered and fetched. Its three data sources (list, exactly-one, IDs only) are built from it by
// imageDataSource; R is the client's request type, I the client's image type.
type family[R, I any] struct {
	name  string // "uhost" gives imagepick_uhost_images, imagepick_uhost_image and imagepick_uhost_image_ids
	title string // "UHost (cloud server)", for descriptions
	api   string // "the UCloud `DescribeImage` API", for descriptions
	cloud *cloud
	// filters in the order local ones are applied, which is the order of the "no match" funnel.
	filters []filter[R, I]
	fields  []imageField[I]
	key     func(*I) selection.Key
	sortBy  []selection.SortBy // the orders offered; the first is the default, descending
	dated   bool               // images have creation times, so most_recent can take the newest
	fetch   func(ctx context.Context, pd *providerData, req R) ([]I, error)
	// pickWarnings flags a picked image that works but is rarely wanted by accident; may be nil.
	pickWarnings func(dataSource string, img *I, now time.Time) diag.Diagnostics
	notes        string // prose about this family, appended to every data source's description
	pickNotes    string // prose appended to the exactly-one form's description only
	paged        bool   // the API pages its answer (every page is read)
	// apiFaults maps API errors about one filter to that filter; may be nil.
	apiFaults map[client.ErrorKind]apiFault
}

// imageIDsFilter is the filter every family has for requested IDs; a list that finds fewer warns about the rest.
const imageIDsFilter = "image_ids"

// selected is the outcome of a query: the images every filter kept, with what messages need to explain it.
type selected[I any] struct {
	images  []*I // into the client's shared answer: never modified
	values  map[string]filterValue
	funnel  string   // "N fetched, M after status, ..."
	filters []string // every filter applied, defaults included
	fetched []*I     // every image the API returned, before any check
	checks  []check[I]
	// unrequested counts, per sent filter, the images of the answer it dropped, in the order of the filters.
	unrequested []selection.Count
}

// check is one test every image of the answer must pass: a sent filter verified on the answer, or a local filter.
type check[I any] struct {
	filter    string // the filter's name
	described string // as describe renders it
	short     string // as short renders it
	keep      func(*I) bool
	verified  bool // a sent filter, checked on the answer
}

// query reads the filters from the configuration, fills in defaults, sends the API filters in one listing (the
// client pages and coalesces it), checks the answer against what was sent and applies the local filters.
func (f *family[R, I]) query(ctx context.Context, pd *providerData, dataSource string, config map[string]tftypes.Value) (*selected[I], diag.Diagnostics) {
	var diags diag.Diagnostics
	if pd == nil {
		diags.AddError("Provider Not Configured",
			dataSource+" was read before the provider was configured. Please report this issue to the provider developers.")
		return nil, diags
	}
	values := f.readFilters(pd, config, &diags)
	if diags.HasError() {
		return nil, diags
	}
	if missing := f.cloud.missing(pd); len(missing) > 0 {
		diags.Append(missingCredentials(f.cloud, dataSource, missing))
		return nil, diags
	}
	checks, described, d := f.checks(values)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	fetched, err := f.fetch(ctx, pd, f.request(values, ""))
	if err != nil {
		if d, ok := f.refusedValue(dataSource, values, err); ok {
			diags.Append(d)
		} else {
			diags.Append(apiErrorDiagnostic(ctx, f.cloud, dataSource, f.apiFaults, err))
		}
		return nil, diags
	}
	all := make([]*I, len(fetched))
	for i := range fetched {
		all[i] = &fetched[i]
	}
	sel := apply(all, checks)
	sel.values, sel.filters = values, described
	diags.Append(f.unrequestedWarning(dataSource, sel)...)
	if len(all) == 0 {
		diags.Append(f.emptyAnswer(ctx, pd, dataSource, values, checks)...)
	}
	return sel, diags
}

// request builds the API request from every set filter but except (empty: all).
func (f *family[R, I]) request(values map[string]filterValue, except string) R {
	var req R
	for _, flt := range f.filters {
		if v := values[flt.name]; v.set && flt.send != nil && flt.name != except {
			flt.send(&req, v)
		}
	}
	return req
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
		if dropped := previous - c.Remaining; dropped > 0 {
			sel.unrequested = append(sel.unrequested, selection.Count{Stage: verified[i].Detail, Remaining: dropped})
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
	for i, c := range sel.unrequested {
		total += c.Remaining
		parts[i] = fmt.Sprintf("%s (%d)", c.Stage, c.Remaining)
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

// readFilters reads every filter, then fills in the unset ones that have a default and checks the required ones.
func (f *family[R, I]) readFilters(pd *providerData, config map[string]tftypes.Value, diags *diag.Diagnostics) map[string]filterValue {
	configured := make(map[string]filterValue, len(f.filters))
	for _, flt := range f.filters {
		v, err := flt.read(config[flt.name])
		if err != nil {
			diags.AddAttributeError(path.Root(flt.name), "Cannot Read "+flt.name,
				fmt.Sprintf("Please report this issue to the provider developers.\n\nError: %s", err))
		}
		configured[flt.name] = v
	}
	values := make(map[string]filterValue, len(f.filters))
	for _, flt := range f.filters {
		v := configured[flt.name]
		if !v.set && flt.fallback != nil {
			if d := flt.fallback(pd, configured); d.set {
				v, v.defaulted = d, true
			}
		}
		if !v.set && flt.required != "" {
			diags.AddAttributeError(path.Root(flt.name), "Missing "+attributeTitle(flt.name), flt.required)
		}
		values[flt.name] = v
	}
	return values
}

// sort orders images in place: by the primary key in the given direction, ties by name A→Z, then ID.
func (f *family[R, I]) sort(images []*I, by selection.SortBy, order selection.Order) {
	selection.Sort(images, f.key, by, order)
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
	var places, wider []string
	for _, flt := range f.filters {
		v := values[flt.name]
		if !v.set || !flt.scope {
			continue
		}
		places = append(places, flt.describe(v))
		if v.defaulted && flt.wider != "" {
			wider = append(wider, fmt.Sprintf("The lookup was narrowed to %s = %q by its default, %s.", flt.name, v.text, flt.wider))
		}
	}
	if len(places) == 0 {
		return ""
	}
	text := "It looked in " + strings.Join(places, ", ") + "."
	if len(wider) > 0 {
		text += " " + strings.Join(wider, " ")
	}
	return text + "\n\n"
}

// attributeTitle turns an attribute name into a summary's words: availability_zone → Availability Zone.
func attributeTitle(name string) string {
	words := strings.Split(name, "_")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
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
