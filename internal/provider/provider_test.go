package provider

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

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

// requireAcc fails rather than skips when acceptance tests were asked for without a CLI:
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
