package provider

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// TestSummaryDirectReadMatchesTheFramework reads the summaries with group_by and
// filters set, and with no match, through the direct path and the framework, and requires
// the same state (TestDirectReadMatchesTheFramework reads them with defaults only).
func TestSummaryDirectReadMatchesTheFramework(t *testing.T) {
	srv, _ := newFullTestServer(t)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	list := func(vs ...string) tftypes.Value {
		elems := make([]tftypes.Value, len(vs))
		for i, v := range vs {
			elems[i] = str(v)
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)
	}
	for name, tc := range map[string]struct {
		typeName string
		set      map[string]tftypes.Value
	}{
		"recordings by status and day": {"bird_voice_recordings_summary", map[string]tftypes.Value{"group_by": list("status", "day", "hour")}},
		"recordings filtered":          {"bird_voice_recordings_summary", map[string]tftypes.Value{"group_by": list("origin", "format"), "direction": str("incoming"), "start_at": str("2026-10-01T00:00:00Z")}},
		"recordings no match":          {"bird_voice_recordings_summary", map[string]tftypes.Value{"status": str("paused"), "to": str("nobody")}},
		"recordings empty group_by":    {"bird_voice_recordings_summary", map[string]tftypes.Value{"group_by": list()}},
		"calls by cause":               {"bird_voice_calls_summary", map[string]tftypes.Value{"group_by": list("hangup_cause_code", "type")}},
	} {
		t.Run(name, func(t *testing.T) {
			direct, err := newDirectReadServer(newDiagnosticsProvider())
			if err != nil {
				t.Fatal(err)
			}
			if direct.direct[tc.typeName] == nil {
				t.Fatalf("%s is not read directly", tc.typeName)
			}
			framework, err := providerserver.NewProtocol6WithError(newDiagnosticsProvider())()
			if err != nil {
				t.Fatal(err)
			}
			got := readState(t, direct, srv, tc.typeName, tc.set)
			want := readState(t, framework, srv, tc.typeName, tc.set)
			if len(got.diags) != 0 || len(want.diags) != 0 {
				t.Fatalf("diagnostics: direct %v, framework %v", got.diags, want.diags)
			}
			if !got.state.Equal(want.state) {
				t.Fatalf("states differ:\ndirect    %s\nframework %s", got.state, want.state)
			}
		})
	}
}

// TestSummaryTimes checks day, hour, first and last of createdAt written with offsets,
// without fractions, as Bird's zero time and absent.
func TestSummaryTimes(t *testing.T) {
	d := func(n int64) *int64 { return &n }
	items := []bird.RecordingFact{
		{ID: "a", Status: "x", CreatedAt: "2026-11-01T01:30:00+02:00", Duration: d(5)}, // 2026-10-31T23:30Z
		{ID: "b", Status: "x", CreatedAt: "2026-10-31T23:45:00.250Z", Duration: d(-1)}, // later than a
		{ID: "c", Status: "x", CreatedAt: "2026-10-31T22:00:00-01:00"},                 // 2026-10-31T23:00Z, earliest
		{ID: "d", Status: "x", CreatedAt: "0001-01-01T00:00:00Z", Duration: d(7)},      // zero time
		{ID: "e", Status: "x", Duration: d(1)},                                         // absent
	}
	sum := recordingsSummary.summarize(items, []string{"day", "hour"})
	type want struct {
		day, hour   string
		count, dur  int64
		first, last string
	}
	wants := []want{
		{"", "", 2, 8, "", ""},
		{"2026-10-31", "2026-10-31T23", 3, 4, "2026-10-31T22:00:00-01:00", "2026-10-31T23:45:00.250Z"},
	}
	if len(sum.groups) != len(wants) {
		t.Fatalf("%d groups, want %d: %+v", len(sum.groups), len(wants), sum.groups)
	}
	for i, w := range wants {
		g := sum.groups[i]
		if g.key[0] != w.day || g.key[1] != w.hour || g.count != w.count || g.duration != w.dur || g.first != w.first || g.last != w.last {
			t.Errorf("group %d: %v %d %d %q %q, want %+v", i, g.key, g.count, g.duration, g.first, g.last, w)
		}
	}
	if sum.total.count != 5 || sum.total.duration != 12 {
		t.Errorf("totals %d %d", sum.total.count, sum.total.duration)
	}
}

