package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// Environment variables read when the matching provider attribute is not set (or is "").
const (
	envAccessKey         = "BIRD_ACCESS_KEY"
	envAccessToken       = "BIRD_ACCESS_TOKEN"
	envWorkspaceID       = "BIRD_WORKSPACE_ID"
	envEndpoint          = "BIRD_ENDPOINT"
	envMaxRetries        = "BIRD_MAX_RETRIES"
	envRequestsPerSecond = "BIRD_REQUESTS_PER_SECOND"
	envRequestTimeout    = "BIRD_REQUEST_TIMEOUT"
	envReadParallelism   = "BIRD_READ_PARALLELISM"
)

// Bounds of the provider's numeric attributes.
const (
	maxRetriesLimit        = 10
	readParallelismLimit   = 32
	defaultReadParallelism = 1
	requestsPerSecondFloor = 0.1
	requestsPerSecondCeil  = 1000
)

// birdProviderModel is the provider's configuration.
type birdProviderModel struct {
	AccessKey         types.String  `tfsdk:"access_key"`
	AccessToken       types.String  `tfsdk:"access_token"`
	WorkspaceID       types.String  `tfsdk:"workspace_id"`
	Endpoint          types.String  `tfsdk:"endpoint"`
	MaxRetries        types.Number  `tfsdk:"max_retries"`
	RequestsPerSecond types.Float64 `tfsdk:"requests_per_second"`
	RequestTimeout    types.String  `tfsdk:"request_timeout"`
	ReadParallelism   types.Number  `tfsdk:"read_parallelism"`
}

// unsetNote ends the description of every provider attribute.
const unsetNote = " An empty string, or null, reads the environment variable, else the default."

// Schema describes the provider's configuration.
func (p *birdProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	providerString := func(c checks) []validator.String {
		c.emptyIsUnset = true
		return []validator.String{c}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Bird provider reads a [Bird](https://bird.com) workspace: voice call recordings, their transcriptions and storage metrics.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				MarkdownDescription: "A Bird access key, sent as `Authorization: AccessKey <key>`. Defaults to the `" + envAccessKey + "` environment variable. Set exactly one of `access_key` and `access_token`." + unsetNote,
				Optional:            true,
				Sensitive:           true,
				Validators:          providerString(stringCheck("must be the key alone", accessKeyCredential.check)),
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "A Bird bearer token, sent as `Authorization: Bearer <token>`. Defaults to the `" + envAccessToken + "` environment variable. Set exactly one of `access_key` and `access_token`." + unsetNote,
				Optional:            true,
				Sensitive:           true,
				Validators:          providerString(stringCheck("must be the token alone", accessTokenCredential.check)),
			},
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "The UUID of the Bird workspace that data sources read when they set no `workspace_id` of their own. Defaults to the `" + envWorkspaceID + "` environment variable. It may be unknown at plan time, for example when it comes from a resource not yet created: data sources that set their own `workspace_id` still read." + unsetNote,
				Optional:            true,
				Validators:          providerString(workspaceIDCheck()),
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "The base URL of the Bird API, `" + bird.DefaultEndpoint + "` by default, or the `" + envEndpoint + "` environment variable. A path prefix and a trailing slash are fine; `http://` is accepted only for loopback hosts such as `127.0.0.1`." + unsetNote,
				Optional:            true,
				Validators:          providerString(stringCheck("must be an https:// URL, or an http:// URL of a loopback host", checkEndpoint)),
			},
			"max_retries": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How many times a request that failed with 429, 500, 502, 503, 504, a dropped connection or the request timeout is retried, a whole number from 0 to %d. Defaults to the `%s` environment variable, else %d. A host that DNS says does not exist is never retried.", maxRetriesLimit, envMaxRetries, bird.DefaultMaxRetries),
				Optional:            true,
				Validators:          []validator.Number{wholeNumberCheck(0, maxRetriesLimit)},
			},
			"requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("The most requests per second this provider sends to one workspace, shared by all its data sources, from %g to %g. Defaults to the `%s` environment variable, else %d, Bird's documented limit.", requestsPerSecondFloor, float64(requestsPerSecondCeil), envRequestsPerSecond, bird.DefaultRequestsPerSecond),
				Optional:            true,
				Validators:          []validator.Float64{checks{description: "must be a number in range", float: checkRequestsPerSecond}},
			},
			"read_parallelism": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How many parts of a list or summary read with a time window (`start_at`, `end_at` or both) and no `max_results` are read at once, within `requests_per_second`, a whole number from 1 to %d. Defaults to the `%s` environment variable, else %d. The default, 1, is exact: every read follows Bird's own chain of pages, nothing assumed, at about 150 s per 100,000 recordings (99 a page) or 15 s per 100,000 calls (1,000 a page) at 150 ms a page, against the 20-minute default `timeouts.read`. Above 1 is an opt-in for speed (3 to 5 times faster at 5,000 recordings): a read first probes, with up to 24 requests once per provider process, which timestamp `startAt` and `endAt` compare, whether each includes its instant and how precisely; it splits only where both compare one timestamp, as an exact partition, checks every page against the order Bird showed, and otherwise reads as one chain of pages, as the default does. Every parallel read says how it was read in a warning.", readParallelismLimit, envReadParallelism, defaultReadParallelism),
				Optional:            true,
				Validators:          []validator.Number{wholeNumberCheck(1, readParallelismLimit)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one attempt of one request may take, its whole answer included, as a duration such as `30s` or `2m` (units `ms`, `s`, `m`, `h`), from 1s to 1h. Defaults to the `" + envRequestTimeout + "` environment variable, else `30s`. Waiting for the rate limit and between retries is not part of it; a data source's `timeouts.read` bounds the whole read." + unsetNote,
				Optional:            true,
				Validators:          providerString(stringCheck("must be a duration from 1s to 1h", checkDuration)),
			},
		},
	}
}

