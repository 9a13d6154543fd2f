package bird_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// readAll lists every recording, returning how many and the error that ended the read.
func readAll(t *testing.T, c *bird.Client) (int, error) {
	t.Helper()
	recs, err := collect(t, c, bird.RecordingFilter{}, 0)
	return len(recs), err
}

func TestTransientFaultsAreRetried(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault birdtest.Fault
		times int
	}{
		{"429 without Retry-After", birdtest.Fault{Status: 429}, 2},
		{"429 with Retry-After", birdtest.Fault{Status: 429, RetryAfter: "0"}, 1},
		{"500", birdtest.Fault{Status: 500}, 1},
		{"502", birdtest.Fault{Status: 502}, 1},
		{"503", birdtest.Fault{Status: 503}, 3},
		{"504", birdtest.Fault{Status: 504}, 4},
		{"connection reset", birdtest.Fault{Reset: true}, 2},
		{"slow response past the timeout", birdtest.Fault{Hang: true}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t, 150, func(cfg *bird.Config) { cfg.RequestTimeout = 200 * time.Millisecond })
			srv.Fail(tc.fault, tc.times)
			n, err := readAll(t, c)
			if err != nil || n != 150 {
				t.Fatalf("got %d recordings, %v; want all 150 after retries", n, err)
			}
			if got, want := len(srv.Requests()), 2+tc.times; got != want {
				t.Fatalf("%d requests, want %d (2 pages and %d retries)", got, want, tc.times)
			}
		})
	}
}

func TestPermanentErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 422, 501} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			c, srv := newTestClient(t, 10)
			srv.Fail(birdtest.Fault{Status: status}, 1)
			_, err := readAll(t, c)
			var apiErr *bird.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Fatalf("got %v, want an APIError with status %d", err, status)
			}
			if got := len(srv.Requests()); got != 1 {
				t.Fatalf("%d requests, want 1", got)
			}
		})
	}
}

func TestRetriesGiveUpAfterMaxRetries(t *testing.T) {
	c, srv := newTestClient(t, 10, func(cfg *bird.Config) { cfg.MaxRetries = 2 })
	srv.Fail(birdtest.Fault{Status: 503}, 10)
	_, err := readAll(t, c)
	var apiErr *bird.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.Message != "injected fault" {
		t.Fatalf("got %v, want the last 503", err)
	}
	if got := len(srv.Requests()); got != 3 {
		t.Fatalf("%d requests, want 3 (1 and 2 retries)", got)
	}
}

func TestNoRetriesWhenMaxRetriesIsZero(t *testing.T) {
	c, srv := newTestClient(t, 10, func(cfg *bird.Config) { cfg.MaxRetries = 0 })
	srv.Fail(birdtest.Fault{Status: 429}, 1)
	if _, err := readAll(t, c); err == nil {
		t.Fatal("want the 429")
	}
	if got := len(srv.Requests()); got != 1 {
		t.Fatalf("%d requests, want 1", got)
	}
}

func TestEverySecondRequestRateLimited(t *testing.T) {
	c, srv := newTestClient(t, 1000)
	srv.FailEvery(2, birdtest.Fault{Status: 429})
	n, err := readAll(t, c)
	if err != nil || n != 1000 {
		t.Fatalf("got %d recordings, %v; want all 1000", n, err)
	}
	// Requests 2, 4, 6... are refused: the first page comes at once, the 10 others each
	// after one 429.
	if got := len(srv.Requests()); got != 21 {
		t.Fatalf("%d requests, want 21", got)
	}
}

