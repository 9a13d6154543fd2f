package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestAccTruncated(t *testing.T) {
	srv := newTestServer(t, 250)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" { max_results = 100 }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.Bool(true), "truncated"), expect(testRecordings, knownvalue.ListSizeExact(100), "ids")},
		}, {
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" { max_results = 300 }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.Bool(false), "truncated"), expect(testRecordings, knownvalue.ListSizeExact(250), "ids")},
		}, {
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.Bool(false), "truncated")},
		}, {
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_recordings" "test" {
  start_at    = %q
  max_results = 120
}`, birdtest.SeedRecordings(250, 1)[249].CreatedAt),
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.Bool(true), "truncated"), expect(testRecordings, knownvalue.ListSizeExact(120), "ids")},
		}},
	})
}

func TestAccTranscriptionsTruncated(t *testing.T) {
	srv, ts := newFullTestServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(srv) + `data "bird_voice_transcriptions" "test" { max_results = 2 }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("truncated"), knownvalue.Bool(true)),
			},
		}, {
			Config: providerBlock(srv) + fmt.Sprintf(`data "bird_voice_transcriptions" "test" { max_results = %d }`, len(ts)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.bird_voice_transcriptions.test", tfjsonpath.New("truncated"), knownvalue.Bool(false)),
			},
		}},
	})
}

func TestAccIdenticalReadsShareOneRead(t *testing.T) {
	srv := newTestServer(t, 250)
	teams := func(names ...string) string {
		config := providerBlock(srv)
		for _, name := range names {
			config += fmt.Sprintf(`
data "bird_voice_recordings" %q {
  status = "failed"
}
`, name)
		}
		return config
	}
	// Terraform reads a data source in each walk (plan, apply, the plan after it), each in a
	// provider process of its own; three identical data sources cost what one does.
	oneDataSource := 0
	count := func(out *int) func() {
		return func() { *out = len(srv.Requests()) }
	}
	var threeDataSources int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetRequests,
			Config:    teams("team_a"),
			Check:     func(*terraform.State) error { count(&oneDataSource)(); return nil },
		}, {
			PreConfig: srv.ResetRequests,
			Config:    teams("team_a", "team_b", "team_c"),
			Check: func(*terraform.State) error {
				count(&threeDataSources)()
				if oneDataSource == 0 || threeDataSources != oneDataSource {
					return fmt.Errorf("three identical data sources made %d requests, one made %d", threeDataSources, oneDataSource)
				}
				return expectReads(srv, url.Values{"status": {"failed"}, "limit": {"99"}})(nil)
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.bird_voice_recordings.team_a", tfjsonpath.New("ids"), "data.bird_voice_recordings.team_c", tfjsonpath.New("ids"), compare.ValuesSame()),
			},
		}},
	})
}

func TestAccReadParallelismIsChecked(t *testing.T) {
	srv := newTestServer(t, 3)
	clearBirdEnv(t)
	t.Setenv(envAccessKey, testKey)
	t.Setenv(envWorkspaceID, testWorkspace)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q\nread_parallelism = 0", srv.URL), ""),
			ExpectError: errorPattern(`Invalid read_parallelism.*must be a whole number from 1 to 32, got 0`),
		}, {
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q\nread_parallelism = 2.5", srv.URL), ""),
			ExpectError: errorPattern(`Invalid read_parallelism.*must be a whole number, got 2.5`),
		}, {
			PreConfig:   func() { t.Setenv(envReadParallelism, "33") },
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q", srv.URL), ""),
			ExpectError: errorPattern(`Invalid read_parallelism.*The BIRD_READ_PARALLELISM environment variable.*from 1 to 32, got 33`),
		}},
	})
}
