package provider

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// filterKind says what a filter's value is, and so its schema, its validation and how it reads back.
type filterKind int

const (
	textFilter     filterKind = iota // a non-empty string, matched as the filter says
	enumFilter                       // one of allowed, any letter case; sent and read back in allowed's spelling
	regexFilter                      // an RE2 regular expression
	flagFilter                       // a bool; false is the same as unset
	listFilter                       // non-empty strings; [] is the same as unset
	enumListFilter                   // values of allowed, any letter case; [] is the same as unset
	mapFilter                        // string keys to string values, such as tags; {} is the same as unset
)

// filter is one argument of a family's data sources. It is sent to the API (send) or applied locally to every
// image the API returns (keep); both only when the API can take some of its values (one status of several), with
// effect saying so.
type filter[R, I any] struct {
	name        string
	kind        filterKind
	allowed     []string // enumerations, in the API's spelling
	description string   // what it selects; the kind adds how it is validated and read back
	// param names the API parameter for messages; empty for a local filter.
	param string
	send  func(req *R, v filterValue)
	// verify returns the check a sent filter makes on every image of the answer, so that an API (or a proxy) that
	// ignores the filter cannot put other images in state. Only where the API's meaning is exact (IDs, enumerations,
	// exact names) and the image carries the value; nil for a fuzzy match or a value the image does not carry.
	verify func(v filterValue) func(*I) bool
	// scope marks a filter that says where a lookup looks (region, zone, project): messages about images not
	// found name it.
	scope bool
	// locate is an image's value of a scope filter the API can be asked without: when the answer is empty, one
	// more request without this filter names the values where images are. May be nil.
	locate func(*I) string
	// narrowed explains, given the value (%q), a default (fallback) that narrowed a lookup that came up short:
	// where the default comes from and how to look further. Empty: nothing to say.
	narrowed string
	// wider is how to look beyond the filter's value, such as "set all_zones = true"; may be empty.
	wider string
	// keep returns the test a local filter applies to each image; an error is a value the validator missed.
	keep func(v filterValue) (func(*I) bool, error)
	// effect replaces "sent as" / "applied locally" for a filter that does neither but shapes the request.
	effect string
	// fallback fills in an unset filter, from the provider's settings or the API's documented default; configured
	// holds the other filters as set, before any fallback. A zero filterValue means no default.
	fallback func(pd *providerData, configured map[string]filterValue) filterValue
	// required explains how to set a filter that has no value even after its fallback.
	required      string
	conflictsWith string // another filter that cannot be set with this one
	alsoRequires  string // another filter this one needs
	unique        bool   // list values must differ
}

// filterValue is a filter as configured, or as its fallback filled it in.
type filterValue struct {
	set       bool
	defaulted bool // filled in by the fallback
	text      string
	list      []string
	flag      bool
	pairs     map[string]string // mapFilter
}

func textValue(s string) filterValue { return filterValue{set: s != "", text: s} }

func listValue(l []string) filterValue { return filterValue{set: len(l) > 0, list: l} }

