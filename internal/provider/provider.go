// Package provider implements the imagepick Terraform provider on terraform-plugin-framework.
package provider

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/imagepick/terraform-provider-imagepick/internal/provider/validators"
)

var _ provider.Provider = (*imagepickProvider)(nil)

// newProvider returns the provider; version is set by the release build ("test" in tests), env is where it reads
// its environment variables (os.Getenv in production).
func newProvider(version string, env environment) *imagepickProvider {
	return &imagepickProvider{version: version, env: env}
}

type imagepickProvider struct {
	version string
	env     environment // where arguments not set in the configuration come from
	// data is what Configure built, for the data sources read directly by server (each provider instance has
	// its own: tests run several in one process).
	data atomic.Pointer[providerData]
}

type providerModel struct {
	UCloud         types.Object `tfsdk:"ucloud"`
	Zenlayer       types.Object `tfsdk:"zenlayer"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

type ucloudModel struct {
	PublicKey             types.String `tfsdk:"public_key"`
	PrivateKey            types.String `tfsdk:"private_key"`
	Region                types.String `tfsdk:"region"`
	Zone                  types.String `tfsdk:"zone"`
	ProjectID             types.String `tfsdk:"project_id"`
	BaseURL               types.String `tfsdk:"base_url"`
	Profile               types.String `tfsdk:"profile"`
	SharedCredentialsFile types.String `tfsdk:"shared_credentials_file"`
}

type zenlayerModel struct {
	AccessKeyID       types.String `tfsdk:"access_key_id"`
	AccessKeyPassword types.String `tfsdk:"access_key_password"`
	BaseURL           types.String `tfsdk:"base_url"`
}

func (p *imagepickProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "imagepick"
	resp.Version = p.version
}

func (p *imagepickProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	env := func(name string) string { return fmt.Sprintf(" Falls back to the `%s` environment variable.", name) }
	baseURL := []validator.String{validators.URLWithScheme()}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The imagepick provider looks up machine images on UCloud-family clouds (UHost and UPHost) " +
			"and on Zenlayer bare metal (BMC) and Elastic Compute (ZEC). Every argument is optional: a cloud's credentials are checked only when " +
			"one of its data sources is read, so users of one cloud never configure the other.",
		Attributes: map[string]schema.Attribute{
			"ucloud": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Settings for UCloud and the clouds that serve the same API under their own host " +
					"(`imagepick_uhost_*` and `imagepick_phost_*` data sources). Each argument wins over its environment " +
					"variable, which wins over the UCloud CLI profile files.",
				Attributes: map[string]schema.Attribute{
					"public_key": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "UCloud API public key." + env(envUCloudPublicKey)},
					"private_key": schema.StringAttribute{Optional: true, Sensitive: true, Validators: nonEmpty,
						MarkdownDescription: "UCloud API private key; never logged or stored in state." + env(envUCloudPrivateKey)},
					"region": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "Default region of the UCloud data sources, such as `cn-bj2`." + env(envUCloudRegion)},
					"zone": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "Default availability zone, such as `cn-bj2-05`. With it, UHost lookups search only this " +
							"zone (the images an instance there can use) unless a data source sets `availability_zone`, or " +
							"`all_zones = true` for the whole region; without it they search every zone of the region. " +
							"Bare-metal (`imagepick_phost_*`) lookups need a zone." + env(envUCloudZone)},
					"project_id": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "Default project ID; sub-accounts must set one." + env(envUCloudProjectID)},
					"base_url": schema.StringAttribute{Optional: true, Validators: baseURL,
						MarkdownDescription: "API endpoint. Defaults to `" + defaultUCloudBaseURL + "`; other hosts serving the same API " +
							"include `https://api.ucloud-global.com`, `https://api.zosoc.com` and `https://api.scloudsg.com`. " +
							"An absolute `https://` URL, or `http://` for a local emulator." + env(envUCloudBaseURL)},
					"profile": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "Profile of the UCloud CLI files `~/.ucloud/credential.json` and `~/.ucloud/config.json` " +
							"to read keys, region, zone, project and base URL from when they are not set otherwise. Defaults to " +
							"the profile marked active in `config.json`, else `default`." + env(envUCloudProfile)},
					"shared_credentials_file": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "Path of the UCloud CLI credential file; `~/` is expanded. Defaults to " +
							"`~/.ucloud/credential.json` (a missing default file is fine, a missing named file is an error)." +
							env(envUCloudSharedCredentialFile)},
				},
			},
			"zenlayer": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Settings for Zenlayer Cloud (`imagepick_bmc_*` and `imagepick_zec_*` data sources).",
				Attributes: map[string]schema.Attribute{
					"access_key_id": schema.StringAttribute{Optional: true, Validators: nonEmpty,
						MarkdownDescription: "Zenlayer access key ID." + env(envZenlayerAccessKeyID)},
					"access_key_password": schema.StringAttribute{Optional: true, Sensitive: true, Validators: nonEmpty,
						MarkdownDescription: "Zenlayer access key password; never logged or stored in state." + env(envZenlayerAccessKeyPassword)},
					"base_url": schema.StringAttribute{Optional: true, Validators: baseURL,
						MarkdownDescription: "API endpoint, such as `" + defaultZenlayerBaseURL + "` (the default); a trailing " +
							"`/api/v2/bmc` is accepted, as the BMC API lives under that path (ZEC is reached beside it, at `/api/v2/zec`)." +
							env(envZenlayerBaseURL) + " As in the official Zenlayer provider, `" + envZenlayerDomain + "` (host[:port]) and `" +
							envZenlayerScheme + "` (`HTTP` or `HTTPS`) are honoured when neither is set."},
				},
			},
			"max_retries": schema.Int64Attribute{Optional: true,
				Validators: []validator.Int64{int64validator.Between(0, maxMaxRetries)},
				MarkdownDescription: fmt.Sprintf("How many times a failed request is retried (throttling, HTTP 429/5xx, network errors), "+
					"with exponential backoff and jitter. Between 0 and %d; defaults to %d.", maxMaxRetries, defaultMaxRetries)},
			"request_timeout": schema.StringAttribute{Optional: true,
				Validators: []validator.String{validators.Duration(minRequestTimeout, maxRequestTimeout)},
				MarkdownDescription: fmt.Sprintf("Time limit of each request attempt, as a duration such as `30s`. Between %s and %s; defaults to `%s`.",
					minRequestTimeout, maxRequestTimeout, defaultRequestTimeout)},
		},
	}
}

