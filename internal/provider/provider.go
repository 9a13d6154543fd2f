// Package provider is the Terraform side of the Bird provider: the provider's schema and
// configuration, the data sources and ephemeral resources, and the mapping of API objects to
// Terraform values. Everything that talks to Bird lives in package bird.
package provider

import (
	"context"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/birdtf/bird"

// New returns a factory of the provider at version, for providerserver.Serve.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return newBirdProvider(version) }
}

// newBirdProvider returns the provider at version.
func newBirdProvider(version string) *birdProvider {
	return &birdProvider{version: version, maxStateBytes: maxStateBytes}
}

// birdProvider is the Bird provider. httpClient, when set, supplies the transport; tests
// inject one, and production uses go-cleanhttp's. data is what Configure made, kept for the
// server's direct reads.
type birdProvider struct {
	version       string
	httpClient    *http.Client
	maxStateBytes int
	data          *providerData
}

var (
	_ provider.Provider                       = (*birdProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*birdProvider)(nil)
	_ provider.ProviderWithConfigValidators   = (*birdProvider)(nil)
)

// Metadata names the provider "bird".
func (p *birdProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "bird"
	resp.Version = p.version
}

// Resources returns none: the provider only reads.
func (p *birdProvider) Resources(context.Context) []func() resource.Resource { return nil }

// providerData returns what Configure handed to data sources, nil before Configure.
func (p *birdProvider) providerData() any {
	if p.data == nil {
		return nil
	}
	return p.data
}

// DataSources lists the provider's data sources.
func (p *birdProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newVoiceRecordingsDataSource,
		newVoiceRecordingDataSource,
		newVoiceTranscriptionsDataSource,
		newVoiceTranscriptionDataSource,
		newVoiceRecordingMetricsDataSource,
		newVoiceCallsDataSource,
		newVoiceCallDataSource,
		newChannelsDataSource,
		newChannelDataSource,
		newVoiceRecordingsSummaryDataSource,
		newVoiceCallsSummaryDataSource,
		newNumbersDataSource,
		newNumberDataSource,
		newVoiceRecordingCoverageDataSource,
	}
}

// EphemeralResources lists the provider's ephemeral resources.
func (p *birdProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newVoiceRecordingEphemeralResource}
}

// providerData is what Configure hands to every data source: one client, shared so that
// the rate limit holds across them, the credential it sends, the default workspace, and the
// largest state a list read may answer.
type providerData struct {
	client                  *bird.Client
	credential              credential // the credential the client sends, named in a 401
	defaultWorkspaceID      string
	defaultWorkspaceUnknown bool
	maxStateBytes           int
}
