package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccEnvironmentErrorsNameTheVariable(t *testing.T) {
	srv := newTestServer(t, 3)
	clearBirdEnv(t)
	t.Setenv(envAccessKey, testKey)
	t.Setenv(envWorkspaceID, testWorkspace)
	cfg := recordingsConfig(fmt.Sprintf("endpoint = %q", srv.URL), "")
	step := func(env, value, pattern string) resource.TestStep {
		return resource.TestStep{
			PreConfig:   func() { t.Setenv(env, value) },
			Config:      cfg,
			ExpectError: errorPattern(pattern),
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{
			step(envMaxRetries, "-1", `Invalid max_retries.*The BIRD_MAX_RETRIES environment variable \(read because the provider block sets no max_retries\) must be a whole number from 0 to 10, got -1`),
			step(envMaxRetries, "1.5", `Invalid max_retries.*BIRD_MAX_RETRIES environment variable.*must be a whole number, got "1.5"`),
			step(envRequestsPerSecond, "NaN", `Invalid requests_per_second.*BIRD_REQUESTS_PER_SECOND environment variable.*must be a number from 0.1 to 1000, got NaN`),
			step(envRequestsPerSecond, "+Inf", `Invalid requests_per_second.*BIRD_REQUESTS_PER_SECOND environment variable.*got \+Inf`),
			step(envRequestsPerSecond, "-Inf", `Invalid requests_per_second.*BIRD_REQUESTS_PER_SECOND environment variable.*got -Inf`),
			step(envRequestTimeout, "forever", `Invalid request_timeout.*BIRD_REQUEST_TIMEOUT environment variable.*must be a duration such as 30s`),
			{
				PreConfig: func() {
					t.Setenv(envRequestsPerSecond, "")
					t.Setenv(envRequestTimeout, "")
					t.Setenv(envMaxRetries, "")
					t.Setenv(envEndpoint, "ftp://example.com")
				},
				Config:      `data "bird_voice_recordings" "test" {}`,
				ExpectError: errorPattern(`Invalid endpoint.*The BIRD_ENDPOINT environment variable \(read because the provider block sets no endpoint\) must use https://, as in https://api.bird.com \(or http:// on a loopback host\), got "ftp://example.com"\.`),
			}, {
				// A URL without its scheme, as a user copies it from a server's log.
				PreConfig:   func() { t.Setenv(envEndpoint, "127.0.0.1:34409") },
				Config:      `data "bird_voice_recordings" "test" {}`,
				ExpectError: errorPattern(`Invalid endpoint.*The BIRD_ENDPOINT environment variable \(read because the provider block sets no endpoint\) must be a URL with its scheme, such as https://api.bird.com, got "127.0.0.1:34409"\.`),
			},
		},
	})
}

func TestAccEmptyStringMeansUnset(t *testing.T) {
	srv := newTestServer(t, 3)
	clearBirdEnv(t)
	t.Setenv(envAccessKey, testKey)
	t.Setenv(envWorkspaceID, testWorkspace)
	t.Setenv(envEndpoint, srv.URL)
	t.Setenv(envRequestsPerSecond, "1000")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			// Every "" reads its environment variable: the key, the workspace and the endpoint
			// of the test server.
			Config: `
variable "key" {
  type    = string
  default = ""
}
provider "bird" {
  access_key      = var.key
  access_token    = ""
  workspace_id    = ""
  endpoint        = ""
  request_timeout = ""
}
data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(3), "recordings")},
		}},
	})
}

func TestAccUnknownProviderWorkspace(t *testing.T) {
	srv := newTestServer(t, 3)
	clearBirdEnv(t)
	// timestamp() is unknown until apply, and so is the provider's workspace_id at plan time.
	provider := fmt.Sprintf(`
provider "bird" {
  endpoint            = %q
  access_key          = %q
  workspace_id        = replace(timestamp(), "/^.*$/", %q)
  requests_per_second = 1000
}
`, srv.URL, testKey, testWorkspace)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			// A data source that names its own workspace reads at plan time.
			Config:            provider + fmt.Sprintf(`data "bird_voice_recordings" "test" { workspace_id = %q }`, testWorkspace),
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(3), "recordings")},
		}, {
			// One that needs the provider's cannot, while it is unknown.
			Config:      provider + `data "bird_voice_recordings" "test" {}`,
			ExpectError: errorPattern(`Unknown provider workspace_id.*sets no workspace_id of its own`),
		}, {
			// Unknown tuning settings fall back to their variables or defaults: a read is
			// still right without them.
			Config: providerBlockWith(srv, fmt.Sprintf(`access_key = %q
max_retries = timestamp() == "" ? 1 : 2
requests_per_second = timestamp() == "" ? 1 : 1000
request_timeout = replace(timestamp(), "/^.*$/", "10s")`, testKey)) + `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(3), "recordings")},
		}},
	})
}

