package provider

import (
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestSummaryGroupKeysDoNotCollide: summarize once found a group by its key fields joined
// with "\x00", so two different keys whose values contain that byte fall into one group,
// counted together under the first one's key. JSON strings may hold \u0000.
func TestSummaryGroupKeysDoNotCollide(t *testing.T) {
	items := []bird.RecordingFact{
		{ID: "a", Status: "x\x00y", Format: "z"},
		{ID: "b", Status: "x", Format: "y\x00z"},
	}
	sum := recordingsSummary.summarize(items, []string{"status", "format"})
	if len(sum.groups) != 2 {
		t.Fatalf("%d group(s) for two different keys: %q count %d", len(sum.groups), sum.groups[0].key, sum.groups[0].count)
	}
}
