// Command releasecheck verifies a GoReleaser dist directory against what the Terraform and
// OpenTofu Registries require of a provider release: a zip named
// <project>_<version>_<os>_<arch>.zip for every platform the GoReleaser configuration builds,
// holding a binary named <project>_v<version> (.exe on Windows); a
// <project>_<version>_SHA256SUMS that lists every zip and the <project>_<version>_manifest.json
// with the right sums, and nothing else; a <project>_<version>_SHA256SUMS.sig that gpg verifies
// as a signature over those bytes by the public key given with -key; and the manifest with
// protocol 6.0. The manifest is the repository's terraform-registry-manifest.json, which the
// release uploads under that name (a snapshot does not copy it to dist). It prints the
// release's version, or says what is wrong and exits 1.
package main

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

func main() {
	dist := flag.String("dist", "dist", "GoReleaser's output directory")
	config := flag.String("config", ".goreleaser.yml", "the GoReleaser configuration")
	manifest := flag.String("manifest", "terraform-registry-manifest.json", "the registry manifest the release uploads")
	key := flag.String("key", "", "the public half of the release key (armored or binary), which the SHA256SUMS signature must verify with")
	flag.Parse()
	version, err := check(*dist, *config, *manifest, *key)
	if err != nil {
		fmt.Fprintln(os.Stderr, "release check:", err)
		os.Exit(1)
	}
	fmt.Println(version)
}

// check verifies dist, with the signature by the public key in keyFile, and returns the
// release's version.
func check(dist, configFile, manifestFile, keyFile string) (string, error) {
	raw, err := os.ReadFile(configFile) //nolint:gosec // the file named on the command line
	if err != nil {
		return "", err
	}
	cfg, err := parseConfig(string(raw))
	if err != nil {
		return "", fmt.Errorf("%s: %w", configFile, err)
	}
	var meta struct {
		ProjectName string `json:"project_name"`
		Version     string `json:"version"`
	}
	if err := readJSON(filepath.Join(dist, "metadata.json"), &meta); err != nil {
		return "", err
	}
	if meta.ProjectName != cfg.project {
		return "", fmt.Errorf("the release is of project %q, the configuration names %q", meta.ProjectName, cfg.project)
	}
	prefix := cfg.project + "_" + meta.Version

	var problems []error
	zips, _ := filepath.Glob(filepath.Join(dist, "*.zip"))
	want := map[string]bool{}
	for _, pl := range cfg.platforms() {
		name := fmt.Sprintf("%s_%s_%s.zip", prefix, pl.os, pl.arch)
		want[name] = true
		binary := cfg.project + "_v" + meta.Version
		if pl.os == "windows" {
			binary += ".exe"
		}
		if err := zipHolds(filepath.Join(dist, name), binary); err != nil {
			problems = append(problems, err)
		}
	}
	for _, z := range zips {
		if !want[filepath.Base(z)] {
			problems = append(problems, fmt.Errorf("%s is not a platform of the configuration", filepath.Base(z)))
		}
	}

	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := readJSON(manifestFile, &m); err != nil {
		problems = append(problems, err)
	} else if m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) {
		problems = append(problems, fmt.Errorf("%s: version %d, protocols %v; want version 1 and protocol 6.0", manifestFile, m.Version, m.Metadata.ProtocolVersions))
	}

	// Each file the sums list, and where it is.
	files := map[string]string{prefix + "_manifest.json": manifestFile}
	for name := range want {
		files[name] = filepath.Join(dist, name)
	}
	sums := filepath.Join(dist, prefix+"_SHA256SUMS")
	if err := checkSums(sums, files); err != nil {
		problems = append(problems, err)
	}
	if err := verifySignature(sums, sums+".sig", keyFile); err != nil {
		problems = append(problems, err)
	}
	return meta.Version, errors.Join(problems...)
}

// platform is one os/arch pair.
type platform struct{ os, arch string }

// config is what the check needs of the GoReleaser configuration.
type config struct {
	project      string
	goos, goarch []string
	ignored      []platform
}

// platforms returns every goos × goarch pair the configuration builds.
func (c config) platforms() []platform {
	var out []platform
	for _, o := range c.goos {
		for _, a := range c.goarch {
			if !slices.Contains(c.ignored, platform{o, a}) {
				out = append(out, platform{o, a})
			}
		}
	}
	return out
}

var (
	projectLine = regexp.MustCompile(`(?m)^project_name:\s*(\S+)\s*$`)
	listLine    = regexp.MustCompile(`(?m)^\s+(goos|goarch):\s*\[([^\]]*)\]\s*$`)
	ignoreEntry = regexp.MustCompile(`(?m)^\s+-\s*goos:\s*(\S+)\s*\n\s+goarch:\s*(\S+)\s*$`)
)

