// Command dependabotcheck checks a Dependabot configuration: valid YAML with no unknown
// keys, version 2, and weekly (or daily, or monthly) updates of the Go modules and the
// GitHub Actions. actionlint checks the workflows; nothing else checks this file.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"

	"gopkg.in/yaml.v3"
)

// dependabot is the part of the configuration's schema this repository uses.
type dependabot struct {
	Version int `yaml:"version"`
	Updates []struct {
		PackageEcosystem string `yaml:"package-ecosystem"`
		Directory        string `yaml:"directory"`
		Schedule         struct {
			Interval string `yaml:"interval"`
		} `yaml:"schedule"`
	} `yaml:"updates"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dependabotcheck .github/dependabot.yml")
		os.Exit(2)
	}
	if err := check(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// check reads and checks the configuration at path.
func check(path string) error {
	raw, err := os.ReadFile(path) //nolint:gosec // the file named on the command line
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var cfg dependabot
	if err := dec.Decode(&cfg); err != nil {
		return err
	}
	var problems []error
	if cfg.Version != 2 {
		problems = append(problems, fmt.Errorf("version is %d, not 2", cfg.Version))
	}
	var ecosystems []string
	for _, u := range cfg.Updates {
		ecosystems = append(ecosystems, u.PackageEcosystem)
		if u.Directory == "" {
			problems = append(problems, fmt.Errorf("%s: no directory", u.PackageEcosystem))
		}
		if !slices.Contains([]string{"daily", "weekly", "monthly"}, u.Schedule.Interval) {
			problems = append(problems, fmt.Errorf("%s: schedule.interval %q is not daily, weekly or monthly", u.PackageEcosystem, u.Schedule.Interval))
		}
	}
	for _, want := range []string{"gomod", "github-actions"} {
		if !slices.Contains(ecosystems, want) {
			problems = append(problems, fmt.Errorf("no updates for %s", want))
		}
	}
	return errors.Join(problems...)
}
