// This file is the scaffold every test of the package shares: the provider factories, the
// in-memory Bird API servers and their fixtures, provider blocks, state checks and error
// patterns, and the check that acceptance tests have a CLI.

package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

const (
	testKey       = "acc-test-key-5d1e8b27c04f"
	testWorkspace = "8bc02f53-87ac-48d2-b4fd-c2cf856a305f"
)

// testFactories serves the provider in process to the Terraform or OpenTofu CLI that
// terraform-plugin-testing runs.
var testFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"bird": NewServer("test"),
}

// newTestServer starts the in-memory Bird API with n seeded recordings in testWorkspace.
func newTestServer(t *testing.T, n int) *birdtest.Server {
	t.Helper()
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddRecordings(testWorkspace, birdtest.SeedRecordings(n, 1)...)
	return srv
}

// providerBlock configures the provider for srv, with fast retries of faults.
func providerBlock(srv *birdtest.Server) string {
	return providerBlockWith(srv, fmt.Sprintf("access_key = %q\nrequests_per_second = 1000", testKey))
}

// providerBlockWith configures the provider's endpoint and workspace for srv, and settings.
func providerBlockWith(srv *birdtest.Server, settings string) string {
	return fmt.Sprintf(`
provider "bird" {
endpoint     = %q
workspace_id = %q
%s
}
`, srv.URL, testWorkspace, settings)
}

// TestMain fails rather than skips when acceptance tests were asked for without a CLI:
// terraform-plugin-testing would otherwise try to download one.
func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") != "" && os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		fmt.Fprintln(os.Stderr, "TF_ACC is set but TF_ACC_TERRAFORM_PATH is not: run the tests with `make test`, which finds Terraform and OpenTofu")
		os.Exit(2)
	}
	os.Exit(m.Run())
}

// factoriesWith serves the provider, changed by mutate, as testFactories does.
func factoriesWith(mutate func(*birdProvider)) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"bird": func() (tfprotov6.ProviderServer, error) {
			p := newBirdProvider("test")
			mutate(p)
			return newDirectReadServer(p)
		},
	}
}

// testRecordings is the address of the data source most tests read.
const testRecordings = "data.bird_voice_recordings.test"

// attrPath addresses an attribute of a data source: a top-level name, then list indexes and
// attribute names.
func attrPath(name string, steps ...any) tfjsonpath.Path {
	jp := tfjsonpath.New(name)
	for _, step := range steps {
		switch s := step.(type) {
		case int:
			jp = jp.AtSliceIndex(s)
		case string:
			jp = jp.AtMapKey(s)
		}
	}
	return jp
}

// expect checks one attribute of the data source at address.
func expect(address string, v knownvalue.Check, name string, steps ...any) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, attrPath(name, steps...), v)
}

// expectReads checks that each read of the data source since the last check sent exactly
// the queries want, in order, then forgets the requests. Terraform may read a data source
// more than once in a step (plan, apply, the post-apply plan), so any number of whole reads
// passes.
func expectReads(srv *birdtest.Server, want ...url.Values) resource.TestCheckFunc {
	return func(*terraform.State) error {
		defer srv.ResetRequests()
		got := srv.Requests()
		if len(got) == 0 || len(got)%len(want) != 0 {
			return fmt.Errorf("the server received %d requests, not a multiple of the %d one read makes", len(got), len(want))
		}
		for i, r := range got {
			if w := want[i%len(want)]; r.Query.Encode() != w.Encode() {
				return fmt.Errorf("request %d: query %s, want %s", i, r.Query.Encode(), w.Encode())
			}
		}
		return nil
	}
}

// exampleRecordings are the documented example and a sparse conference recording.
func exampleRecordings() []bird.Recording {
	f, t, dur := false, true, int64(29)
	return []bird.Recording{{
		ID: "5b74ee9e-9d45-473a-82cd-f1f7feea6bbd", SourceID: "50fa2203-66c2-4820-864a-1a8002952f4e",
		ChannelID:  "880d8171-cbab-47bb-81b6-b1a0902da136",
		Originator: &bird.Participant{Number: &bird.Number{Type: "pstn", Number: "3197004499436", Identity: "+3197004499436", CountryISOCode: "NL"}},
		Receiver: &bird.Participant{
			Contact: &bird.Contact{ID: "225dcb7c-efbd-4288-b78d-93fba8743dd0", IdentifierKey: "phonenumber", IdentifierValue: "+351919150029"},
			Number:  &bird.Number{Type: "pstn", Number: "351919150029", CountryISOCode: "PT", Anonymous: &t, CallerIDName: "Ada"},
		},
		Source: "call", Direction: "outgoing", Origin: "create-call", Status: "available", Duration: &dur,
		Format: "mp3", Stereo: &f, Transcription: &f, URL: "https://audio.example.invalid/a.mp3?X-Amz-Expires=600",
		CreatedAt: "2023-10-23T15:55:08.234Z", UpdatedAt: "2023-10-23T15:55:38.278Z",
		StartedAt: "2023-10-23T15:55:08.121Z", EndedAt: "2023-10-23T15:55:38.101Z",
	}, {
		ID: "0c3f9a5e-2d8b-4e71-9a6c-7b5d4e3f2a1b", SourceID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
		Source: "conference", ConferenceID: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", RoomInfoURL: "https://voice.example.invalid/rooms/1",
		Origin: "bridge-call", Status: "recording-later", Format: "wav", Stereo: &t, Transcription: &t,
		CreatedAt: "2023-10-22T10:00:00Z", UpdatedAt: "2023-10-22T10:00:01Z", EndedAt: "0001-01-01T00:00:00Z",
	}}
}

