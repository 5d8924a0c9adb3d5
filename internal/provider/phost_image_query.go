package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// phostImageTypes are DescribePHostImage's ImageType values, in the API's spelling.
var phostImageTypes = []string{"Base", "Custom"}

// phostDefaultCluster is the network cluster DescribePHostImage documents as its default when MachineType is sent.
const phostDefaultCluster = "25G"

// phostFilterModel holds the filters shared by imagepick_phost_images and imagepick_phost_image. Read fills in
// region and availability_zone (and project_id when the provider has one), so state shows what was asked.
type phostFilterModel struct {
	Region           types.String `tfsdk:"region"`
	ProjectID        types.String `tfsdk:"project_id"`
	AvailabilityZone types.String `tfsdk:"availability_zone"`
	ImageIDs         types.List   `tfsdk:"image_ids"`
	ImageType        types.String `tfsdk:"image_type"`
	MachineType      types.String `tfsdk:"machine_type"`
	Cluster          types.String `tfsdk:"cluster"`
	NameRegex        types.String `tfsdk:"name_regex"`
	OsType           types.String `tfsdk:"os_type"`
	Status           types.List   `tfsdk:"status"`
}

// phostImageModel is one bare-metal image as the list form returns it.
type phostImageModel struct {
	ID                    types.String `tfsdk:"id"`
	Name                  types.String `tfsdk:"name"`
	OsType                types.String `tfsdk:"os_type"`
	OsName                types.String `tfsdk:"os_name"`
	SupportedMachineTypes []string     `tfsdk:"supported_machine_types"` // never nil: [] rather than null
	Version               types.String `tfsdk:"version"`
	Type                  types.String `tfsdk:"type"`
	CreateTime            types.String `tfsdk:"create_time"`
	Status                types.String `tfsdk:"status"`
	Size                  types.Int64  `tfsdk:"size"`
	Description           types.String `tfsdk:"description"`
}

// phostFilterAttributes declares the filters. In the exactly-one form os_type is also the chosen image's
// distribution, so it is Computed there too.
func phostFilterAttributes(exactlyOne bool) map[string]schema.Attribute {
	nonEmpty := stringvalidator.LengthAtLeast(1)
	osTypeDescription := "Distribution name, such as `CentOS`, `Ubuntu`, `Debian` or `Windows`, matched case-insensitively " +
		"against each image's `OsType`. Applied locally: DescribePHostImage has no such filter."
	if exactlyOne {
		osTypeDescription += " Read back as the chosen image's distribution in the API's spelling (`centos` is read back as " +
			"`CentOS`), which is itself accepted as input."
	}
	return map[string]schema.Attribute{
		"region": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{nonEmpty},
			MarkdownDescription: "UCloud region, such as `cn-bj2`. Defaults to the provider's `ucloud.region`. Sent to the API."},
		"project_id": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{nonEmpty},
			MarkdownDescription: "Project ID; sub-accounts must set one. Defaults to the provider's `ucloud.project_id`. Sent to the API."},
		"availability_zone": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{nonEmpty},
			MarkdownDescription: "Availability zone, such as `cn-bj2-05`. DescribePHostImage requires one: defaults to the " +
				"provider's `ucloud.zone` (or `" + envUCloudZone + "`), and the lookup fails at plan when neither is set. Sent to the API as `Zone`."},
		"image_ids": schema.ListAttribute{Optional: true, ElementType: types.StringType,
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(nonEmpty)},
			MarkdownDescription: "Only these image IDs, such as `pimg-cs-aqq0ym`. Sent to the API as `ImageId.0`, `ImageId.1`, …"},
		"image_type": schema.StringAttribute{Optional: true, Computed: true,
			Validators: []validator.String{validators.OneOfCaseInsensitive(phostImageTypes...)},
			MarkdownDescription: fmt.Sprintf("Image type: %s (any letter case; read back as `%s`, `%s`). Sent to the API as `ImageType`.",
				quoted(phostImageTypes), phostImageTypes[0], phostImageTypes[1])},
		"machine_type": schema.StringAttribute{Optional: true, Validators: []validator.String{nonEmpty},
			MarkdownDescription: "Only images supported by this bare-metal machine type of the zone, such as `G4`. Sent to the API as `MachineType`."},
		"cluster": schema.StringAttribute{Optional: true, Computed: true,
			Validators: []validator.String{nonEmpty, stringvalidator.AlsoRequires(path.MatchRoot("machine_type"))},
			MarkdownDescription: "Network cluster the machine type is offered on, such as `25G`; requires `machine_type`. " +
				"When `machine_type` is set and `cluster` is not, the API's documented default `" + phostDefaultCluster + "` is sent " +
				"and read back here. Sent to the API as `Cluster`."},
		"name_regex": schema.StringAttribute{Optional: true, Validators: []validator.String{validators.Regexp()},
			MarkdownDescription: "RE2 regular expression the image name must match, such as `^CentOS 7`. In HCL a backslash " +
				"is doubled: `\"^Ubuntu\\\\s22\"`. Applied locally."},
		"os_type": schema.StringAttribute{Optional: true, Computed: exactlyOne, Validators: []validator.String{nonEmpty},
			MarkdownDescription: osTypeDescription},
		"status": schema.ListAttribute{Optional: true, ElementType: types.StringType,
			Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(nonEmpty)},
			MarkdownDescription: "Only images whose status is one of these, such as `[\"Available\"]`, compared case-insensitively. " +
				"No default: bare metal 1.0 images report no status at all, so a default would hide them; images without a " +
				"status never match when this is set. Applied locally."},
	}
}

