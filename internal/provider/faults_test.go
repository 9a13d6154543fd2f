package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestAccVoiceRecordingsSurvivesTransientFaults(t *testing.T) {
	srv := newTestServer(t, 120)
	all := []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(120), "recordings")}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig:         failThen(srv, birdtest.Fault{Status: 429, RetryAfter: "1"}, 1),
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: all,
		}, {
			PreConfig:         failThen(srv, birdtest.Fault{Status: 503}, 1),
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" { max_results = 500 }`,
			ConfigStateChecks: all,
		}},
	})
}

func TestAccVoiceRecordingsReportsUnusableAnswers(t *testing.T) {
	srv := newTestServer(t, 300)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			PreConfig:   failThen(srv, birdtest.Fault{RepeatToken: true}, 100),
			Config:      providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`Could not read Bird recordings.*nextPageToken repeats a token already used in this read after 198 results; stopping instead of looping`),
		}, {
			PreConfig:   failThen(srv, birdtest.Fault{Body: "<html><head><title>502 Bad Gateway</title></head></html>", ContentType: "text/html"}, 1),
			Config:      providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`GET /workspaces/` + testWorkspace + `/recordings: 200 OK: the response is not the JSON object the API documents.*the body starts with.*<html><head><title>502 Bad Gateway`),
		}, {
			PreConfig: failThen(srv, birdtest.Fault{Hang: true}, 100),
			Config: providerBlock(srv) + `
data "bird_voice_recordings" "test" {
  timeouts = {
    read = "2s"
  }
}`,
			ExpectError: errorPattern(`did not finish within the read timeout of 2s \(timeouts.read\)`),
		}, {
			// No partial state: after the failures, a clean read holds every recording.
			PreConfig:         srv.ClearFaults,
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(300), "recordings")},
		}},
	})
}

func TestAccCredentialNeverLogged(t *testing.T) {
	const token = "acc-log-token-73d0b9e1a4"
	for _, tc := range []struct{ env, secret string }{{envAccessKey, testKey}, {envAccessToken, token}} {
		t.Run(tc.env, func(t *testing.T) {
			srv := newTestServer(t, 150)
			srv.AcceptToken(token)
			logPath := filepath.Join(t.TempDir(), "trace.log")
			clearBirdEnv(t)
			t.Setenv("TF_LOG", "trace")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			t.Setenv(tc.env, tc.secret)
			t.Setenv(envEndpoint, srv.URL)
			t.Setenv(envWorkspaceID, testWorkspace)
			srv.Fail(birdtest.Fault{Status: 429, RetryAfter: "1"}, 1)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testFactories,
				Steps: []resource.TestStep{{
					Config:            `data "bird_voice_recordings" "test" { include_urls = true }`,
					ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(150), "recordings")},
				}},
			})
			raw, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			log := string(raw)
			// The log is real: it holds the provider's request lines and the retry.
			for _, want := range []string{"Bird API request", "Bird API answered a transient status; retrying", "/workspaces/" + testWorkspace + "/recordings"} {
				if !strings.Contains(log, want) {
					t.Fatalf("the trace log (%d bytes) lacks %q", len(log), want)
				}
			}
			if i := strings.Index(log, tc.secret[:8]); i >= 0 {
				t.Fatalf("the credential appears in the trace log: ...%s...", log[max(0, i-200):i])
			}
		})
	}
}

func TestAccBodyDroppedHalfwayIsRetried(t *testing.T) {
	srv := newTestServer(t, 250)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			// Page 2 of the first read announces its length, sends half and drops.
			PreConfig: func() {
				srv.ResetRequests()
				srv.Fail(birdtest.Fault{}, 1)
				srv.Fail(birdtest.Fault{DropBody: true}, 1)
			},
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(250), "recordings")},
		}},
	})
}

func TestAccRateLimitWaitIsNotARequestTimeout(t *testing.T) {
	srv := newTestServer(t, 250)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			// 3 pages at 0.5 requests per second wait about 2 s each, past the 1 s timeout.
			Config: providerBlockWith(srv, fmt.Sprintf(`access_key = %q
requests_per_second = 0.5
request_timeout = "1s"
max_retries = 0`, testKey)) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(250), "recordings")},
		}},
	})
}

func TestAccStateTooLargeForTheProtocol(t *testing.T) {
	srv := newTestServer(t, 250)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factoriesWith(func(p *birdProvider) { p.maxStateBytes = 100 << 10 }),
		Steps: []resource.TestStep{{
			Config:      providerBlock(srv) + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`Too many Bird recordings for one read.*The 250 recordings read encode to 0.2 MiB of state, more than the 0 MiB.*max_results.*include_urls`),
		}, {
			Config:            providerBlock(srv) + `data "bird_voice_recordings" "test" { max_results = 50 }`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(50), "recordings")},
		}},
	})
}

func TestAccRefusedConnectionSaysHowLongItTried(t *testing.T) {
	srv := birdtest.NewServer(testKey)
	srv.Close() // nothing listens on its port any more: every attempt is refused
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlockWith(srv, fmt.Sprintf("access_key = %q\nmax_retries = 1", testKey)) + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`connection refused \(tried 2 times over [0-9.]+m?s\).*retried as often as max_retries allows: 2 attempts over [0-9.]+m?s\.`),
		}},
	})
}
