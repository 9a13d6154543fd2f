//go:build unix

package provider

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestAccInterruptStopsASlowRead proves issue 17's "Ctrl-C does not stop a list read" end
// to end: the real CLI, interrupted while a list read pages through a slow API, ends within
// a few seconds and the provider sends no more requests, where the read would go on for
// about 20 s.
//
// Two things stop the read in the binary: terraform-plugin-go's tf6server cancels the
// context of every RPC in flight after StopProvider, and directReadServer.StopProvider
// cancels the direct reads itself (TestStopProviderEndsAReadInFlight, without tf6server).
// This test passes if either works, so it fails only when the read outlives both, as it
// did when, as an experiment, the direct read detached from the RPC's context and
// StopProvider was reverted: the CLI ended 21 s after the interrupt, 25 pages later.
//
// It builds and runs the provider binary, as users do, rather than serving it in process
// with TF_REATTACH_PROVIDERS: the build costs a second or two with a warm cache, and the
// proof then covers main.go's wiring and the CLI's own management of the plugin process.
// It sends SIGINT to the CLI's whole process group, as a terminal's Ctrl-C does, so that
// the provider gets it too; a group of its own also lets the test kill whatever is left.
func TestAccInterruptStopsASlowRead(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make acc-terraform, make acc-tofu)")
	}
	work := t.TempDir()
	cliConfig := buildProviderWithOverrides(t, work)

	// 2,500 recordings are 26 pages of 99, each answered after 800 ms: a read of about 20 s.
	srv := newTestServer(t, 2500)
	srv.SetLatency(800 * time.Millisecond)
	arrived := make(chan struct{})
	var once sync.Once
	// A fault that never applies: its Only hook only observes the first list request.
	srv.FailEvery(1, birdtest.Fault{Only: func(r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/recordings") {
			once.Do(func() { close(arrived) })
		}
		return false
	}})
	config := `terraform {
  required_providers {
    bird = { source = "birdtf/bird" }
  }
}
` + providerBlock(srv) + `data "bird_voice_recordings" "test" {}
`
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}

	cli := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), "plan", "-input=false", "-no-color")
	cli.Dir = work
	cli.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	var out bytes.Buffer
	cli.Stdout, cli.Stderr = &out, &out
	cli.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cli.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(-cli.Process.Pid, syscall.SIGKILL) })
	exited := make(chan error, 1)
	go func() { exited <- cli.Wait() }()

	select {
	case <-arrived:
	case err := <-exited:
		t.Fatalf("the CLI ended (%v) before it listed a recording:\n%s", err, out.String())
	case <-time.After(time.Minute):
		t.Fatalf("no list request within a minute:\n%s", out.String())
	}
	interrupted := time.Now()
	if err := syscall.Kill(-cli.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-exited:
	case <-time.After(5 * time.Second):
		t.Error("the CLI was still running 5 s after the interrupt")
		select { // wait on, to report how long it did run
		case err = <-exited:
		case <-time.After(time.Minute):
			t.Fatalf("the CLI was still running a minute after the interrupt:\n%s", out.String())
		}
	}
	took := time.Since(interrupted).Round(time.Millisecond)
	later := 0
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/recordings") && r.Time.After(interrupted) {
			later++
		}
	}
	t.Logf("the CLI ended %v after the interrupt (%v); the API then received %d list requests", took, err, later)
	if later > 2 {
		t.Errorf("the API received %d list requests after the interrupt, want at most 2", later)
	}
	if err == nil {
		t.Error("the interrupted plan succeeded")
	}
	if !strings.Contains(out.String(), "Interrupt received") || !strings.Contains(out.String(), "cancelled") {
		t.Errorf("the output does not say the interrupt cancelled the read:\n%s", out.String())
	}
}

// buildProviderWithOverrides builds the provider into work/bin and writes a CLI
// configuration whose dev_overrides point both registries' addresses of the provider at it,
// as scripts/lib.sh build_with_overrides does, and returns that configuration's path.
func buildProviderWithOverrides(t *testing.T, work string) string {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	bin := filepath.Join(work, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-bird"), ".")
	build.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(work, "cli.tfrc")
	overrides := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/birdtf/bird"  = %[1]q
    "registry.opentofu.org/birdtf/bird" = %[1]q
  }
  direct {}
}
`, bin)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		t.Fatal(err)
	}
	return rc
}