// phostImageAttributes describes one image; the exactly-one form puts them at the top level.
func phostImageAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	return map[string]schema.Attribute{
		"id":      computed("Image ID, such as `pimg-cs-aqq0ym`: the `image_id` of a bare-metal instance."),
		"name":    computed("Image name."),
		"os_type": computed("Distribution, in the API's spelling, such as `CentOS` or `Ubuntu`; accepted as `os_type` input."),
		"os_name": computed("Operating system name and version, such as `CentOS 7.6 64位`."),
		"supported_machine_types": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Machine types the image installs on, in the API's order."},
		"version":     computed("Current version of the image."),
		"type":        computed(fmt.Sprintf("Image type: %s.", quoted(phostImageTypes))),
		"create_time": computed("Creation time, RFC 3339 in UTC such as `2024-05-01T08:00:00Z`; empty when the API reports none (bare metal 1.0)."),
		"status":      computed("Image status as the API reports it; empty for bare metal 1.0 images."),
		"size": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "Image size as the API reports it (the unit is not documented); 0 for bare metal 1.0 images."},
		"description": computed("Image description."),
	}
}

// phostResult is what a lookup found: the images that passed every filter in the requested order, and how the
// filters narrowed them down, for diagnostics.
type phostResult struct {
	images  []client.PHostImage
	funnel  string
	filters []string
}

// queryPHostImages resolves the defaults into m, fetches every image the API filters select, applies the local
// filters and sorts. The client's slice is shared: only selection.Filter's copy is sorted.
func queryPHostImages(ctx context.Context, pd *providerData, dataSource string, m *phostFilterModel, by selection.SortBy, order selection.Order) (phostResult, diag.Diagnostics) {
	var diags diag.Diagnostics
	if pd == nil {
		diags.AddError("Provider Not Configured",
			dataSource+" was read before the provider was configured. Please report this issue to the provider developers.")
		return phostResult{}, diags
	}
	req, diags := phostRequest(ctx, pd, m)
	stages, local, d := phostStages(ctx, m)
	diags.Append(d...)
	if diags.HasError() {
		return phostResult{}, diags
	}
	if pd.ucloud.client == nil {
		diags.Append(missingCredentials("UCloud", dataSource, pd.ucloud.missing))
		return phostResult{}, diags
	}

	fetched, err := pd.ucloud.client.ListPHostImages(ctx, req)
	if err != nil {
		diags.Append(apiErrorDiagnostic(ctx, dataSource, err))
		return phostResult{}, diags
	}
	kept, counts := selection.Filter(fetched, stages)
	selection.Sort(kept, phostSortKey, by, order)
	return phostResult{
		images:  kept,
		funnel:  selection.Funnel(len(fetched), counts),
		filters: append(phostServerFilters(req), local...),
	}, diags
}

// phostRequest fills in the provider's defaults and canonical spellings and builds the API request.
func phostRequest(ctx context.Context, pd *providerData, m *phostFilterModel) (client.DescribePHostImageRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	if m.Region.IsNull() && pd.ucloud.region != "" {
		m.Region = types.StringValue(pd.ucloud.region)
	}
	if m.AvailabilityZone.IsNull() && pd.ucloud.zone != "" {
		m.AvailabilityZone = types.StringValue(pd.ucloud.zone)
	}
	if m.ProjectID.IsNull() && pd.ucloud.projectID != "" {
		m.ProjectID = types.StringValue(pd.ucloud.projectID)
	}
	if m.Region.IsNull() {
		diags.Append(missingRegion())
	}
	if m.AvailabilityZone.IsNull() {
		diags.AddAttributeError(path.Root("availability_zone"), "Missing Availability Zone",
			"DescribePHostImage needs an availability zone. Set availability_zone in this data source, ucloud.zone in the "+
				"provider block, or the "+envUCloudZone+" environment variable, for example \"cn-bj2-05\".")
	}
	if !m.ImageType.IsNull() {
		if canonical, ok := selection.Canonical(m.ImageType.ValueString(), phostImageTypes); ok {
			m.ImageType = types.StringValue(canonical)
		}
	}
	if !m.MachineType.IsNull() && m.Cluster.IsNull() {
		m.Cluster = types.StringValue(phostDefaultCluster)
	}
	var imageIDs []string
	if !m.ImageIDs.IsNull() {
		diags.Append(m.ImageIDs.ElementsAs(ctx, &imageIDs, false)...)
	}
	if diags.HasError() {
		return client.DescribePHostImageRequest{}, diags
	}
	return client.DescribePHostImageRequest{
		Region:      m.Region.ValueString(),
		Zone:        m.AvailabilityZone.ValueString(),
		ProjectID:   m.ProjectID.ValueString(),
		ImageType:   m.ImageType.ValueString(),
		ImageIDs:    imageIDs,
		MachineType: m.MachineType.ValueString(),
		Cluster:     m.Cluster.ValueString(),
	}, diags
}