// attribute declares the filter in a data source schema. A filter with a fallback is also Computed: state shows
// the value used; a required filter without one is Required, so that Terraform asks for it at validate.
func (f filter[R, I]) attribute() schema.Attribute {
	computed := f.fallback != nil
	required := f.required != "" && f.fallback == nil
	optional := !required
	description := f.description + f.kindNote()
	switch {
	case f.effect != "":
		description += " " + f.effect
	case f.param != "":
		description += fmt.Sprintf(" Sent to the API as `%s`.", f.param)
	default:
		description += " Applied locally to every image the API returns."
	}
	var others []path.Expression
	if f.conflictsWith != "" {
		others = append(others, path.MatchRoot(f.conflictsWith))
	}
	switch f.kind {
	case flagFilter:
		var v []validator.Bool
		if f.conflictsWith != "" {
			v = append(v, boolvalidator.ConflictsWith(others...))
		}
		return schema.BoolAttribute{Optional: optional, Required: required, Computed: computed, Validators: v,
			MarkdownDescription: description}
	case mapFilter:
		return schema.MapAttribute{Optional: optional, Required: required, Computed: computed,
			ElementType: types.StringType, Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
			MarkdownDescription: description}
	case listFilter, enumListFilter:
		var element validator.String = stringvalidator.LengthAtLeast(1)
		if f.kind == enumListFilter {
			element = stringvalidator.OneOfCaseInsensitive(f.allowed...)
		}
		v := []validator.List{listvalidator.ValueStringsAre(element)}
		if f.unique {
			v = append(v, listvalidator.UniqueValues())
		}
		if f.conflictsWith != "" {
			v = append(v, listvalidator.ConflictsWith(others...))
		}
		return schema.ListAttribute{Optional: optional, Required: required, Computed: computed,
			ElementType: types.StringType, Validators: v, MarkdownDescription: description}
	}
	v := []validator.String{stringvalidator.LengthAtLeast(1)}
	switch f.kind {
	case enumFilter:
		v = []validator.String{stringvalidator.OneOfCaseInsensitive(f.allowed...)}
	case regexFilter:
		v = []validator.String{validators.Regexp()}
	}
	if f.conflictsWith != "" {
		v = append(v, stringvalidator.ConflictsWith(others...))
	}
	if f.alsoRequires != "" {
		v = append(v, stringvalidator.AlsoRequires(path.MatchRoot(f.alsoRequires)))
	}
	return schema.StringAttribute{Optional: optional, Required: required, Computed: computed, Validators: v,
		MarkdownDescription: description}
}

func (f filter[R, I]) kindNote() string {
	switch f.kind {
	case enumFilter:
		return fmt.Sprintf(" One of %s, in any letter case; read back as spelled here.", quoted(f.allowed))
	case enumListFilter:
		return fmt.Sprintf(" Values of %s, in any letter case; read back as spelled here. An empty list is the same as "+
			"leaving it out.", quoted(f.allowed))
	case listFilter:
		return " An empty list is the same as leaving it out."
	case mapFilter:
		return " An empty map is the same as leaving it out."
	case regexFilter:
		return " An RE2 regular expression, matched anywhere in the name (anchor with `^` and `$`); in HCL a backslash " +
			"is doubled: `\"\\\\.\"` matches a dot."
	}
	return ""
}

// read decodes the filter from the configuration; enumerations come back in their canonical spelling.
func (f filter[R, I]) read(v tftypes.Value) (filterValue, error) {
	if v.IsNull() || !v.IsKnown() {
		return filterValue{}, nil
	}
	switch f.kind {
	case flagFilter:
		var b bool
		err := v.As(&b)
		return filterValue{set: b, flag: b}, err
	case listFilter, enumListFilter:
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return filterValue{}, err
		}
		list := make([]string, len(elems))
		for i, e := range elems {
			if err := e.As(&list[i]); err != nil {
				return filterValue{}, err
			}
			if f.kind == enumListFilter {
				list[i] = canonicalOrAsIs(list[i], f.allowed)
			}
		}
		return listValue(list), nil
	case mapFilter:
		var elems map[string]tftypes.Value
		if err := v.As(&elems); err != nil {
			return filterValue{}, err
		}
		pairs := make(map[string]string, len(elems))
		for k, e := range elems {
			var s string
			if err := e.As(&s); err != nil {
				return filterValue{}, err
			}
			pairs[k] = s
		}
		return filterValue{set: len(pairs) > 0, pairs: pairs}, nil
	}
	var s string
	if err := v.As(&s); err != nil {
		return filterValue{}, err
	}
	if f.kind == enumFilter {
		s = canonicalOrAsIs(s, f.allowed)
	}
	return textValue(s), nil
}

// state is the filter's value in state: as configured (canonical spelling), its default, or null. A configured
// empty list stays empty unless a default applies, which state then shows.
func (f filter[R, I]) state(v filterValue, configured tftypes.Value) tftypes.Value {
	switch f.kind {
	case flagFilter, mapFilter:
		return configured
	case listFilter, enumListFilter:
		if !v.set {
			return configured
		}
		return stringList(v.list)
	}
	if !v.set {
		return configured
	}
	return tftypes.NewValue(tftypes.String, v.text)
}