// errorPattern matches an error message across the line breaks Terraform wraps it with: each
// space in pattern matches any run of white space, and . matches a newline.
func errorPattern(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// newFullTestServer serves objects of every endpoint, for the tests of every data source: the
// example recordings, 40 seeded ones with their transcriptions, storage metrics, the example
// calls and the calls behind the recordings, the seeded channels and their numbers.
func newFullTestServer(t *testing.T) (*birdtest.Server, []bird.Transcription) {
	t.Helper()
	srv := newTestServer(t, 40)
	srv.AddRecordings(testWorkspace, exampleRecordings()...)
	ts := birdtest.SeedTranscriptions(birdtest.SeedRecordings(40, 1), 1)
	srv.AddTranscriptions(testWorkspace, ts...)
	srv.AddCalls(testWorkspace, append(exampleCalls(), birdtest.SeedCalls(birdtest.SeedRecordings(40, 1), 1)...)...)
	srv.AddChannels(testWorkspace, birdtest.SeedChannelList()...)
	srv.AddNumbers(testWorkspace, birdtest.SeedNumbers(birdtest.SeedChannelList())...)
	count := int64(42)
	srv.SetRecordingMetrics(testWorkspace, bird.RecordingMetrics{
		Counter:           &count,
		DailyStorageUsage: map[string]int64{"2026-11-01": 1048576, "2026-11-02": 2097152},
		UpdatedAt:         "2026-11-02T03:00:00Z",
	})
	return srv, ts
}

// configureServer configures ps, a provider protocol server, for srv, and returns the
// ReadDataSource request of the data source typeName with the arguments set.
func configureServer(tb testing.TB, ps tfprotov6.ProviderServer, srv *birdtest.Server, typeName string, set map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	tb.Helper()
	return configureServerAt(tb, ps, srv, 1000, typeName, set)
}

// configureServerAt is configureServer with the provider's requests_per_second.
func configureServerAt(tb testing.TB, ps tfprotov6.ProviderServer, srv *birdtest.Server, perSecond int, typeName string, set map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	tb.Helper()
	return configureServerWith(tb, ps, map[string]tftypes.Value{
		"access_key":          tftypes.NewValue(tftypes.String, testKey),
		"endpoint":            tftypes.NewValue(tftypes.String, srv.URL),
		"workspace_id":        tftypes.NewValue(tftypes.String, testWorkspace),
		"requests_per_second": tftypes.NewValue(tftypes.Number, perSecond),
	}, typeName, set)
}

// configureServerWith configures ps with the provider arguments provider (the rest null, so
// from the environment) and returns the request that reads typeName with the arguments set.
func configureServerWith(tb testing.TB, ps tfprotov6.ProviderServer, provider map[string]tftypes.Value, typeName string, set map[string]tftypes.Value) *tfprotov6.ReadDataSourceRequest {
	tb.Helper()
	ctx := context.Background()
	schemas, err := ps.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	providerCfg := dynamicObject(tb, schemas.Provider.ValueType(), provider)
	cfgResp, err := ps.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: providerCfg})
	if err != nil || len(cfgResp.Diagnostics) > 0 {
		tb.Fatalf("configure: %v %v", err, cfgResp.Diagnostics)
	}
	return &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName,
		Config:   dynamicObject(tb, schemas.DataSourceSchemas[typeName].ValueType(), set),
	}
}

// dynamicObject encodes an object of type typ whose attributes are set, or null.
func dynamicObject(tb testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, withAttributes(tb, typ, set))
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// withAttributes returns an object of type typ whose attributes are set, or null.
func withAttributes(tb testing.TB, typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	tb.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		tb.Fatalf("%s is not an object type", typ)
	}
	vals := map[string]tftypes.Value{}
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
		if v, ok := set[name]; ok {
			vals[name] = v
		}
	}
	return tftypes.NewValue(obj, vals)
}

// clearBirdEnv unsets every BIRD_* variable the provider reads, for the test's duration.
func clearBirdEnv(t *testing.T) {
	for _, env := range []string{envAccessKey, envAccessToken, envWorkspaceID, envEndpoint, envMaxRetries, envRequestsPerSecond, envRequestTimeout} {
		t.Setenv(env, "")
	}
}

// failThen makes the next n requests, and only they, show fault f.
func failThen(srv *birdtest.Server, f birdtest.Fault, n int) func() {
	return func() {
		srv.ResetRequests()
		srv.ClearFaults()
		srv.Fail(f, n)
	}
}

// recordingsConfig is a provider block with settings and a data.bird_voice_recordings.test
// with arguments.
func recordingsConfig(settings, arguments string) string {
	return fmt.Sprintf(`
provider "bird" {
%s
}

data "bird_voice_recordings" "test" {
%s
}
`, settings, arguments)
}

// refusedAtPlan returns a step for each configuration of data source typeName in refusals,
// which must fail with the error its pattern matches, then one that checks that none of
// them sent a request, and that the data source with the arguments clean ("" for none)
// reads as then says.
func refusedAtPlan(t *testing.T, srv *birdtest.Server, typeName string, refusals map[string]string, clean string, then statecheck.StateCheck) []resource.TestStep {
	t.Helper()
	var steps []resource.TestStep
	for cfg, msg := range refusals {
		steps = append(steps, resource.TestStep{
			Config:      providerBlock(srv) + fmt.Sprintf("data %q \"test\" {\n%s\n}", typeName, cfg),
			ExpectError: errorPattern(msg),
		})
	}
	return append(steps, resource.TestStep{
		// Every refusal above came at plan time, before any request.
		PreConfig: func() {
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("refused arguments still sent %d requests", n)
			}
		},
		Config:            providerBlock(srv) + fmt.Sprintf("data %q \"test\" {\n%s\n}", typeName, clean),
		ConfigStateChecks: []statecheck.StateCheck{then},
	})
}
