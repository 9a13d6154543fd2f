package bird_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// TestFactsAreRefusedWhereTheListIs: a page whose result has any one field of another JSON
// type than the API documents (a number for a string, a string for anything else) is
// refused by a summary's read of facts exactly when the list refuses it, field by field of
// Call and Recording, so that a summary never counts a page the list would not return.
// (An outside review found a call with a numeric hangupSipCode counted by the summary and
// refused by the list.)
func TestFactsAreRefusedWhereTheListIs(t *testing.T) {
	recs := birdtest.SeedRecordings(20, 3)
	calls := birdtest.SeedCalls(recs, 3)
	t.Run("calls", func(t *testing.T) {
		sameRefusals(t, calls[0], func(c *bird.Client) (error, error) {
			_, listed := bird.List(t.Context(), c, bird.Calls, testWorkspace, bird.CallFilter{}, bird.ListOptions{})
			_, folded := bird.Each(t.Context(), c, bird.CallFacts, testWorkspace, bird.CallFilter{}, func() func([]bird.CallFact) { return func([]bird.CallFact) {} })
			return listed, folded
		})
	})
	t.Run("recordings", func(t *testing.T) {
		sameRefusals(t, recs[0], func(c *bird.Client) (error, error) {
			_, listed := bird.List(t.Context(), c, bird.Recordings, testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
			_, folded := bird.Each(t.Context(), c, bird.RecordingFacts, testWorkspace, bird.RecordingFilter{}, func() func([]bird.RecordingFact) { return func([]bird.RecordingFact) {} })
			return listed, folded
		})
	})
}

// sameRefusals answers, for each JSON field of object's type, a page of object with that
// field of the wrong type, to the list's read and to the facts' read, and requires both to
// refuse it; the page as it is, both to accept it.
func sameRefusals[T any](t *testing.T, object T, read func(*bird.Client) (listed, folded error)) {
	t.Helper()
	valid, err := json.Marshal(object)
	if err != nil {
		t.Fatal(err)
	}
	answer := func(result string) (listed, folded error) {
		client, srv := newTestClient(t, 0)
		body := `{"results":[` + result + `]}`
		srv.Fail(birdtest.Fault{Body: body, ContentType: "application/json"}, 2)
		return read(client)
	}
	if listed, folded := answer(string(valid)); listed != nil || folded != nil {
		t.Fatalf("a valid page: the list says %v, the facts %v", listed, folded)
	}
	typ := reflect.TypeFor[T]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		wrong := `"x"`
		if k := f.Type.Kind(); k == reflect.String {
			wrong = `7`
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(valid, &fields); err != nil {
			t.Fatal(err)
		}
		fields[name] = json.RawMessage(wrong)
		result, err := json.Marshal(fields)
		if err != nil {
			t.Fatal(err)
		}
		listed, folded := answer(string(result))
		if listed == nil || folded == nil {
			t.Errorf("%s as %s: the list says %v, the facts %v; want both to refuse it", name, wrong, listed, folded)
		}
	}
}
