package bird_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// streamed folds the IDs of every recording at url, page by page (a summary's read), and
// returns them, the notes, and how many times the fold was started.
func streamed(t *testing.T, url string) (ids, notes []string, starts int) {
	t.Helper()
	client, err := bird.NewClient(bird.Config{Endpoint: url, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 1})
	if err != nil {
		t.Fatal(err)
	}
	return streamedBy(t, client, bird.RecordingFilter{})
}

// streamedBy folds the IDs of the recordings client reads by filter, as streamed does.
func streamedBy(t *testing.T, client *bird.Client, filter bird.RecordingFilter) (ids, notes []string, starts int) {
	t.Helper()
	notes, err := bird.Each(t.Context(), client, bird.RecordingFacts, testWorkspace, filter, func() func([]bird.RecordingFact) {
		starts++
		ids = nil
		return func(page []bird.RecordingFact) {
			for i := range page {
				ids = append(ids, page[i].ID)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids, notes, starts
}

// arrivals are n recordings newer than newest, newest first, with IDs of their own.
func arrivals(n int, newest time.Time) []bird.Recording {
	fresh := minutelyRecordings(n, newest.Add(time.Duration(n+1)*time.Minute), time.Minute)
	for i := range fresh {
		fresh[i].ID = fmt.Sprintf("aaaaaaaa-0000-4000-8000-%012d", i)
	}
	return fresh
}

// TestStreamedReadSeesAShiftOfMoreThanAPage: recordings that arrive at the head of a
// newest-first read with offset tokens shift its pages by as many. Up to a page, the streamed
// read meets each shifted one again on the next page, keeps it once and says so, as List
// does; beyond a page it meets some again further on, which it cannot remember, so it must
// see the shift and read again as List reads: then it returns what List returns of the
// same workspace, with the same notes. (An outside review found it folding 260 recordings of
// a workspace of 255.)
func TestStreamedReadSeesAShiftOfMoreThanAPage(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	const n, page = 400, bird.MaxPageSize
	for _, arriving := range []int{0, 3, page - 1, page, page + 5, 2*page + 3, 300} {
		t.Run(fmt.Sprint(arriving, " arrivals"), func(t *testing.T) {
			fake := &offsetBird{items: minutelyRecordings(n, newest, time.Minute)}
			fake.beforePage = func(b *offsetBird, served int) {
				if served == 1 { // before the second page of the first read
					b.items = append(arrivals(arriving, newest), b.items...)
				}
			}
			srv := fake.start(t)
			ids, notes, starts := streamed(t, srv.URL)
			first := fake.served
			list := offsetList(t, srv.URL, 1, bird.RecordingFilter{}, 0)
			pages := fake.served - first
			switch {
			case arriving <= page:
				// The shift is seen page by page: the recordings there were when it started, each once.
				want := recordingIDs(fake.items[arriving:])
				if starts != 1 || first != pages || !slices.Equal(ids, want) {
					t.Fatalf("folded %d recordings in %d requests from %d starts, want the %d there were, in %d requests from one", len(ids), first, starts, len(want), pages)
				}
				if arriving > 0 && (len(notes) != 1 || notes[0] != fmt.Sprintf(shiftedNoteText, arriving)) || arriving == 0 && notes != nil {
					t.Fatalf("notes %q after %d arrivals", notes, arriving)
				}
			default:
				// Read again as List reads: what List returns now, with its notes.
				if starts != 2 || !slices.Equal(ids, recordingIDs(list.Items)) || !slices.Equal(notes, list.Notes) {
					t.Fatalf("folded %d recordings from %d starts with notes %q; List returns %d with notes %q", len(ids), starts, notes, len(list.Items), list.Notes)
				}
			}
		})
	}
}

// shiftedNoteText is the note of a read that met results twice.
const shiftedNoteText = "Bird's pages shifted during the read: %d results were met twice (objects arrived or changed while it paged), and each was kept once. A window that ends in the past (end_at) does not shift."

// TestStreamedReadSeesAResultMoveInBirdsOrder: a Bird that answers oldest first by
// updatedAt moves a recording that changes during the read to its end, where the read meets
// it again, pages after the first time, with nothing out of order. Its updatedAt, later than
// Bird's clock when the read began, shows the move: the streamed read reads again as List
// reads, and returns what List returns, with its notes. Without a change it reads once.
// (An outside review found it folding 250 recordings of a workspace of 249, with no note.)
func TestStreamedReadSeesAResultMoveInBirdsOrder(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, moved := range []int{-1, 10, 150} {
		t.Run(fmt.Sprint("moved ", moved), func(t *testing.T) {
			recs := minutelyRecordings(250, newest, time.Minute)
			slices.Reverse(recs) // oldest first
			fake := &offsetBird{items: recs}
			fake.beforePage = func(b *offsetBird, served int) {
				if served == 1 && moved >= 0 {
					r := b.items[moved]
					r.UpdatedAt = offsetStamp(time.Now())
					b.items = append(slices.Delete(b.items, moved, moved+1), r)
				}
			}
			srv := fake.start(t)
			ids, notes, starts := streamed(t, srv.URL)
			first := fake.served
			list := offsetList(t, srv.URL, 1, bird.RecordingFilter{}, 0)
			pages := fake.served - first
			if !slices.Equal(ids, recordingIDs(list.Items)) || !slices.Equal(notes, list.Notes) {
				t.Fatalf("folded %d recordings from %d starts with notes %q; List returns %d with notes %q", len(ids), starts, notes, len(list.Items), list.Notes)
			}
			if moved < 0 && (starts != 1 || first != pages) {
				t.Fatalf("with nothing moved, the streamed read started %d times and made %d requests, List %d", starts, first, pages)
			}
		})
	}
}

// TestStreamedPartsThatShiftAreReadAgain: recordings that arrive during an opted-in parallel
// read, once it has split, shift the pages of the part they arrive in, which cannot fold a
// result met twice once: newer ones run against the part's order, and ones that tie with
// its newest shift it by one, and its first page's last is met twice, with nothing out of
// order. The read is contradicted, the fold
// discarded, and the sequential read folded from a fresh start: what List returns of the
// workspace as it then is, with the parallel read's note, which says why. (A part that is
// split after the shift reads its pages again, and needs no second read.)
func TestStreamedPartsThatShiftAreReadAgain(t *testing.T) {
	const n = 3000
	recs := birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), n, 1)
	for what, c := range map[string]struct {
		arriving int
		arrivals func(end time.Time) []bird.Recording
		reason   string
	}{
		"newer": {30, func(end time.Time) []bird.Recording {
			return birdtest.SeedRecordingsAt(end.Add(-time.Second), 30, 2)
		}, "out of order in the part"},
		"tied": {1, func(end time.Time) []bird.Recording {
			// A copy of the part's newest recording, created at the same instant.
			newest := recs[slices.IndexFunc(recs, func(r bird.Recording) bool { return r.CreatedAt < offsetStamp(end) })]
			newest.ID = "bbbbbbbb-0000-4000-8000-000000000000"
			return []bird.Recording{newest}
		}, "was met twice in the part"},
	} {
		t.Run(what, func(t *testing.T) {
			client, srv := newTestClient(t, 0, func(c *bird.Config) { c.ReadParallelism = 8 })
			srv.AddRecordings(testWorkspace, recs...)
			pages := map[string]int{} // of each part
			srv.Fail(birdtest.Fault{
				// The third page of a part, which can no longer be split (its parts would
				// read its pages again, past the shift): recordings arrive at its newest end.
				Only: func(r *http.Request) bool {
					q := r.URL.Query()
					part := q.Get("startAt") + " " + q.Get("endAt")
					if strings.HasSuffix(r.URL.Path, "/recordings") && q.Has("endAt") && !q.Has("sourceId") {
						pages[part]++
					}
					return pages[part] == 3
				},
				Before: func(r *http.Request) {
					end, err := time.Parse(time.RFC3339Nano, r.URL.Query().Get("endAt"))
					if err != nil {
						panic(err)
					}
					srv.AddRecordings(testWorkspace, c.arrivals(end)...)
				},
			}, 1)
			filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
			ids, notes, starts := streamedBy(t, client, filter)
			list := offsetList(t, srv.URL, 1, bird.RecordingFilter{StartAt: filter.StartAt}, 0)
			if starts != 2 || !slices.Equal(ids, recordingIDs(list.Items)) || len(list.Items) != n+c.arriving {
				t.Fatalf("folded %d recordings from %d starts; List returns %d of %d", len(ids), starts, len(list.Items), n+c.arriving)
			}
			if len(notes) != 1 || !strings.HasPrefix(notes[0], "The parallel read was contradicted") || !strings.Contains(notes[0], c.reason) {
				t.Fatalf("notes %q: want the sequential read's none, then that the parallel read was contradicted: %s", notes, c.reason)
			}
		})
	}
}