func TestAccAccessToken(t *testing.T) {
	const token = "acc-bearer-token-0e5a91c7"
	srv := newTestServer(t, 3)
	srv.AcceptToken(token)
	clearBirdEnv(t)
	block := func(credentials string) string {
		return fmt.Sprintf(`provider "bird" {
  endpoint     = %q
  workspace_id = %q
  %s
}
data "bird_voice_recordings" "test" {}`, srv.URL, testWorkspace, credentials)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:            block(fmt.Sprintf("access_token = %q", token)),
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(3), "recordings")},
		}, {
			PreConfig:   srv.ResetRequests,
			Config:      block(fmt.Sprintf("access_token = %q\n  access_key = %q", token, testKey)),
			ExpectError: errorPattern(`Two Bird credentials.*The provider block sets both access_key and access_token`),
		}, {
			PreConfig: func() {
				if n := len(srv.Requests()); n != 0 {
					t.Errorf("both credentials still sent %d requests", n)
				}
				t.Setenv(envAccessKey, testKey)
				t.Setenv(envAccessToken, token)
			},
			Config:      block(""),
			ExpectError: errorPattern(`Two Bird credentials.*Both BIRD_ACCESS_KEY and BIRD_ACCESS_TOKEN are set`),
		}, {
			// A credential in the provider block wins over both variables.
			Config:            block(fmt.Sprintf("access_token = %q", token)),
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(3), "recordings")},
		}, {
			PreConfig:   func() { t.Setenv(envAccessKey, "") },
			Config:      block(`access_token = "not-the-token"`),
			ExpectError: errorPattern(`401 Unauthorized: missing or invalid access token.*Bird rejected the access token. Check access_token \(or BIRD_ACCESS_TOKEN\)`),
		}, {
			// A rejected token from the environment is named as such, not blamed on the key.
			PreConfig:   func() { t.Setenv(envAccessToken, "not-the-token") },
			Config:      block(""),
			ExpectError: errorPattern(`401 Unauthorized: missing or invalid access token.*Bird rejected the access token. Check access_token \(or BIRD_ACCESS_TOKEN\)`),
		}},
	})
}

