package provider

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// maxCandidates is how many matching images an ambiguity error lists.
const maxCandidates = 5

// sortModel holds the sort arguments shared by the list data sources. Read fills in the defaults, so users can
// see in state which order they got.
type sortModel struct {
	SortBy    types.String `tfsdk:"sort_by"`
	SortOrder types.String `tfsdk:"sort_order"`
}

var sortOrders = []string{string(selection.OrderAsc), string(selection.OrderDesc)}

// sortAttributes declares sort_by and sort_order; defaultBy is what the data source sorts by when sort_by is unset.
func sortAttributes(defaultBy selection.SortBy, allowed []selection.SortBy) map[string]schema.Attribute {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return map[string]schema.Attribute{
		"sort_by": schema.StringAttribute{Optional: true, Computed: true,
			Validators: []validator.String{stringvalidator.OneOf(names...)},
			MarkdownDescription: fmt.Sprintf("What `ids` and `images` are ordered by: %s. Defaults to `%s`. Ties are broken "+
				"by name (numbers in names compare as numbers, so `Ubuntu 9` comes before `Ubuntu 22`), then by ID, so the "+
				"order never depends on the API's.", quoted(names), defaultBy)},
		"sort_order": schema.StringAttribute{Optional: true, Computed: true,
			Validators: []validator.String{stringvalidator.OneOf(sortOrders...)},
			MarkdownDescription: "`desc` (the default: newest or highest first) or `asc`. A descending list is exactly the " +
				"ascending one reversed, tie-breakers included."},
	}
}

// resolveSort fills in the defaults of a sortModel and returns the engine's values.
func resolveSort(m *sortModel, defaultBy selection.SortBy) (selection.SortBy, selection.Order) {
	if m.SortBy.IsNull() || m.SortBy.IsUnknown() {
		m.SortBy = types.StringValue(string(defaultBy))
	}
	if m.SortOrder.IsNull() || m.SortOrder.IsUnknown() {
		m.SortOrder = types.StringValue(string(selection.OrderDesc))
	}
	return selection.SortBy(m.SortBy.ValueString()), selection.Order(m.SortOrder.ValueString())
}

// candidate is how an image is shown in an ambiguity error.
type candidate struct{ ID, Name, Created string }

// pickOne returns the only image in sorted, or explains why there is not exactly one. sorted must already be in
// the data source's documented order (newest first), so that with mostRecent the first one is the newest.
// filters lists every filter applied, server-side and local, defaults included (e.g. `status = ["Available"]`).
func pickOne[T any](dataSource string, sorted []T, funnel string, filters []string, mostRecent bool, show func(T) candidate) (T, diag.Diagnostics) {
	var zero T
	var diags diag.Diagnostics
	switch {
	case len(sorted) == 1 || (len(sorted) > 1 && mostRecent):
		return sorted[0], diags
	case len(sorted) == 0:
		diags.AddError("No Matching Image",
			fmt.Sprintf("%s found no image matching all of:\n%s\n\nImages remaining after each stage: %s.\n\n"+
				"Loosen the filter where the count drops to 0 (status defaults to [\"Available\"] where the data source has one).",
				dataSource, bulleted(filters), funnel))
	default:
		var lines []string
		dated := false
		for i, img := range sorted {
			if i == maxCandidates {
				lines = append(lines, fmt.Sprintf("- … and %d more", len(sorted)-maxCandidates))
				break
			}
			c := show(img)
			line := fmt.Sprintf("- %s %q", c.ID, c.Name)
			if c.Created != "" {
				line += " created " + c.Created
				dated = true
			}
			lines = append(lines, line)
		}
		// most_recent is only offered where images have creation times (not on Zenlayer).
		hint := "Narrow the query (name_regex, image_ids, ...) until one image matches, or use the list data source."
		if dated {
			hint = "Narrow the query (name_regex, image_ids, ...) until one image matches, set most_recent = true to take " +
				"the newest, or use the list data source."
		}
		diags.AddError("Multiple Matching Images",
			fmt.Sprintf("%s found %d images matching all of:\n%s\n\nCandidates, in the data source's order:\n%s\n\n%s",
				dataSource, len(sorted), bulleted(filters), strings.Join(lines, "\n"), hint))
	}
	return zero, diags
}

func bulleted(filters []string) string {
	if len(filters) == 0 {
		return "- (no filters)"
	}
	return "- " + strings.Join(filters, "\n- ")
}

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// hclList renders a list of strings as HCL shows it in messages: ["a", "b"].
func hclList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