func TestUnusableAnswersEndTheRead(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fault  birdtest.Fault
		reason string
		body   string
	}{
		{"malformed JSON", birdtest.Fault{Body: `{"results": [}`, ContentType: "application/json"}, "not the JSON object", `{"results": [}`},
		{"truncated", birdtest.Fault{Truncate: true}, "unexpected end of JSON input", `{"results":[{"id":`},
		{"HTML error page", birdtest.Fault{Body: "<html><body>502 Bad Gateway " + testKey + "</body></html>", ContentType: "text/html"}, "invalid character '<'", "<html><body>502 Bad Gateway [redacted]"},
		{"wrong shape", birdtest.Fault{Body: `{"results": "many"}`}, "cannot unmarshal string", `{"results": "many"}`},
		{"oversized page", birdtest.Fault{OversizeBytes: bird.MaxResponseBytes}, "larger than", `{"results":[],"padding":"xxx`},
		{"token too long", birdtest.Fault{Body: `{"results":[],"nextPageToken":"` + strings.Repeat("t", 8001) + `"}`}, "8001 characters long", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t, 10)
			srv.Fail(tc.fault, 1)
			_, err := readAll(t, c)
			var respErr *bird.ResponseError
			if !errors.As(err, &respErr) {
				t.Fatalf("got %v, want a ResponseError", err)
			}
			if !strings.Contains(respErr.Reason, tc.reason) || !strings.HasPrefix(respErr.Body, tc.body) {
				t.Fatalf("got reason %q and body %q", respErr.Reason, respErr.Body)
			}
			msg := err.Error()
			if !strings.Contains(msg, "GET /workspaces/"+testWorkspace+"/recordings: 200 OK") || strings.Contains(msg, testKey) {
				t.Fatalf("message %q must name the request and status and not the key", msg)
			}
			if len(respErr.Body) > 250 {
				t.Fatalf("the error quotes %d bytes of body", len(respErr.Body))
			}
			if got := len(srv.Requests()); got != 1 {
				t.Fatalf("%d requests, want 1", got)
			}
		})
	}
}

func TestRepeatingPageTokenEndsTheRead(t *testing.T) {
	c, srv := newTestClient(t, 500)
	srv.Fail(birdtest.Fault{RepeatToken: true}, 100)
	n, err := readAll(t, c)
	if err == nil || !strings.Contains(err.Error(), "repeats a token already used") {
		t.Fatalf("got %v, want the repeating token reported", err)
	}
	// All or nothing: the 198 recordings read before are not returned.
	if n != 0 || !strings.Contains(err.Error(), "after 198 results") || len(srv.Requests()) != 2 {
		t.Fatalf("returned %d recordings after %d requests: %v; want none, after 198 read in 2", n, len(srv.Requests()), err)
	}
}

func TestCancellationStopsABackoff(t *testing.T) {
	c, srv := newTestClient(t, 10)
	srv.Fail(birdtest.Fault{Status: 429, RetryAfter: "3600"}, 1)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListRecordings(ctx, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if waited := time.Since(start); waited > 30*time.Second {
		t.Fatalf("the read took %s to notice the cancellation", waited)
	}
}

func TestKeyIsNotSentToAnotherHost(t *testing.T) {
	var leaked []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = append(leaked, r.Header.Get("Authorization"))
		_, _ = w.Write([]byte(`{"results":[]}`))
	}))
	defer other.Close()
	redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirecting.Close()

	c, err := bird.NewClient(bird.Config{Endpoint: redirecting.URL, AccessKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	_, err = readAll(t, c)
	var apiErr *bird.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("got %v, want the redirect reported, not followed", err)
	}
	if len(leaked) != 0 {
		t.Fatalf("the other host received %d requests (Authorization %q)", len(leaked), leaked)
	}
}

func TestRateLimitHoldsInEveryOneSecondWindow(t *testing.T) {
	c, srv := newTestClient(t, 5, func(cfg *bird.Config) { cfg.RequestsPerSecond = 50 })
	for range 200 {
		if _, err := c.GetRecording(t.Context(), testWorkspace, birdtest.SeedRecordings(1, 1)[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 200 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i := range reqs {
		in := 0
		for j := i; j < len(reqs) && reqs[j].Time.Sub(reqs[i].Time) < time.Second; j++ {
			in++
		}
		if in > 50 {
			t.Fatalf("%d requests in the second from request %d; the limit is 50", in, i)
		}
	}
}