// ConfigValidators refuses both credentials in one provider block.
func (p *birdProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{oneCredential{}}
}

// oneCredential refuses a provider block that sets both access_key and access_token to
// something other than "", which means unset.
type oneCredential struct{}

// Description says what the validator allows.
func (oneCredential) Description(context.Context) string {
	return "at most one of access_key and access_token"
}

// MarkdownDescription says what the validator allows.
func (v oneCredential) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// ValidateProvider refuses both credentials.
func (oneCredential) ValidateProvider(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var key, token types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("access_key"), &key)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("access_token"), &token)...)
	set := func(v types.String) bool { return v.IsUnknown() || v.ValueString() != "" }
	if set(key) && set(token) {
		resp.Diagnostics.AddAttributeError(path.Root("access_token"), "Two Bird credentials",
			"The provider block sets both access_key and access_token. Set one: an access key is sent as \"AccessKey <key>\", a token as \"Bearer <token>\".")
	}
}

// Configure builds the one client that every data source of this provider shares.
func (p *birdProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg birdProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	diags := &resp.Diagnostics
	accessKey, accessToken := credentials(cfg, diags)
	workspaceID, workspaceKnown := stringSetting("workspace_id", envWorkspaceID, "", checkWorkspaceID).resolve(cfg.WorkspaceID, diags)
	endpoint, endpointKnown := stringSetting("endpoint", envEndpoint, bird.DefaultEndpoint, checkEndpoint).resolve(cfg.Endpoint, diags)
	maxRetries, _ := wholeNumberSetting("max_retries", envMaxRetries, bird.DefaultMaxRetries, checkRange(0, maxRetriesLimit)).resolve(cfg.MaxRetries, diags)
	parallelism, _ := wholeNumberSetting("read_parallelism", envReadParallelism, defaultReadParallelism, checkRange(1, readParallelismLimit)).resolve(cfg.ReadParallelism, diags)
	perSecond, _ := requestsPerSecondSetting().resolve(cfg.RequestsPerSecond, diags)
	timeout, _ := stringSetting("request_timeout", envRequestTimeout, bird.DefaultRequestTimeout.String(), checkDuration).resolve(cfg.RequestTimeout, diags)
	if !endpointKnown {
		unknownError(diags, "endpoint")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = maskSecrets(ctx, accessKey, accessToken)
	requestTimeout, _ := time.ParseDuration(timeout)

	client, err := bird.NewClient(bird.Config{
		Endpoint:          endpoint,
		AccessKey:         accessKey,
		AccessToken:       accessToken,
		HTTPClient:        p.httpClient,
		UserAgent:         fmt.Sprintf("terraform-provider-bird/%s Terraform/%s", p.version, req.TerraformVersion),
		MaxRetries:        int(maxRetries),
		RequestsPerSecond: perSecond,
		RequestTimeout:    requestTimeout,
		ReadParallelism:   int(parallelism),
		ShareReads:        true,
		Logger:            tflogAdapter{secrets: []string{accessKey, accessToken}},
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("endpoint"), invalidSummary("endpoint"), err.Error())
		return
	}
	tflog.Debug(ctx, "Configured the Bird client", map[string]any{"endpoint": endpoint, "workspace_id": workspaceID, "workspace_id_known": workspaceKnown})
	cred := accessKeyCredential
	if accessToken != "" {
		cred = accessTokenCredential
	}
	data := &providerData{client: client, credential: cred, defaultWorkspaceID: workspaceID, defaultWorkspaceUnknown: !workspaceKnown, maxStateBytes: p.maxStateBytes}
	p.data = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}

// credential is one of the provider's two credentials: its attribute, its environment
// variable, what it is called and what a valid one is, so that a diagnostic names the one in
// use, and the check of its value.
type credential struct {
	attr, env, noun, valid string
	check                  func(string) error
}

// The two credentials.
var (
	accessKeyCredential = credential{
		attr: "access_key", env: envAccessKey, noun: "access key", check: checkCredential("key"),
		valid: "an access key of Bird's current platform for this workspace's organization; a legacy MessageBird key, or a key of another Bird platform, is refused with 401",
	}
	accessTokenCredential = credential{
		attr: "access_token", env: envAccessToken, noun: "access token", check: checkCredential("token"),
		valid: "a bearer token that Bird issued for this workspace's organization, and has not expired",
	}
)

// credentials returns the access key or the access token, exactly one of them. A credential
// set in the provider block wins over both environment variables.
func credentials(cfg birdProviderModel, diags *diag.Diagnostics) (key, token string) {
	for _, c := range []struct {
		name string
		v    types.String
	}{{"access_key", cfg.AccessKey}, {"access_token", cfg.AccessToken}} {
		if c.v.IsUnknown() {
			unknownError(diags, c.name)
			return "", ""
		}
	}
	key, token = cfg.AccessKey.ValueString(), cfg.AccessToken.ValueString()
	if key != "" || token != "" {
		return key, token // both set, or a pasted scheme, is refused at plan time by the validators
	}
	key, token = os.Getenv(envAccessKey), os.Getenv(envAccessToken)
	for _, c := range []struct {
		credential
		value string
	}{{accessKeyCredential, key}, {accessTokenCredential, token}} {
		if err := c.check(c.value); err != nil {
			diags.AddAttributeError(path.Root(c.attr), invalidSummary(c.attr), envError(c.env, c.attr, err))
		}
	}
	switch {
	case key != "" && token != "":
		diags.AddAttributeError(path.Root("access_key"), "Two Bird credentials",
			"Both "+envAccessKey+" and "+envAccessToken+" are set, and the provider block sets neither access_key nor access_token. Unset one of the two environment variables, or set the credential to use in the provider block.")
	case key == "" && token == "":
		diags.AddAttributeError(path.Root("access_key"), "Missing Bird credential",
			"Set the provider's access_key (or the "+envAccessKey+" environment variable) to a Bird access key, or its access_token (or "+envAccessToken+") to a Bird bearer token. Access keys are made in Bird's dashboard: Settings, Access keys.")
	}
	return key, token
}

// unknownError reports a provider attribute that must be known before any read.
func unknownError(diags *diag.Diagnostics, name string) {
	diags.AddAttributeError(path.Root(name), "Unknown value for "+name,
		"The provider cannot read anything while "+name+" is unknown, for example when it comes from a resource not yet created. Set it to a value known at plan time, or use -target to create that resource first.")
}

// setting is one provider setting: its attribute, its environment variable, its default, how
// the variable's text is parsed and how any value is checked.
type setting[T any] struct {
	attr, env string
	def       T
	parse     func(string) (T, error)
	check     func(T) error
}

// stringSetting is a string setting; "" in the configuration means unset.
func stringSetting(attrName, env, def string, check func(string) error) setting[string] {
	return setting[string]{attr: attrName, env: env, def: def, check: check, parse: func(s string) (string, error) { return s, nil }}
}

// wholeNumberSetting is a whole-number setting.
func wholeNumberSetting(attrName, env string, def int64, check func(int64) error) setting[int64] {
	return setting[int64]{
		attr: attrName, env: env, def: def, check: check,
		parse: func(s string) (int64, error) {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return 0, fmt.Errorf("must be a whole number, got %q", s)
			}
			return n, nil
		},
	}
}

