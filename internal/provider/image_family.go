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
