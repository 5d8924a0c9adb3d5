package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
	// fetchedIDs holds the requested image_ids the API returned, before the local filters.
	fetchedIDs map[string]bool
}

// query reads the filters from the configuration, fills in defaults, sends the API filters in one listing (the
// client pages and coalesces it) and applies the local filters.
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

	var req R
	var stages []selection.Stage[*I]
	var described []string
	for _, flt := range f.filters {
		v := values[flt.name]
		if !v.set {
			continue
		}
		described = append(described, flt.describe(v))
		if flt.send != nil {
			flt.send(&req, v)
		}
		if flt.keep == nil {
			continue
		}
		keep, err := flt.keep(v)
		if err != nil { // the validator has checked the value already
			diags.AddAttributeError(path.Root(flt.name), "Invalid "+flt.name,
				fmt.Sprintf("%s cannot be applied. Please report this issue to the provider developers.\n\nError: %s", flt.name, err))
			return nil, diags
		}
		stages = append(stages, selection.Stage[*I]{Name: flt.name, Keep: keep})
	}

	fetched, err := f.fetch(ctx, pd, req)
	if err != nil {
		diags.Append(apiErrorDiagnostic(ctx, f.cloud, dataSource, f.apiFaults, err))
		return nil, diags
	}
	all := make([]*I, len(fetched))
	for i := range fetched {
		all[i] = &fetched[i]
	}
	kept, counts := selection.Filter(all, stages)
	sel := &selected[I]{images: kept, values: values, funnel: selection.Funnel(len(fetched), counts), filters: described}
	if ids := values[imageIDsFilter].list; len(ids) > 0 {
		sel.fetchedIDs = make(map[string]bool, len(ids))
		for _, img := range all {
			sel.fetchedIDs[f.key(img).ID] = true
		}
	}
	return sel, diags
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

// missingIDs warns about requested IDs that are not in the result, saying whether the API returned them.
func (f *family[R, I]) missingIDs(dataSource string, sel *selected[I]) diag.Diagnostics {
	var diags diag.Diagnostics
	requested := sel.values[imageIDsFilter].list
	if len(requested) == 0 {
		return diags
	}
	kept := make(map[string]bool, len(sel.images))
	for _, img := range sel.images {
		kept[f.key(img).ID] = true
	}
	var lines []string
	for _, id := range requested {
		switch {
		case kept[id]:
		case sel.fetchedIDs[id]:
			lines = append(lines, fmt.Sprintf("- %s: found, but left out by the filters applied locally", id))
		default:
			lines = append(lines, fmt.Sprintf("- %s: not found", id))
		}
	}
	if len(lines) > 0 {
		diags.AddAttributeWarning(path.Root(imageIDsFilter), "Requested Images Missing",
			fmt.Sprintf("%s returns %d of the %d images in image_ids:\n%s\n\nCheck the IDs against the images this data "+
				"source can see (its other filters, and where it looks), or remove them from image_ids.",
				dataSource, len(sel.images), len(requested), strings.Join(lines, "\n")))
	}
	return diags
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