func TestAccProviderConfigurationErrors(t *testing.T) {
	srv := newTestServer(t, 3)
	t.Setenv(envAccessKey, "")
	t.Setenv(envWorkspaceID, "")
	t.Setenv(envEndpoint, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q", srv.URL), fmt.Sprintf("workspace_id = %q", testWorkspace)),
			ExpectError: errorPattern(`Missing Bird credential.*access_key.*BIRD_ACCESS_KEY.*access_token.*BIRD_ACCESS_TOKEN`),
		}, {
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q\naccess_key = %q", srv.URL, testKey), ""),
			ExpectError: errorPattern(`Missing workspace ID.*BIRD_WORKSPACE_ID`),
		}, {
			Config:      recordingsConfig(`endpoint = "http://api.bird.com"`, ""),
			ExpectError: errorPattern(`Invalid endpoint.*endpoint must use https:// on a host that is not loopback, such as https://api.bird.com, got "http://api.bird.com"`),
		}, {
			Config:      recordingsConfig(`request_timeout = "forever"`, ""),
			ExpectError: errorPattern(`request_timeout.*from 1s to 1h`),
		}, {
			Config:      recordingsConfig("max_retries = 11", ""),
			ExpectError: errorPattern(`Invalid max_retries.*max_retries must be a whole number from 0 to 10, got 11`),
		}, {
			Config:      recordingsConfig("max_retries = 1.5", ""),
			ExpectError: errorPattern(`Invalid max_retries.*max_retries must be a whole number, got 1.5`),
		}, {
			Config:      recordingsConfig("requests_per_second = 0", ""),
			ExpectError: errorPattern(`Invalid requests_per_second.*must be a number from 0.1 to 1000, got 0`),
		}, {
			Config:      `resource "terraform_data" "later" {}` + recordingsConfig("access_key = terraform_data.later.id", ""),
			ExpectError: errorPattern(`Unknown value for access_key.*known at plan time`),
		}, {
			PreConfig: func() {
				t.Setenv(envAccessKey, testKey)
				t.Setenv(envMaxRetries, "many")
				t.Setenv(envWorkspaceID, "not-a-uuid")
			},
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q", srv.URL), ""),
			ExpectError: errorPattern(`Invalid max_retries.*The BIRD_MAX_RETRIES environment variable \(read because the provider block sets no max_retries\) must be a whole number, got "many"`),
		}, {
			PreConfig:   func() { t.Setenv(envMaxRetries, "") },
			Config:      recordingsConfig(fmt.Sprintf("endpoint = %q", srv.URL), ""),
			ExpectError: errorPattern(`Invalid workspace_id.*The BIRD_WORKSPACE_ID environment variable \(read because the provider block sets no workspace_id\) must be a UUID such as 01234567-89ab-cdef-0123-456789abcdef, got "not-a-uuid"\. A workspace's ID is the UUID in the address of its dashboard, app.bird.com/workspaces/<id>\.`),
		}, {
			// The env vars stand in for the attributes.
			PreConfig: func() {
				t.Setenv(envAccessKey, testKey)
				t.Setenv(envWorkspaceID, testWorkspace)
				t.Setenv(envEndpoint, srv.URL)
			},
			Config: `data "bird_voice_recordings" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ListSizeExact(3), "recordings"),
				expect(testRecordings, knownvalue.StringExact(testWorkspace), "workspace_id"),
			},
		}, {
			// The attribute wins over the env var: the env var's workspace does not exist.
			PreConfig: func() { t.Setenv(envWorkspaceID, "00000000-0000-4000-8000-0000000000ff") },
			Config:    recordingsConfig(fmt.Sprintf("workspace_id = %q", testWorkspace), ""),
			ConfigStateChecks: []statecheck.StateCheck{
				expect(testRecordings, knownvalue.ListSizeExact(3), "recordings"),
				expect(testRecordings, knownvalue.StringExact(testWorkspace), "workspace_id"),
			},
		}},
	})
}

func TestAccPastedSchemeAndWorkspaceWords(t *testing.T) {
	srv := newTestServer(t, 3)
	clearBirdEnv(t)
	provider := func(settings string) string {
		return fmt.Sprintf("provider \"bird\" {\n  endpoint = %q\n  %s\n}\ndata \"bird_voice_recordings\" \"test\" {}\n", srv.URL, settings)
	}
	ws := fmt.Sprintf("workspace_id = %q", testWorkspace)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testFactories,
		Steps: []resource.TestStep{{
			Config:      provider(ws + "\n  access_key = \"AccessKey " + testKey + "\""),
			ExpectError: errorPattern(`Invalid access_key.*access_key must be the key alone, without the "AccessKey " in front: the provider adds the Authorization scheme itself`),
		}, {
			Config:      provider(ws + "\n  access_token = \"Bearer some-token\""),
			ExpectError: errorPattern(`Invalid access_token.*access_token must be the token alone, without the "Bearer " in front`),
		}, {
			// A token pasted as an access key, scheme and all.
			Config:      provider(ws + "\n  access_key = \"bearer some-token\""),
			ExpectError: errorPattern(`Invalid access_key.*must be the key alone, without the "bearer " in front.*"Bearer <token>" for access_token`),
		}, {
			PreConfig:   func() { t.Setenv(envAccessKey, "AccessKey "+testKey) },
			Config:      provider(ws),
			ExpectError: errorPattern(`Invalid access_key.*The BIRD_ACCESS_KEY environment variable \(read because the provider block sets no access_key\) must be the key alone, without the "AccessKey " in front`),
		}, {
			PreConfig: func() {
				t.Setenv(envAccessKey, "")
				t.Setenv(envAccessToken, "Bearer some-token")
			},
			Config:      provider(ws),
			ExpectError: errorPattern(`Invalid access_token.*The BIRD_ACCESS_TOKEN environment variable \(read because the provider block sets no access_token\) must be the token alone, without the "Bearer " in front`),
		}, {
			PreConfig:   func() { t.Setenv(envAccessToken, "") },
			Config:      provider(fmt.Sprintf("access_key = %q\n  workspace_id = \"app.bird.com/workspaces/x\"", testKey)),
			ExpectError: errorPattern(`Invalid workspace_id.*workspace_id must be a UUID such as 01234567-89ab-cdef-0123-456789abcdef, got "app.bird.com/workspaces/x"\. A workspace's ID is the UUID in the address of its dashboard, app.bird.com/workspaces/<id>\.`),
		}, {
			// Each refusal above came before any request.
			PreConfig: func() {
				if n := len(srv.Requests()); n != 0 {
					t.Errorf("refused settings still sent %d requests", n)
				}
			},
			Config:            provider(fmt.Sprintf("access_key = %q\n  %s", testKey, ws)),
			ConfigStateChecks: []statecheck.StateCheck{expect(testRecordings, knownvalue.ListSizeExact(3), "recordings")},
		}},
	})
}