// TestSummaryFirstDoesNotDependOnOrder requires the same first and last created_at
// whatever the order Bird (or a parallel windowed read) hands the objects over, when two
// objects share an instant written two ways.
func TestSummaryFirstDoesNotDependOnOrder(t *testing.T) {
	a := bird.RecordingFact{ID: "a", CreatedAt: "2026-11-01T10:00:00Z"}
	b := bird.RecordingFact{ID: "b", CreatedAt: "2026-11-01T12:00:00+02:00"}
	ab := recordingsSummary.summarize([]bird.RecordingFact{a, b}, nil)
	ba := recordingsSummary.summarize([]bird.RecordingFact{b, a}, nil)
	if ab.groups[0].first != ba.groups[0].first || ab.groups[0].last != ba.groups[0].last {
		t.Fatalf("first/last depend on order: %q/%q against %q/%q", ab.groups[0].first, ab.groups[0].last, ba.groups[0].first, ba.groups[0].last)
	}
}

// TestSummaryEmptyGroupByIsOneGroup: the issue says an empty group_by gives one group,
// even of no match, so that groups[0].count is 0 rather than an invalid index.
func TestSummaryEmptyGroupByIsOneGroup(t *testing.T) {
	sum := recordingsSummary.summarize(nil, nil)
	if len(sum.groups) != 1 {
		t.Fatalf("empty group_by over no match gives %d groups, so groups[0].count fails in HCL", len(sum.groups))
	}
}

// TestSummaryCallCauseZeroAndAbsent groups a cause of 0 apart from an absent one.
func TestSummaryCallCauseZeroAndAbsent(t *testing.T) {
	zero := int64(0)
	sum := callsSummary.summarize([]bird.CallFact{{ID: "a", HangupCauseCode: &zero}, {ID: "b"}}, []string{"hangup_cause_code"})
	if len(sum.groups) != 2 || sum.groups[0].key[0] != "" || sum.groups[1].key[0] != "0" {
		t.Fatalf("groups %+v", sum.groups)
	}
}

// TestAccSummaryGroupByKnownOnlyAtApply: a group_by known only at apply (a duplicate and
// an unknown field) must still be refused, not panic or write a map with a duplicate key.
func TestAccSummaryGroupByKnownOnlyAtApply(t *testing.T) {
	srv := newTestServer(t, 20)
	for name, tc := range map[string]struct{ value, pattern string }{
		"duplicate": {"status", `(?s)Duplicate List Value`},
		"unknown":   {"colour", `(?s)value must be one of`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testFactories,
				ExternalProviders:        map[string]resource.ExternalProvider{},
				Steps: []resource.TestStep{{
					Config: providerBlock(srv) + fmt.Sprintf(`
resource "terraform_data" "f" {
  input = %q
}
data "bird_voice_recordings_summary" "test" {
  group_by = [terraform_data.f.output, "status"]
}`, tc.value),
					ExpectError: regexp.MustCompile(tc.pattern),
				}},
			})
		})
	}
}

// TestSummariesShareTheSummaryNotTheFacts: in one provider process, a second summary with
// the same arguments is answered without a request and with the same state, one that
// differs only in group_by reads on its own, and the list of the same recordings reads
// too: no summary leaves its facts behind.
func TestSummariesShareTheSummaryNotTheFacts(t *testing.T) {
	srv, _ := newFullTestServer(t)
	ps, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := ps.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	by := func(fields ...string) map[string]tftypes.Value {
		elems := make([]tftypes.Value, len(fields))
		for i, f := range fields {
			elems[i] = tftypes.NewValue(tftypes.String, f)
		}
		return map[string]tftypes.Value{"group_by": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elems)}
	}
	configureServer(t, ps, srv, "bird_voice_recordings_summary", nil)
	read := func(typeName string, set map[string]tftypes.Value) ([]byte, int) {
		t.Helper()
		before := len(srv.Requests())
		resp, err := ps.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: dynamicObject(t, schemas.DataSourceSchemas[typeName].ValueType(), set)})
		if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
			t.Fatalf("%s: %v %v", typeName, err, resp.Diagnostics)
		}
		return resp.State.MsgPack, len(srv.Requests()) - before
	}
	first, requests := read("bird_voice_recordings_summary", by("status", "day"))
	again, reread := read("bird_voice_recordings_summary", by("status", "day"))
	other, otherRequests := read("bird_voice_recordings_summary", by("status"))
	_, listRequests := read("bird_voice_recordings", nil)
	switch {
	case requests == 0 || reread != 0 || !bytes.Equal(first, again):
		t.Fatalf("the same summary made %d requests after %d, or wrote another state: want it shared", reread, requests)
	case otherRequests == 0 || bytes.Equal(first, other):
		t.Fatalf("a summary by another group_by made %d requests: want it read on its own", otherRequests)
	case listRequests == 0:
		t.Fatal("the list was answered from the shared reads: a summary kept its facts there")
	}
}