func (p *imagepickProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	p.data.Store(nil) // the framework too forgets what an earlier Configure returned
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data, diags := newProviderData(ctx, config, userAgent(p.version, req.TerraformVersion), p.env)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.DataSourceData = data
	p.data.Store(data)
}

func (p *imagepickProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *imagepickProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newImageDataSource(uhostFamily, listForm),
		newImageDataSource(uhostFamily, oneForm),
		newImageDataSource(uhostFamily, idsForm),
		newImageDataSource(phostFamily, listForm),
		newImageDataSource(phostFamily, oneForm),
		newImageDataSource(phostFamily, idsForm),
		newImageDataSource(bmcFamily, listForm),
		newImageDataSource(bmcFamily, oneForm),
		newImageDataSource(bmcFamily, idsForm),
		newImageDataSource(zecFamily, listForm),
		newImageDataSource(zecFamily, oneForm),
		newImageDataSource(zecFamily, idsForm),
	}
}

// toProviderData casts the data the provider configured; nil means the provider is not configured yet (validate).
func toProviderData(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. Please report this issue to the provider developers.", data))
		return nil
	}
	return pd
}

func userAgent(version, terraformVersion string) string {
	ua := "terraform-provider-imagepick/" + version + " (+https://registry.terraform.io/providers/imagepick/imagepick)"
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}
