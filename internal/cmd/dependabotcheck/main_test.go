package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTheRepositorysConfigurationPasses(t *testing.T) {
	if err := check("../../../.github/dependabot.yml"); err != nil {
		t.Fatal(err)
	}
}

func TestBadConfigurationsAreRefused(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"not YAML":        {"version: [2", "yaml"},
		"unknown key":     {"version: 2\nupdate: []\n", "field update not found"},
		"version 1":       {"version: 1\nupdates: []\n", "version is 1"},
		"no actions":      {"version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /\n    schedule:\n      interval: weekly\n", "no updates for github-actions"},
		"hourly interval": {"version: 2\nupdates:\n  - package-ecosystem: gomod\n    directory: /\n    schedule:\n      interval: hourly\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n", `interval "hourly"`},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dependabot.yml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := check(path); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error about %q", err, tc.want)
			}
		})
	}
}
