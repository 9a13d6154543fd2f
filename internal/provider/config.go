package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// Environment variables read when the matching provider attribute is not set.
const (
	envAccessKey         = "BIRD_ACCESS_KEY"
	envWorkspaceID       = "BIRD_WORKSPACE_ID"
	envEndpoint          = "BIRD_ENDPOINT"
	envMaxRetries        = "BIRD_MAX_RETRIES"
	envRequestsPerSecond = "BIRD_REQUESTS_PER_SECOND"
	envRequestTimeout    = "BIRD_REQUEST_TIMEOUT"
)

// Bounds of the provider's numeric attributes.
const (
	maxRetriesLimit        = 10
	requestsPerSecondFloor = 0.1
	requestsPerSecondCeil  = 1000
)

// birdProviderModel is the provider's configuration.
type birdProviderModel struct {
	AccessKey         types.String  `tfsdk:"access_key"`
	WorkspaceID       types.String  `tfsdk:"workspace_id"`
	Endpoint          types.String  `tfsdk:"endpoint"`
	MaxRetries        types.Int64   `tfsdk:"max_retries"`
	RequestsPerSecond types.Float64 `tfsdk:"requests_per_second"`
	RequestTimeout    types.String  `tfsdk:"request_timeout"`
}

// Schema describes the provider's configuration.
func (p *birdProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Bird provider reads a [Bird](https://bird.com) workspace: voice call recordings, their transcriptions and storage metrics.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				MarkdownDescription: "A Bird access key, sent as `Authorization: AccessKey <key>`. Defaults to the `" + envAccessKey + "` environment variable. Required, from one or the other.",
				Optional:            true,
				Sensitive:           true,
			},
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "The UUID of the Bird workspace that data sources read when they set no `workspace_id` of their own. Defaults to the `" + envWorkspaceID + "` environment variable.",
				Optional:            true,
				Validators:          []validator.String{uuidValidator()},
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "The base URL of the Bird API, `" + bird.DefaultEndpoint + "` by default, or the `" + envEndpoint + "` environment variable. A path prefix and a trailing slash are fine; `http://` is accepted only for loopback hosts such as `127.0.0.1`.",
				Optional:            true,
				Validators:          []validator.String{endpointValidator()},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request that failed with 429, 500, 502, 503, 504 or a connection error is retried, from 0 to %d. Defaults to the `%s` environment variable, else %d.", maxRetriesLimit, envMaxRetries, bird.DefaultMaxRetries),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
			"requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("The most requests per second this provider sends to one workspace, shared by all its data sources, from %g to %g. Defaults to the `%s` environment variable, else %d, Bird's documented limit.", requestsPerSecondFloor, float64(requestsPerSecondCeil), envRequestsPerSecond, bird.DefaultRequestsPerSecond),
				Optional:            true,
				Validators:          []validator.Float64{float64validator.Between(requestsPerSecondFloor, requestsPerSecondCeil)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one request may take, as a Go duration such as `30s` or `2m`, from 1s to 1h. Defaults to the `" + envRequestTimeout + "` environment variable, else `30s`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator()},
			},
		},
	}
}

