package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
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

// gpgKey is a throwaway signing key in a temporary GnuPG home.
type gpgKey struct{ home, fingerprint, public string }

// newKey generates a gpgKey and writes the armored public half to a file. The check fails,
// rather than skips, without gpg: the signature is the one check the Registries run.
func newKey(t *testing.T) gpgKey {
	t.Helper()
	if _, err := exec.LookPath("gpg"); err != nil {
		t.Fatal("gpg is not on PATH: the signature checks need it")
	}
	home := t.TempDir()
	// Registered after t.TempDir's removal, so it runs before it.
	t.Cleanup(func() { _ = exec.Command("gpgconf", "--homedir", home, "--kill", "all").Run() })
	k := gpgKey{home: home}
	k.gpg(t, "--passphrase", "", "--quick-gen-key", "Release Test <release@example.test>", "ed25519", "sign", "never")
	for _, line := range strings.Split(k.gpg(t, "--with-colons", "--list-secret-keys"), "\n") {
		if f := strings.Split(line, ":"); f[0] == "fpr" && k.fingerprint == "" {
			k.fingerprint = f[9]
		}
	}
	k.public = filepath.Join(t.TempDir(), "release-key.asc")
	writeFile(t, k.public, k.gpg(t, "--armor", "--export", k.fingerprint))
	return k
}

// gpg runs gpg in the key's home and returns its output.
func (k gpgKey) gpg(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("gpg", append([]string{"--homedir", k.home, "--batch"}, args...)...).Output() //nolint:gosec // test fixture
	if err != nil {
		t.Fatalf("gpg %v: %v", args, err)
	}
	return string(out)
}

// sign writes file.sig as .goreleaser.yml's signs step does.
func (k gpgKey) sign(t *testing.T, file string) {
	t.Helper()
	_ = os.Remove(file + ".sig")
	k.gpg(t, "--local-user", k.fingerprint, "--output", file+".sig", "--detach-sign", file)
}

// release is a signed dist of a two-platform configuration of project p, version 1.2.3.
type release struct {
	dist, config, manifest, sums string
}

const fixtureConfig = `project_name: p
builds:
  - binary: "{{ .ProjectName }}_v{{ .Version }}"
    goos: [linux, windows]
    goarch: [amd64]
`

// newRelease writes a release that passes every check, signed with k.
func newRelease(t *testing.T, k gpgKey) release {
	t.Helper()
	dir := t.TempDir()
	r := release{
		dist:     filepath.Join(dir, "dist"),
		config:   filepath.Join(dir, ".goreleaser.yml"),
		manifest: filepath.Join(dir, "terraform-registry-manifest.json"),
	}
	r.sums = filepath.Join(r.dist, "p_1.2.3_SHA256SUMS")
	if err := os.Mkdir(r.dist, 0o750); err != nil {
		t.Fatal(err)
	}
	writeFile(t, r.config, fixtureConfig)
	writeFile(t, r.manifest, `{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}`)
	writeFile(t, filepath.Join(r.dist, "metadata.json"), `{"project_name": "p", "version": "1.2.3"}`)
	writeZip(t, filepath.Join(r.dist, "p_1.2.3_linux_amd64.zip"), "p_v1.2.3")
	writeZip(t, filepath.Join(r.dist, "p_1.2.3_windows_amd64.zip"), "p_v1.2.3.exe")
	r.writeSums(t, map[string]string{
		"p_1.2.3_linux_amd64.zip":   filepath.Join(r.dist, "p_1.2.3_linux_amd64.zip"),
		"p_1.2.3_windows_amd64.zip": filepath.Join(r.dist, "p_1.2.3_windows_amd64.zip"),
		"p_1.2.3_manifest.json":     r.manifest,
	})
	k.sign(t, r.sums)
	return r
}

// writeSums writes the SHA256SUMS listing each name with the sum of its file, sorted as
// GoReleaser sorts them.
func (r release) writeSums(t *testing.T, files map[string]string) {
	t.Helper()
	var lines []string
	for name, path := range files {
		sum, err := sha256Of(path)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, sum+"  "+name+"\n")
	}
	slices.Sort(lines)
	writeFile(t, r.sums, strings.Join(lines, ""))
}