// requestsPerSecondSetting is requests_per_second.
func requestsPerSecondSetting() setting[float64] {
	return setting[float64]{
		attr: "requests_per_second", env: envRequestsPerSecond, def: bird.DefaultRequestsPerSecond, check: checkRequestsPerSecond,
		parse: func(s string) (float64, error) {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return 0, fmt.Errorf("must be a number, got %q", s)
			}
			return f, nil
		},
	}
}

// resolve returns the attribute's value when it is set, else the environment variable's,
// else the default, and whether the attribute was known. An unknown attribute resolves like
// an unset one: the caller decides whether a read can still be right without it. A bad
// environment variable is reported on the attribute, naming the variable.
func (s setting[T]) resolve(v attr.Value, diags *diag.Diagnostics) (T, bool) {
	if value, ok := setValue[T](v); ok {
		return value, true // checked at plan time by the attribute's validator
	}
	e := os.Getenv(s.env)
	if e == "" {
		return s.def, !v.IsUnknown()
	}
	value, err := s.parse(e)
	if err == nil {
		err = s.check(value)
	}
	if err != nil {
		diags.AddAttributeError(path.Root(s.attr), invalidSummary(s.attr), envError(s.env, s.attr, err))
	}
	return value, !v.IsUnknown()
}

// envError is the sentence that reports a bad environment variable: err says what the value
// must be ("must be ..., got ...").
func envError(env, attrName string, err error) string {
	return fmt.Sprintf("The %s environment variable (read because the provider block sets no %s) %s.", env, attrName, err)
}

// setValue returns an attribute's value and whether it is set: known, not null, not "".
func setValue[T any](v attr.Value) (T, bool) {
	var zero T
	if v.IsNull() || v.IsUnknown() {
		return zero, false
	}
	var out any
	switch v := v.(type) {
	case types.String:
		if v.ValueString() == "" {
			return zero, false
		}
		out = v.ValueString()
	case types.Number:
		n, _ := v.ValueBigFloat().Int64()
		out = n
	case types.Float64:
		out = v.ValueFloat64()
	}
	value, ok := out.(T)
	return value, ok
}