// describe renders the filter for "no match" and "several matches" errors.
func (f filter[R, I]) describe(v filterValue) string {
	var value string
	switch f.kind {
	case flagFilter:
		value = strconv.FormatBool(v.flag)
	case listFilter, enumListFilter:
		value = hclList(v.list)
	case mapFilter:
		value = hclMap(v.pairs)
	default:
		value = strconv.Quote(v.text)
	}
	where := "applied locally"
	switch {
	case f.effect != "":
		where = strings.TrimSuffix(strings.ToLower(f.effect[:1])+f.effect[1:], ".")
	case f.param != "":
		where = "sent as " + f.param
	}
	if v.defaulted {
		where += "; the default"
	}
	return fmt.Sprintf("%s = %s (%s)", f.name, value, where)
}

// short renders the filter for a count of images it dropped: a list by its name only (it may be long).
func (f filter[R, I]) short(v filterValue) string {
	switch f.kind {
	case listFilter, enumListFilter, flagFilter:
		return f.name
	}
	return fmt.Sprintf("%s = %q", f.name, v.text)
}

// Helpers for the specs: the common shapes of verify. An image whose field is empty does not carry the value
// (an older API version, a field the seed lacks) and passes: a check drops only an image that contradicts what
// was asked.

// verifyIDs keeps the images whose ID is one of the requested ones.
func verifyIDs[I any](id func(*I) string) func(filterValue) func(*I) bool {
	return func(v filterValue) func(*I) bool {
		want := make(map[string]bool, len(v.list))
		for _, s := range v.list {
			want[s] = true
		}
		return func(img *I) bool { return want[id(img)] }
	}
}

// verifyExact keeps the images whose field is the value, letter case included (exact names).
func verifyExact[I any](field func(*I) string) func(filterValue) func(*I) bool {
	return func(v filterValue) func(*I) bool {
		return func(img *I) bool { got := field(img); return got == "" || got == v.text }
	}
}

// verifyFold keeps the images whose field is the value in any letter case (enumerations, zones): the API may
// spell an enumeration otherwise than the provider reads it back.
func verifyFold[I any](field func(*I) string) func(filterValue) func(*I) bool {
	return func(v filterValue) func(*I) bool {
		return func(img *I) bool { got := field(img); return got == "" || strings.EqualFold(got, v.text) }
	}
}

// verifyListed keeps the images whose list holds the value in any letter case (supported machine types).
func verifyListed[I any](field func(*I) []string) func(filterValue) func(*I) bool {
	return func(v filterValue) func(*I) bool {
		return func(img *I) bool { got := field(img); return len(got) == 0 || selection.ContainsFold(got, v.text) }
	}
}

// Helpers for the specs: the common shapes of keep.

// keepText keeps images for which match(image, value) holds.
func keepText[I any](match func(img *I, value string) bool) func(filterValue) (func(*I) bool, error) {
	return func(v filterValue) (func(*I) bool, error) {
		return func(img *I) bool { return match(img, v.text) }, nil
	}
}

// keepList keeps images for which match(image, values) holds.
func keepList[I any](match func(img *I, values []string) bool) func(filterValue) (func(*I) bool, error) {
	return func(v filterValue) (func(*I) bool, error) {
		return func(img *I) bool { return match(img, v.list) }, nil
	}
}

// keepNameMatching is name_regex: the image's name matches the expression somewhere.
func keepNameMatching[I any](name func(*I) string) func(filterValue) (func(*I) bool, error) {
	return func(v filterValue) (func(*I) bool, error) {
		re, err := regexp.Compile(v.text)
		if err != nil {
			return nil, err
		}
		return func(img *I) bool { return re.MatchString(name(img)) }, nil
	}
}

// canonicalOrAsIs spells an enumeration as documented; a value the provider does not know yet (clouds add
// catalogs and statuses) is kept as the API sent it rather than dropped.
func canonicalOrAsIs(value string, allowed []string) string {
	if c, ok := selection.Canonical(value, allowed); ok {
		return c
	}
	return value
}

func stringList(values []string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
}

// hclMap renders a map as HCL, keys sorted: {"env" = "prod"}.
func hclMap(pairs map[string]string) string {
	keys := slices.Sorted(maps.Keys(pairs))
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = strconv.Quote(k) + " = " + strconv.Quote(pairs[k])
	}
	return "{" + strings.Join(q, ", ") + "}"
}