// resum rewrites the SHA256SUMS: the files it lists, changed by edit, with their sums now,
// then signs it with signer unless that is nil, which leaves the old signature.
func (r release) resum(t *testing.T, edit func(files map[string]string), signer *gpgKey) {
	t.Helper()
	raw, err := os.ReadFile(r.sums)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		name := strings.Fields(line)[1]
		files[name] = filepath.Join(r.dist, name)
		if name == "p_1.2.3_manifest.json" {
			files[name] = r.manifest
		}
	}
	edit(files)
	r.writeSums(t, files)
	if signer != nil {
		signer.sign(t, r.sums)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeZip writes a zip holding one file named binary.
func writeZip(t *testing.T, path, binary string) {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.Create(binary)
	if err == nil {
		_, err = f.Write([]byte("binary of " + binary))
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.String())
}

// TestReleaseChecks builds a good signed release, breaks it one way per case, and requires
// the check to fail with that case's complaint (and the good release to pass).
func TestReleaseChecks(t *testing.T) {
	key, other := newKey(t), newKey(t)
	for _, tc := range []struct {
		name    string
		breakIt func(*testing.T, release) (keyFile string)
		want    []string
	}{{
		name:    "a good release",
		breakIt: func(*testing.T, release) string { return key.public },
	}, {
		// What GoReleaser v2.15.0 and v2.15.1 publish: the sums rewritten after signing,
		// listing the new signature.
		name: "the sums list their own signature, added after signing",
		breakIt: func(t *testing.T, r release) string {
			r.resum(t, func(files map[string]string) { files["p_1.2.3_SHA256SUMS.sig"] = r.sums + ".sig" }, nil)
			return key.public
		},
		want: []string{"lists its own signature p_1.2.3_SHA256SUMS.sig", "BAD signature"},
	}, {
		name: "the sums list their own signature, signed after",
		breakIt: func(t *testing.T, r release) string {
			r.resum(t, func(files map[string]string) { files["p_1.2.3_SHA256SUMS.sig"] = r.sums + ".sig" }, &key)
			return key.public
		},
		want: []string{"lists its own signature p_1.2.3_SHA256SUMS.sig"},
	}, {
		name: "a zip that is not the one summed",
		breakIt: func(t *testing.T, r release) string {
			f, err := os.OpenFile(filepath.Join(r.dist, "p_1.2.3_linux_amd64.zip"), os.O_APPEND|os.O_WRONLY, 0)
			if err == nil {
				_, err = f.WriteString("trailing bytes")
				_ = f.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			return key.public
		},
		want: []string{"the sum of p_1.2.3_linux_amd64.zip is"},
	}, {
		name: "the sums list a file that is not a release file",
		breakIt: func(t *testing.T, r release) string {
			r.resum(t, func(files map[string]string) { files["notes.txt"] = r.config }, &key)
			return key.public
		},
		want: []string{"lists notes.txt, which is not a release file"},
	}, {
		name: "the sums leave out the manifest",
		breakIt: func(t *testing.T, r release) string {
			r.resum(t, func(files map[string]string) { delete(files, "p_1.2.3_manifest.json") }, &key)
			return key.public
		},
		want: []string{"does not list p_1.2.3_manifest.json"},
	}, {
		name: "a platform's zip is missing",
		breakIt: func(t *testing.T, r release) string {
			if err := os.Remove(filepath.Join(r.dist, "p_1.2.3_windows_amd64.zip")); err != nil {
				t.Fatal(err)
			}
			return key.public
		},
		want: []string{"p_1.2.3_windows_amd64.zip: open", "the sum of p_1.2.3_windows_amd64.zip"},
	}, {
		name: "a manifest of protocol 5.0",
		breakIt: func(t *testing.T, r release) string {
			writeFile(t, r.manifest, `{"version": 1, "metadata": {"protocol_versions": ["5.0"]}}`)
			r.resum(t, func(map[string]string) {}, &key)
			return key.public
		},
		want: []string{"protocols [5.0]; want version 1 and protocol 6.0"},
	}, {
		name: "sums changed after signing",
		breakIt: func(t *testing.T, r release) string {
			raw, err := os.ReadFile(r.sums)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, r.sums, strings.Replace(string(raw), "  ", " ", 1))
			return key.public
		},
		want: []string{"p_1.2.3_SHA256SUMS.sig does not verify p_1.2.3_SHA256SUMS", "BAD signature"},
	}, {
		name: "signed by another key",
		breakIt: func(t *testing.T, r release) string {
			other.sign(t, r.sums)
			return key.public
		},
		want: []string{"p_1.2.3_SHA256SUMS.sig does not verify p_1.2.3_SHA256SUMS", "No public key"},
	}, {
		name: "no signature",
		breakIt: func(t *testing.T, r release) string {
			if err := os.Remove(r.sums + ".sig"); err != nil {
				t.Fatal(err)
			}
			return key.public
		},
		want: []string{"no signature over the SHA256SUMS"},
	}, {
		name:    "no key to verify with",
		breakIt: func(*testing.T, release) string { return "" },
		want:    []string{"no -key"},
	}, {
		name:    "a key file that holds no key",
		breakIt: func(_ *testing.T, r release) string { return r.config },
		want:    []string{"is not a public key gpg imports"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRelease(t, key)
			keyFile := tc.breakIt(t, r)
			version, err := check(r.dist, r.config, r.manifest, keyFile)
			if len(tc.want) == 0 {
				if err != nil || version != "1.2.3" {
					t.Fatalf("version %q, error %v; want 1.2.3 and no error", version, err)
				}
				return
			}
			if err == nil {
				t.Fatal("the check passed")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
		})
	}
}