// Configure builds the one client that every data source of this provider shares.
func (p *birdProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg birdProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s := settings{diags: &resp.Diagnostics}
	accessKey := s.str(cfg.AccessKey, "access_key", envAccessKey, "")
	workspaceID := s.str(cfg.WorkspaceID, "workspace_id", envWorkspaceID, "")
	endpoint := s.str(cfg.Endpoint, "endpoint", envEndpoint, bird.DefaultEndpoint)
	maxRetries := s.int64(cfg.MaxRetries, "max_retries", envMaxRetries, bird.DefaultMaxRetries)
	perSecond := s.float64(cfg.RequestsPerSecond, "requests_per_second", envRequestsPerSecond, bird.DefaultRequestsPerSecond)
	timeout := s.str(cfg.RequestTimeout, "request_timeout", envRequestTimeout, bird.DefaultRequestTimeout.String())
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = maskKey(ctx, accessKey)

	if accessKey == "" {
		resp.Diagnostics.AddAttributeError(path.Root("access_key"), "Missing Bird access key",
			"Set the provider's access_key attribute or the "+envAccessKey+" environment variable to a Bird access key (Bird's dashboard: Settings, Access keys).")
	}
	if workspaceID != "" && !uuidPattern.MatchString(workspaceID) {
		resp.Diagnostics.AddAttributeError(path.Root("workspace_id"), "Invalid workspace ID",
			fmt.Sprintf("The workspace ID from %s must be a UUID such as %s.", envWorkspaceID, exampleUUID))
	}
	if err := validateDuration(timeout); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", err.Error())
	}
	if maxRetries < 0 || maxRetries > maxRetriesLimit {
		resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid max_retries",
			fmt.Sprintf("max_retries must be from 0 to %d, got %d.", maxRetriesLimit, maxRetries))
	}
	if perSecond < requestsPerSecondFloor || perSecond > requestsPerSecondCeil {
		resp.Diagnostics.AddAttributeError(path.Root("requests_per_second"), "Invalid requests_per_second",
			fmt.Sprintf("requests_per_second must be from %g to %g, got %g.", requestsPerSecondFloor, float64(requestsPerSecondCeil), perSecond))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	requestTimeout, _ := time.ParseDuration(timeout)
	retries := int(maxRetries)
	if retries == 0 {
		retries = -1 // bird.Config reads zero as "the default"
	}

	client, err := bird.NewClient(bird.Config{
		Endpoint:          endpoint,
		AccessKey:         accessKey,
		HTTPClient:        p.httpClient,
		UserAgent:         fmt.Sprintf("terraform-provider-bird/%s Terraform/%s", p.version, req.TerraformVersion),
		MaxRetries:        retries,
		RequestsPerSecond: perSecond,
		RequestTimeout:    requestTimeout,
		Logger:            tflogAdapter{accessKey: accessKey},
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Invalid Bird endpoint", err.Error())
		return
	}
	tflog.Debug(ctx, "Configured the Bird client", map[string]any{"endpoint": endpoint, "workspace_id": workspaceID})
	data := &providerData{client: client, workspaceID: workspaceID}
	p.data = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}

// settings resolves each provider setting from its attribute, else its environment variable,
// else its default, and reports an unknown attribute or an unparsable variable.
type settings struct {
	diags *diag.Diagnostics
}

// setting is what str, int64 and float64 need of a configuration value.
type setting interface {
	IsNull() bool
	IsUnknown() bool
}

// resolve returns the attribute's value, else the environment variable's parsed by parse,
// else def. An unknown attribute or an unparsable variable is an error on attr.
func resolve[T any](s settings, v setting, value func() T, attr, env string, def T, parse func(string) (T, error)) T {
	var zero T
	switch {
	case v.IsUnknown():
		s.diags.AddAttributeError(path.Root(attr), "Unknown value for "+attr,
			"The provider cannot be configured while "+attr+" is unknown, for example when it comes from a resource not yet created. Set it to a value known at plan time, or use -target to create that resource first.")
		return zero
	case !v.IsNull():
		return value()
	}
	e := os.Getenv(env)
	if e == "" {
		return def
	}
	n, err := parse(e)
	if err != nil {
		s.diags.AddAttributeError(path.Root(attr), "Invalid "+env, fmt.Sprintf("%s must be %v, got %q.", env, err, e))
	}
	return n
}

// str resolves a string setting.
func (s settings) str(v types.String, attr, env, def string) string {
	return resolve(s, v, v.ValueString, attr, env, def, func(e string) (string, error) { return e, nil })
}

// int64 resolves an integer setting.
func (s settings) int64(v types.Int64, attr, env string, def int64) int64 {
	return resolve(s, v, v.ValueInt64, attr, env, def, func(e string) (int64, error) {
		n, err := strconv.ParseInt(e, 10, 64)
		if err != nil {
			return 0, errors.New("an integer")
		}
		return n, nil
	})
}

// float64 resolves a number setting.
func (s settings) float64(v types.Float64, attr, env string, def float64) float64 {
	return resolve(s, v, v.ValueFloat64, attr, env, def, func(e string) (float64, error) {
		n, err := strconv.ParseFloat(e, 64)
		if err != nil {
			return 0, errors.New("a number")
		}
		return n, nil
	})
}