// phostServerFilters describes the filters sent to the API, for "no match" and "several matches" errors.
func phostServerFilters(req client.DescribePHostImageRequest) []string {
	filters := []string{
		fmt.Sprintf("region = %q (sent to the API)", req.Region),
		fmt.Sprintf("availability_zone = %q (sent to the API)", req.Zone),
	}
	add := func(name, value string) {
		if value != "" {
			filters = append(filters, fmt.Sprintf("%s = %q (sent to the API)", name, value))
		}
	}
	add("project_id", req.ProjectID)
	if len(req.ImageIDs) > 0 {
		filters = append(filters, fmt.Sprintf("image_ids = %s (sent to the API)", hclList(req.ImageIDs)))
	}
	add("image_type", req.ImageType)
	add("machine_type", req.MachineType)
	add("cluster", req.Cluster)
	return filters
}

// phostStages builds the local filters that are set, each named by its attribute, and describes them.
func phostStages(ctx context.Context, m *phostFilterModel) ([]selection.Stage[client.PHostImage], []string, diag.Diagnostics) {
	var diags diag.Diagnostics
	var stages []selection.Stage[client.PHostImage]
	var described []string
	add := func(stage selection.Stage[client.PHostImage]) {
		stages = append(stages, stage)
		described = append(described, fmt.Sprintf("%s = %s (applied locally)", stage.Name, stage.Detail))
	}
	if !m.NameRegex.IsNull() {
		// The validator has compiled it already; a failure here would be a provider bug, reported as an error.
		re, err := regexp.Compile(m.NameRegex.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("name_regex"), "Invalid Regular Expression",
				fmt.Sprintf("name_regex must be an RE2 regular expression.\n\nError: %s", err))
			return nil, nil, diags
		}
		add(selection.Stage[client.PHostImage]{Name: "name_regex", Detail: fmt.Sprintf("%q", re.String()),
			Keep: func(img client.PHostImage) bool { return re.MatchString(img.ImageName) }})
	}
	if !m.OsType.IsNull() {
		osType := m.OsType.ValueString()
		add(selection.Stage[client.PHostImage]{Name: "os_type", Detail: fmt.Sprintf("%q", osType),
			Keep: func(img client.PHostImage) bool { return strings.EqualFold(img.OsType, osType) }})
	}
	if !m.Status.IsNull() {
		var status []string
		diags.Append(m.Status.ElementsAs(ctx, &status, false)...)
		if diags.HasError() {
			return nil, nil, diags
		}
		add(selection.Stage[client.PHostImage]{Name: "status", Detail: hclList(status),
			Keep: func(img client.PHostImage) bool { return img.State != "" && selection.ContainsFold(status, img.State) }})
	}
	return stages, described, diags
}

// phostCreated is an image's creation time in Unix seconds; 0 when the API sent none or a format we cannot read,
// which sorts as the oldest.
func phostCreated(img client.PHostImage) int64 {
	sec, _ := selection.ParseTime(img.CreateTime)
	return sec
}

func phostSortKey(img client.PHostImage) selection.Key {
	return selection.Key{ID: img.ImageID, Name: img.ImageName, Created: phostCreated(img)}
}

func phostCandidate(img client.PHostImage) candidate {
	return candidate{ID: img.ImageID, Name: img.ImageName, Created: selection.FormatTime(phostCreated(img))}
}

func newPHostImageModel(img client.PHostImage) phostImageModel {
	return phostImageModel{
		ID:                    types.StringValue(img.ImageID),
		Name:                  types.StringValue(img.ImageName),
		OsType:                types.StringValue(img.OsType),
		OsName:                types.StringValue(img.OsName),
		SupportedMachineTypes: append([]string{}, img.Support...), // a copy of the shared slice
		Version:               types.StringValue(img.Version),
		Type:                  types.StringValue(img.ImageType),
		CreateTime:            types.StringValue(selection.FormatTime(phostCreated(img))),
		Status:                types.StringValue(img.State),
		Size:                  types.Int64Value(img.ImageSize),
		Description:           types.StringValue(img.ImageDescription),
	}
}