// parseConfig reads project_name, the flow-style goos and goarch lists of the build, and its
// ignore entries; the check refuses a configuration written another way rather than guess.
func parseConfig(raw string) (config, error) {
	var c config
	p := projectLine.FindStringSubmatch(raw)
	if p == nil {
		return c, errors.New("no project_name: state the project's name rather than let GoReleaser infer it")
	}
	c.project = unquote(p[1])
	for _, l := range listLine.FindAllStringSubmatch(raw, -1) {
		var items []string
		for _, item := range strings.Split(l[2], ",") {
			items = append(items, unquote(strings.TrimSpace(item)))
		}
		if l[1] == "goos" {
			c.goos = items
		} else {
			c.goarch = items
		}
	}
	for _, e := range ignoreEntry.FindAllStringSubmatch(raw, -1) {
		c.ignored = append(c.ignored, platform{unquote(e[1]), unquote(e[2])})
	}
	if len(c.goos) == 0 || len(c.goarch) == 0 {
		return c, errors.New("no goos and goarch lists written as [a, b]")
	}
	return c, nil
}

// unquote removes YAML quotes.
func unquote(s string) string { return strings.Trim(s, `"'`) }

// zipHolds checks that a zip exists and holds a file named binary.
func zipHolds(path, binary string) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	defer func() { _ = r.Close() }()
	var names []string
	for _, f := range r.File {
		if f.Name == binary {
			return nil
		}
		names = append(names, f.Name)
	}
	return fmt.Errorf("%s holds %v, not the binary %s", filepath.Base(path), names, binary)
}

// checkSums checks that the sums file lists exactly the files named in want, each with the
// sum of the file at the path want gives.
func checkSums(sums string, want map[string]string) error {
	f, err := os.Open(sums) //nolint:gosec // within the dist directory
	if err != nil {
		return err
	}
	name := filepath.Base(sums)
	defer func() { _ = f.Close() }()
	listed := map[string]bool{}
	var problems []error
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 2 {
			problems = append(problems, fmt.Errorf("%s: line %q is not <sum> <file>", name, sc.Text()))
			continue
		}
		sum, file := fields[0], fields[1]
		listed[file] = true
		path, ok := want[file]
		if file == name+".sig" {
			// GoReleaser v2.15.0 and v2.15.1 rewrite the sums after signing them, with this
			// line added, so the signature no longer covers the file.
			problems = append(problems, fmt.Errorf("%s lists its own signature %s: it was rewritten after it was signed", name, file))
			continue
		}
		if !ok {
			problems = append(problems, fmt.Errorf("%s lists %s, which is not a release file", name, file))
			continue
		}
		if got, err := sha256Of(path); err != nil || got != sum {
			problems = append(problems, fmt.Errorf("%s: the sum of %s is %s, the file's %s (%v)", name, file, sum, got, err))
		}
	}
	for file := range want {
		if !listed[file] {
			problems = append(problems, fmt.Errorf("%s does not list %s", name, file))
		}
	}
	return errors.Join(append(problems, sc.Err())...)
}

// sha256Of returns the hex SHA-256 of a file.
func sha256Of(path string) (string, error) {
	f, err := os.Open(path) //nolint:gosec // within the dist directory
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// readJSON decodes a JSON file.
func readJSON(path string, v any) error {
	raw, err := os.ReadFile(path) //nolint:gosec // within the dist directory
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

// verifySignature checks with gpg that sig is a good signature over file by the key in
// keyFile. The key is imported into a temporary GnuPG home, so no other key can vouch for
// the file and the user's keyring is neither read nor changed.
func verifySignature(file, sig, keyFile string) error {
	if keyFile == "" {
		return errors.New("no -key: the signature over the SHA256SUMS cannot be verified without the release's public key")
	}
	gpg, err := exec.LookPath("gpg")
	if err != nil {
		return fmt.Errorf("gpg is not on PATH, so the signature over the SHA256SUMS cannot be verified: install GnuPG (%w)", err)
	}
	if _, err := os.Stat(sig); err != nil {
		return fmt.Errorf("no signature over the SHA256SUMS: %w", err)
	}
	home, err := os.MkdirTemp("", "releasecheck-gnupg")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(home) }()
	run := func(args ...string) (status, stderr string, err error) {
		var out, errOut strings.Builder
		cmd := exec.Command(gpg, append([]string{"--homedir", home, "--batch", "--no-tty", "--status-fd", "1"}, args...)...) //nolint:gosec // gpg, with the files named on the command line
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err = cmd.Run()
		return out.String(), strings.TrimSpace(errOut.String()), err
	}
	status, stderr, err := run("--import", keyFile)
	if err != nil || !strings.Contains(status, "[GNUPG:] IMPORT_OK") {
		return fmt.Errorf("%s is not a public key gpg imports: %v\n%s", keyFile, err, stderr)
	}
	status, stderr, err = run("--trust-model", "always", "--verify", sig, file)
	// A good signature says both GOODSIG and VALIDSIG; gpg exits 0 only then.
	if err != nil || !strings.Contains(status, "[GNUPG:] GOODSIG ") || !strings.Contains(status, "[GNUPG:] VALIDSIG ") {
		return fmt.Errorf("%s does not verify %s with %s (%v):\n%s", filepath.Base(sig), filepath.Base(file), keyFile, err, stderr)
	}
	return nil
}
