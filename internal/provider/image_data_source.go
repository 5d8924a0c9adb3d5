package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// form is one of the three data sources of a family.
type form int

const (
	listForm form = iota // imagepick_<family>_images: ids and images
	oneForm              // imagepick_<family>_image: exactly one image, as id and image
	idsForm              // imagepick_<family>_image_ids: ids only
)

var (
	_ datasource.DataSourceWithConfigure      = (*imageDataSource[any, any])(nil)
	_ datasource.DataSourceWithValidateConfig = (*imageDataSource[any, any])(nil)
)

// imageDataSource is any of a family's three data sources: what differs between families is in family, what
// differs between the forms is in this file.
type imageDataSource[R, I any] struct {
	family *family[R, I]
	form   form
	data   *providerData
}

func newImageDataSource[R, I any](f *family[R, I], fm form) func() datasource.DataSource {
	return func() datasource.DataSource { return &imageDataSource[R, I]{family: f, form: fm} }
}

// typeName is the data source's name without the provider prefix.
func (d *imageDataSource[R, I]) typeName() string {
	switch d.form {
	case oneForm:
		return d.family.name + "_image"
	case idsForm:
		return d.family.name + "_image_ids"
	}
	return d.family.name + "_images"
}

func (d *imageDataSource[R, I]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.typeName()
}

func (d *imageDataSource[R, I]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	f := d.family
	attributes := make(map[string]schema.Attribute)
	for _, flt := range f.filters {
		attributes[flt.name] = flt.attribute()
	}
	switch d.form {
	case oneForm:
		attributes["most_recent"] = mostRecentAttribute(f.name, f.dated, f.defaultOrder())
		attributes["id"] = schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "ID of the picked image: what an instance's `image_id` takes.",
		}
		attributes["image"] = schema.SingleNestedAttribute{
			Computed: true,
			MarkdownDescription: fmt.Sprintf("The picked image, with the attributes of an element of `imagepick_%s_images`' "+
				"`images`, under the same names.", f.name),
			Attributes: fieldAttributes(f.fields),
		}
	default:
		for name, a := range sortAttributes(f.sortBy, f.dated, d.form == listForm) {
			attributes[name] = a
		}
		attributes["ids"] = schema.ListAttribute{
			Computed:            true,
			ElementType:         types.StringType,
			MarkdownDescription: "IDs of the matching images, in order; empty, not an error, when nothing matches.",
		}
		if d.form == listForm {
			attributes["images"] = schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching images, in the order of `ids`.",
				NestedObject:        schema.NestedAttributeObject{Attributes: fieldAttributes(f.fields)},
			}
		}
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.description(), Attributes: attributes}
}

func (d *imageDataSource[R, I]) description() string {
	f := d.family
	var sent, local, verified []string
	for _, flt := range f.filters {
		if flt.verify != nil {
			verified = append(verified, "`"+flt.name+"`")
		}
		switch {
		case flt.send != nil:
			sent = append(sent, "`"+flt.name+"`")
		case flt.keep != nil:
			local = append(local, "`"+flt.name+"`")
		}
	}
	var b strings.Builder
	switch d.form {
	case listForm:
		fmt.Fprintf(&b, "Lists %s images with %s%s. ", f.title, f.api, f.completeness())
	case oneForm:
		unless := ""
		if f.dated {
			unless = " unless `most_recent = true`"
		}
		fmt.Fprintf(&b, "Picks exactly one %s image with %s. It fails when the filters match no image (showing how many "+
			"images each filter left) or several (listing up to %d candidates)%s, never picking one silently. ",
			f.title, f.api, maxCandidates, unless)
	case idsForm:
		fmt.Fprintf(&b, "Lists only the IDs of %s images with %s%s. It selects exactly like "+
			"`imagepick_%s_images` but leaves out `images`: use it for large selections when IDs are all you need, "+
			"since Terraform then handles one string per image instead of every attribute. ", f.title, f.api, f.completeness(), f.name)
	}
	fmt.Fprintf(&b, "%s sent to the API; %s applied locally to every image the API returns. ", are(sent), are(local))
	if len(verified) > 0 {
		fmt.Fprintf(&b, "%s also checked on the answer: an image the API returns that does not match what was sent is "+
			"left out, with a warning. ", are(verified))
	}
	b.WriteString("Filters read back as configured (enumerations in the spelling documented for them); an unset filter " +
		"with a default reads back as that default. ")
	if d.form == oneForm {
		b.WriteString("The picked image's ID is `id` and its attributes are in `image`, under the same names as in the " +
			"list data source, so they never overwrite a filter. ")
	} else {
		fmt.Fprintf(&b, "The order never depends on the API's: by default %s. ", f.defaultOrder())
	}
	b.WriteString(f.notes)
	if d.form == oneForm && f.pickNotes != "" {
		b.WriteString(" " + f.pickNotes)
	}
	return strings.TrimSpace(b.String())
}

