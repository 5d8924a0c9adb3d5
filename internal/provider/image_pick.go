package provider

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// This file holds what the forms add to a family's filters: sort_by and sort_order of the lists, most_recent and
// the exactly-one checks of the exactly-one form.

// maxCandidates is how many matching images an ambiguity error lists.
const maxCandidates = 5

const descending = selection.OrderDesc

var sortOrders = []string{string(selection.OrderAsc), string(selection.OrderDesc)}

// undatedMostRecent explains why a family without creation times has no most_recent.
func undatedMostRecent(family string) string {
	return fmt.Sprintf("These images have no creation time, so there is no most recent one; narrow the query "+
		"(name_regex, image_ids, ...) until one image matches, or use imagepick_%s_images with sort_by", family)
}

// sortAttributes declares sort_by and sort_order; Read fills in the defaults, so state shows the order used.
func sortAttributes(allowed []selection.SortBy, dated, withImages bool) map[string]schema.Attribute {
	ordered := "`ids` is"
	if withImages {
		ordered = "`ids` and `images` are"
	}
	names := sortNames(allowed)
	highest := "the highest value first"
	if dated {
		highest = "the newest (or highest) first"
	}
	return map[string]schema.Attribute{
		"sort_by": schema.StringAttribute{
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(names...)},
			MarkdownDescription: fmt.Sprintf("What %s ordered by: %s, in any letter case. Defaults to "+
				"`%s`. Names compare version-aware: numbers in names compare as numbers, so `Ubuntu 9` comes before "+
				"`Ubuntu 22`.", ordered, quoted(names), names[0]),
		},
		"sort_order": schema.StringAttribute{
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(sortOrders...)},
			MarkdownDescription: fmt.Sprintf("`desc` (the default: %s) or `asc`, in any letter case. It applies to "+
				"`sort_by` only: images equal in it are always ordered by name A→Z, then by ID.", highest),
		},
	}
}

// readSort reads sort_by and sort_order in their canonical spelling, defaults filled in, and writes them to state.
func readSort(config, state map[string]tftypes.Value, allowed []selection.SortBy) (selection.SortBy, selection.Order) {
	names := sortNames(allowed)
	by := canonicalOrAsIs(optionalString(config["sort_by"], names[0]), names)
	order := canonicalOrAsIs(optionalString(config["sort_order"], string(descending)), sortOrders)
	state["sort_by"] = tftypes.NewValue(tftypes.String, by)
	state["sort_order"] = tftypes.NewValue(tftypes.String, order)
	return selection.SortBy(by), selection.Order(order)
}

func sortNames(allowed []selection.SortBy) []string {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return names
}

func optionalString(v tftypes.Value, fallback string) string {
	var s string
	if v.IsNull() || !v.IsKnown() || v.As(&s) != nil {
		return fallback
	}
	return s
}

func mostRecentAttribute(family string, dated bool, order string) schema.Attribute {
	if !dated {
		return schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Not supported. " + undatedMostRecent(family) + ". `true` is refused by `terraform validate`; " +
				"the attribute exists so that configurations written for the other families get this explanation.",
		}
	}
	return schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: "When several images match, take the first in the default order of the list data source (" +
			order + ") instead of failing. Defaults to `false`: several matches are an error listing the candidates.",
	}
}

// pickOne returns the only image of sel, or the first with mostRecent, or explains why there is not exactly
// one. sel.images must be in the default order.
func (f *family[R, I]) pickOne(dataSource string, sel *selected[I], mostRecent bool) (*I, diag.Diagnostics) {
	var diags diag.Diagnostics
	images := sel.images
	switch {
	case len(images) == 1 || (len(images) > 1 && mostRecent):
		return images[0], diags
	case len(images) == 0:
		diags.Append(f.noMatch(dataSource, sel))
		return nil, diags
	}
	var lines []string
	dated := false
	for i, img := range images {
		if i == maxCandidates {
			lines = append(lines, fmt.Sprintf("- … and %d more", len(images)-maxCandidates))
			break
		}
		k := f.key(img)
		line := fmt.Sprintf("- %s %q", k.ID, k.Name)
		if k.Created != 0 {
			line += " created " + selection.FormatTime(k.Created)
			dated = true
		}
		lines = append(lines, line)
	}
	hint := "Narrow the query (name_regex, image_ids, ...) until one image matches, or use the list data source."
	if dated {
		hint = "Narrow the query (name_regex, image_ids, ...) until one image matches, set most_recent = true to take " +
			"the newest, or use the list data source."
	}
	diags.AddError("Multiple Matching Images",
		fmt.Sprintf("%s found %d images matching all of:\n%s\n\nCandidates, in the data source's order:\n%s\n\n%s",
			dataSource, len(images), bulleted(sel.filters), strings.Join(lines, "\n"), hint))
	return nil, diags
}

// noMatch explains an exactly-one lookup that found nothing. When image_ids is the only filter the user set, it
// says per ID what became of it and where the lookup looked, since loosening a filter is then no advice.
func (f *family[R, I]) noMatch(dataSource string, sel *selected[I]) diag.Diagnostic {
	if f.onlyIDs(sel.values) {
		lines, _ := f.idReport(sel)
		return diag.NewErrorDiagnostic("No Matching Image",
			fmt.Sprintf("%s found none of the images in image_ids:\n%s\n\n%sCheck the IDs, and that the images are "+
				"where the lookup looked.", dataSource, strings.Join(lines, "\n"), f.whereLooked(sel.values)))
	}
	hint := "Loosen the filter where the count drops to 0."
	if narrowed := f.narrowedBy(sel.values); len(narrowed) > 0 {
		hint = strings.Join(narrowed, " ") + " Otherwise, loosen the filter where the count drops to 0."
	}
	return diag.NewErrorDiagnostic("No Matching Image",
		fmt.Sprintf("%s found no image matching all of:\n%s\n\nImages remaining after each stage: %s.\n\n%s",
			dataSource, bulleted(sel.filters), sel.funnel, hint))
}

// onlyIDs reports whether image_ids is set and every other set filter says where to look or is a default.
func (f *family[R, I]) onlyIDs(values map[string]filterValue) bool {
	if !values[imageIDsFilter].set {
		return false
	}
	for _, flt := range f.filters {
		if v := values[flt.name]; v.set && !v.defaulted && !flt.scope && flt.name != imageIDsFilter {
			return false
		}
	}
	return true
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
