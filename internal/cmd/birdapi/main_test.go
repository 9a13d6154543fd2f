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

// TestServesTheCallsBehindTheRecordingsAndTheirChannels reads what the demo reads through the
// new data sources: every recording of a call has its call in the log, on its channel; some
// calls left no recording; and the channel named "Support NL" is one that recordings use.
func TestServesTheCallsBehindTheRecordingsAndTheirChannels(t *testing.T) {
	srv, recs := startServer(time.Now(), 60, false, demoAccessToken)
	defer srv.Close()
	c, err := bird.NewClient(bird.Config{Endpoint: srv.URL, AccessKey: demoAccessKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	calls, err := bird.List(ctx, c, bird.Calls, demoWorkspace, bird.CallFilter{}, bird.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	channelOf := map[string]string{}
	for _, call := range calls.Items {
		channelOf[call.ID] = call.ChannelID
	}
	recorded := map[string]bool{}
	for _, r := range recs {
		if r.Source != "call" {
			continue
		}
		recorded[r.SourceID] = true
		if ch, ok := channelOf[r.SourceID]; !ok || ch != r.ChannelID {
			t.Errorf("recording %s: its call %s is not in the log on channel %s (found: %v, on %q)", r.ID, r.SourceID, r.ChannelID, ok, ch)
		}
	}
	if len(recorded) == 0 || len(calls.Items) <= len(recorded) {
		t.Errorf("%d calls for %d recorded calls: want calls behind recordings and calls that left none", len(calls.Items), len(recorded))
	}
	support, err := bird.List(ctx, c, bird.Channels, demoWorkspace, bird.ChannelFilter{Name: "Support NL"}, bird.ListOptions{})
	if err != nil || len(support.Items) != 1 {
		t.Fatalf("channels named Support NL: %v, %v; want one", support, err)
	}
	used := false
	for _, r := range recs {
		used = used || r.ChannelID == support.Items[0].ID
	}
	if !used {
		t.Errorf("no recording is on channel %s, Support NL", support.Items[0].ID)
	}
}