// completeness says why a list is complete.
func (f *family[R, I]) completeness() string {
	if f.paged {
		return ", reading every page, so the list is complete"
	}
	return ", which answers every image at once"
}

// are joins attribute names into a sentence's subject with its verb: "`a` is", "`a`, `b` and `c` are".
func are(names []string) string {
	switch len(names) {
	case 0:
		return "no filter is"
	case 1:
		return names[0] + " is"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " are"
}

// defaultOrder describes the default order, for descriptions.
func (f *family[R, I]) defaultOrder() string {
	if f.dated {
		return "newest first; images created at the same time by name A→Z (numbers in names compare as numbers), then by ID"
	}
	return "by name, highest first (numbers in names compare as numbers, so `Ubuntu24.04` comes before " +
		"`Ubuntu22.04`), then by ID"
}

func (d *imageDataSource[R, I]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = toProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig refuses most_recent where images have no creation time, with the reason.
func (d *imageDataSource[R, I]) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	if d.form != oneForm || d.family.dated {
		return
	}
	var mostRecent types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("most_recent"), &mostRecent)...)
	if mostRecent.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("most_recent"), "Most Recent Not Supported",
			undatedMostRecent(d.family.name)+". Remove most_recent or set it to false.")
	}
}

func (d *imageDataSource[R, I]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	state, diags := readState(ctx, d, d.data, req.Config.Raw, (*readResult[I]).terraformValue)
	resp.Diagnostics.Append(diags...)
	if !diags.HasError() {
		resp.State.Raw = state
	}
}

// readMsgpack is Read with the state encoded for the wire, for server's direct path.
func (d *imageDataSource[R, I]) readMsgpack(ctx context.Context, pd *providerData, config tftypes.Value) ([]byte, diag.Diagnostics) {
	return readState(ctx, d, pd, config, (*readResult[I]).msgpack)
}

// readState is the one read path: configuration in, state out, encoded by encode (as a Terraform value for the
// framework's Read, as msgpack for the direct path).
func readState[R, I, S any](ctx context.Context, d *imageDataSource[R, I], pd *providerData, config tftypes.Value,
	encode func(*readResult[I]) (S, error)) (S, diag.Diagnostics) {
	var state S
	result, diags := d.resolve(ctx, pd, config)
	if diags.HasError() {
		return state, diags
	}
	state, err := encode(result)
	if err != nil {
		diags.AddError("Cannot Write State",
			fmt.Sprintf("The state does not fit the schema: %s. Please report this issue to the provider developers.", err))
	}
	return state, diags
}

// resolve reads the configuration, queries and orders or picks the images: everything Read does but the
// encoding of the state.
func (d *imageDataSource[R, I]) resolve(ctx context.Context, pd *providerData, configRaw tftypes.Value) (*readResult[I], diag.Diagnostics) {
	f := d.family
	dataSource := "imagepick_" + d.typeName()
	var diags diag.Diagnostics
	config := map[string]tftypes.Value{}
	typ, ok := configRaw.Type().(tftypes.Object)
	if err := configRaw.As(&config); err != nil || !ok {
		diags.AddError("Cannot Read Configuration", fmt.Sprintf("Please report this issue to the provider developers.\n\nError: %v", err))
		return nil, diags
	}
	sel, diags := f.query(ctx, pd, dataSource, config)
	if diags.HasError() {
		return nil, diags
	}
	result := &readResult[I]{typ: typ, values: make(map[string]tftypes.Value, len(config)), fields: f.fields, key: f.key}
	for _, flt := range f.filters {
		result.values[flt.name] = flt.state(sel.values[flt.name], config[flt.name])
	}
	if d.form == oneForm {
		diags.Append(d.pick(dataSource, sel, config, result)...)
		if diags.HasError() {
			return nil, diags
		}
		return result, diags
	}
	by, order := readSort(config, result.values, f.sortBy)
	f.sort(sel.images, by, order)
	result.selected = sel.images
	result.withImages = d.form == listForm
	diags.Append(f.missingIDs(dataSource, sel)...)
	return result, diags
}

// pick is the exactly-one form's part of resolve: most_recent, the pick and its warnings.
func (d *imageDataSource[R, I]) pick(dataSource string, sel *selected[I], config map[string]tftypes.Value, result *readResult[I]) diag.Diagnostics {
	f := d.family
	result.values["most_recent"] = config["most_recent"]
	var mostRecent bool
	if config["most_recent"].IsKnown() && !config["most_recent"].IsNull() {
		_ = config["most_recent"].As(&mostRecent)
	}
	f.sort(sel.images, f.sortBy[0], descending)
	img, diags := f.pickOne(dataSource, sel, mostRecent && f.dated)
	if diags.HasError() {
		return diags
	}
	if f.pickWarnings != nil {
		diags.Append(f.pickWarnings(dataSource, img, time.Now())...)
	}
	diags.Append(f.missingIDs(dataSource, sel)...)
	result.values["id"] = tftypes.NewValue(tftypes.String, f.key(img).ID)
	result.picked = img
	return diags
}
