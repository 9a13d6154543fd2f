package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// envFrom reads the env file's assignments, uncommenting the lines that start with
// "# NAME=" for the names in uncomment, and dropping the names in drop, as a user following
// the file's comment would.
func envFrom(text string, uncomment, drop []string) map[string]string {
	env := map[string]string{}
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		for _, name := range uncomment {
			if rest, ok := strings.CutPrefix(line, "# "+name+"="); ok {
				line = name + "=" + rest
			}
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		env[name] = value
	}
	for _, name := range drop {
		delete(env, name)
	}
	return env
}

// TestEnvFileWorksWithTheKeyAndWithTheToken reads the built-in API with the env file's
// settings as written, then with its commented-out token in place of the key.
func TestEnvFileWorksWithTheKeyAndWithTheToken(t *testing.T) {
	srv, recs := startServer(time.Now(), 5, false, "a-token-of-its-own")
	defer srv.Close()
	text := envFileText(srv.URL, "a-token-of-its-own")
	if strings.Contains(text, "\nBIRD_ACCESS_TOKEN=") {
		t.Fatalf("the token is set, not commented out, beside the key:\n%s", text)
	}
	for name, env := range map[string]map[string]string{
		"as written":     envFrom(text, nil, nil),
		"with the token": envFrom(text, []string{"BIRD_ACCESS_TOKEN"}, []string{"BIRD_ACCESS_KEY"}),
	} {
		c, err := bird.NewClient(bird.Config{Endpoint: env["BIRD_ENDPOINT"], AccessKey: env["BIRD_ACCESS_KEY"], AccessToken: env["BIRD_ACCESS_TOKEN"]})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := c.ListRecordings(context.Background(), env["BIRD_WORKSPACE_ID"], bird.RecordingFilter{}, bird.ListOptions{})
		if err != nil || len(got.Items) != len(recs) {
			t.Fatalf("%s: %v, %v; want %d recordings", name, got, err, len(recs))
		}
	}
}
