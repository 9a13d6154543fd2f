package main

import (
	"os"
	"testing"
)

func TestTheConfigurationsPlatforms(t *testing.T) {
	raw, err := os.ReadFile("../../../.goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := parseConfig(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	// 4 systems × 4 architectures, less 32-bit macOS (386 and arm) and 32-bit ARM Windows.
	if got := len(cfg.platforms()); cfg.project != "terraform-provider-bird" || got != 13 {
		t.Fatalf("project %q with %d platforms %v, want terraform-provider-bird with 13", cfg.project, got, cfg.platforms())
	}
}

func TestAConfigurationWithoutProjectNameIsRefused(t *testing.T) {
	if _, err := parseConfig("builds:\n  - goos: [linux]\n    goarch: [amd64]\n"); err == nil {
		t.Fatal("a configuration that lets GoReleaser infer the project name was accepted")
	}
}
