package bird_test

import (
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

func TestRecordingFilterQueryLeavesUnsetFiltersOut(t *testing.T) {
	if q := (bird.RecordingFilter{}).Query(); len(q) != 0 {
		t.Fatalf("empty filter sent %v", q)
	}
	q := bird.RecordingFilter{From: "+31 970", Status: "failed"}.Query()
	if q.Encode() != "from=%2B31+970&status=failed" {
		t.Fatalf("got %s", q.Encode())
	}
}
