package bird_test

import (
	"strings"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

func TestNoFragmentOfTheKeyInAnErrorExcerpt(t *testing.T) {
	c, srv := newTestClient(t, 1)
	// The excerpt is cut at 200 bytes: place the key at every offset across the cut.
	for offset := 200 - len(testKey) - 2; offset <= 202; offset++ {
		body := strings.Repeat("é", offset/2) + strings.Repeat("x", offset%2) + testKey + " again: " + testKey
		srv.Fail(birdtest.Fault{Status: 400, Body: body, ContentType: "text/plain"}, 1)
		_, err := collect(t, c, bird.RecordingFilter{}, 0)
		if err == nil {
			t.Fatal("want the 400")
		}
		msg := err.Error()
		for i := 0; i+6 <= len(testKey); i++ {
			if strings.Contains(msg, testKey[i:i+6]) {
				t.Fatalf("offset %d: the error holds %q, a fragment of the key: %s", offset, testKey[i:i+6], msg)
			}
		}
		if !strings.Contains(msg, `body "é`) {
			t.Fatalf("offset %d: the error does not quote the body: %s", offset, msg)
		}
	}
}
