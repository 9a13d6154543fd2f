// Command birdapi serves the in-memory Bird API of package birdtest on a free loopback port,
// seeded with a month of a small contact centre (birdtest.SeedContactCentre), until it is
// interrupted. The demo runs Terraform against it. The 30 days end the moment the server
// starts (or at -epoch): calls in business hours, quieter at weekends, on five voice channels
// in the Netherlands and Great Britain ("Support NL", "Sales NL", "Billing NL", "Support GB",
// "Sales GB", beside an SMS and an email channel, and the long-code numbers behind the voice
// and SMS channels), of every status Bird documents, with
// their hang-up causes; their recordings, mostly available, a few failed or absent on every
// channel, and completed calls with each kind of recording gap; transcriptions, and the
// storage metrics of the recordings. A few calls are going on when it starts, the newest
// recording among them, and the last 24 hours always hold a weekday's share of the calls,
// failed recordings among them. Every read issues fresh presigned links to the server's own
// /media/ path, valid for 600 seconds, as Bird does. It accepts an access key and an access
// token (sent as Bearer), and writes the settings a client needs, as environment variable
// assignments, to the file named by -env-file once it listens: the key, and the token on a
// line commented out, to be used instead of the key. It stays in the foreground.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// Demo credentials: the server accepts only this key (and the -access-token), and knows only
// this workspace.
const (
	demoAccessKey   = "demo-access-key"
	demoAccessToken = "demo-access-token"
	demoWorkspace   = "8bc02f53-87ac-48d2-b4fd-c2cf856a305f"
)

func main() {
	n := flag.Int("recordings", 400, "how many recordings to seed (at least 100); the calls, over the same 30 days, grow with them")
	envFile := flag.String("env-file", "", "where to write BIRD_ENDPOINT, BIRD_ACCESS_KEY, BIRD_WORKSPACE_ID and, commented out, BIRD_ACCESS_TOKEN once listening")
	token := flag.String("access-token", demoAccessToken, "the bearer token to accept besides the access key (access_token, BIRD_ACCESS_TOKEN)")
	dump := flag.String("dump", "", "also write the seeded recordings, as the API's JSON, to this file (the benchmark's jsondecode floor reads it)")
	examples := flag.Bool("examples", false, "also serve the objects that the documentation's examples read by ID")
	epoch := flag.String("epoch", "", "create the newest recording at this RFC 3339 time, for fixed data (default: when the server starts)")
	coverageCalls := flag.Int("coverage-calls", 0, "instead of the contact centre, seed this many calls of the last day, a recording for each answered call but 2% (the coverage benchmark's workspace)")
	latency := flag.Duration("latency", 0, "wait this long before answering each request, as a server across the internet does")
	rateLimit := flag.Int("rate-limit", 0, "answer 429 past this many requests a second, as Bird does (0: no limit)")
	flag.Parse()

	newest := time.Now().UTC().Truncate(time.Second)
	if *epoch != "" {
		t, err := time.Parse(time.RFC3339, *epoch)
		if err != nil {
			log.Fatalf("-epoch: %v", err)
		}
		newest = t
	}

	var srv *birdtest.Server
	var recs []bird.Recording
	if *coverageCalls > 0 {
		srv, recs = startCoverageServer(newest, *coverageCalls)
	} else {
		srv, recs = startServer(newest, *n, *examples, *token)
	}
	defer srv.Close()
	srv.SetLatency(*latency)
	srv.SetRateLimit(*rateLimit)
	if *dump != "" {
		raw, err := json.Marshal(recs)
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*dump, raw, 0o600); err != nil {
			log.Fatal(err)
		}
	}

	env := envFileText(srv.URL, *token)
	if *envFile != "" {
		tmp := *envFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(env), 0o600); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(tmp, *envFile); err != nil { // atomic: readers never see half a file
			log.Fatal(err)
		}
	}
	log.Printf("Bird API with %d recordings, the newest at %s, listening on %s (access key %q, access token %q); interrupt to stop", len(recs), newest.Format(time.RFC3339), srv.URL, demoAccessKey, *token)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}

// startServer starts the server with the contact centre's n recordings, the newest created at newest (and
// the examples' objects when examples), accepting the demo key and token; it returns the
// server and the seeded recordings.
func startServer(newest time.Time, n int, examples bool, token string) (*birdtest.Server, []bird.Recording) {
	srv := birdtest.NewServer(demoAccessKey)
	srv.AcceptToken(token)
	srv.SignLinks()
	cc := birdtest.SeedContactCentre(newest, n, 1)
	srv.AddRecordings(demoWorkspace, cc.Recordings...)
	srv.AddTranscriptions(demoWorkspace, cc.Transcriptions...)
	srv.SetRecordingMetrics(demoWorkspace, cc.Metrics)
	srv.AddCalls(demoWorkspace, cc.Calls...)
	srv.AddChannels(demoWorkspace, cc.Channels...)
	srv.AddNumbers(demoWorkspace, cc.Numbers...)
	if examples {
		exampleRecs, exampleTranscriptions := birdtest.SeedExamples(newest)
		srv.AddRecordings(demoWorkspace, exampleRecs...)
		srv.AddTranscriptions(demoWorkspace, exampleTranscriptions...)
	}
	return srv, cc.Recordings
}

// startCoverageServer starts the server with the coverage benchmark's n calls of the day
// before newest and their recordings (birdtest.SeedCoverage); it returns the server and the
// recordings.
func startCoverageServer(newest time.Time, n int) (*birdtest.Server, []bird.Recording) {
	srv := birdtest.NewServer(demoAccessKey)
	calls, recs, _ := birdtest.SeedCoverage(newest, n, 1)
	srv.AddCalls(demoWorkspace, calls...)
	srv.AddRecordings(demoWorkspace, recs...)
	return srv, recs
}

// envFileText is the env file for a server at url: the endpoint, the access key and the
// workspace, then the access token, commented out, since a provider takes one credential.
func envFileText(url, token string) string {
	return fmt.Sprintf(`BIRD_ENDPOINT=%s
BIRD_ACCESS_KEY=%s
BIRD_WORKSPACE_ID=%s
# To try an access token instead of the key, unset BIRD_ACCESS_KEY and use this line:
# BIRD_ACCESS_TOKEN=%s
`, url, demoAccessKey, demoWorkspace, token)
}
