package bird_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
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

// The tests below come from a fresh-context review: each is a way Bird may answer in which
// Each once did not fold what List returns, or kept what it need not.

// tiedRecordings are 10 recordings a minute apart, newest first from newest, then tied
// recordings that a bulk import created in one millisecond, 20 minutes before the newest,
// then 50 more a minute apart, an hour before the tie: a page proves the order (newest first by createdAt)
// before the tie begins.
func tiedRecordings(tied int, newest time.Time) []bird.Recording {
	recs := minutelyRecordings(10, newest, time.Minute)
	tie := newest.Add(-20 * time.Minute)
	for i := range tied {
		d := int64(60)
		recs = append(recs, bird.Recording{
			ID: fmt.Sprintf("11111111-0000-4000-8000-%012d", i), Source: "call", Status: "available", Duration: &d,
			CreatedAt: offsetStamp(tie), UpdatedAt: offsetStamp(tie.Add(time.Minute)),
			StartedAt: offsetStamp(tie.Add(-time.Second)), EndedAt: offsetStamp(tie.Add(time.Minute)),
		})
	}
	older := minutelyRecordings(50, tie.Add(-time.Hour), time.Minute)
	for i := range older {
		older[i].ID = fmt.Sprintf("22222222-0000-4000-8000-%012d", i)
	}
	return append(recs, older...)
}

// TestStreamedReadShiftedInsideATie: the read enters a bulk tie (400 recordings created in
// one millisecond, the shape birdtest.Shape.BulkTie plays), after 10 recordings whose page
// proves the order (newest first by createdAt), or at its head, where no page proves it
// until the tie ends. 150 recordings arrive at the head before the third page and shift the
// pages by a page and a half, inside the tie: the results met again tie with the one before
// them, so none runs against the order, and none has a timestamp later than the read's
// start. The streamed chain remembers the latest run of each timestamp, as many pages as it
// spans, and folds what List keeps for the same read, each once, noting 150 met twice. (Two
// fresh-context reviews saw 562 folded, 102 twice, and a note of 48.)
func TestStreamedReadShiftedInsideATie(t *testing.T) {
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	headTie := func() []bird.Recording {
		recs := minutelyRecordings(460, newest, time.Minute)
		for i := range 400 { // one createdAt, startedAt rising as stored
			recs[i].CreatedAt = offsetStamp(newest)
			recs[i].StartedAt = offsetStamp(newest.Add(time.Duration(i) * time.Millisecond))
		}
		return recs
	}
	for what, recs := range map[string]func() []bird.Recording{
		"after a proof": func() []bird.Recording { return tiedRecordings(400, newest) },
		"at the head":   headTie,
	} {
		t.Run(what, func(t *testing.T) {
			world := func(t *testing.T) string {
				fake := &offsetBird{items: recs()}
				fake.beforePage = func(b *offsetBird, served int) {
					if served == 2 { // before the third page
						b.items = append(arrivals(150, newest), b.items...)
					}
				}
				return fake.start(t).URL
			}
			list := offsetList(t, world(t), 1, bird.RecordingFilter{}, 0)
			got, notes, starts := streamed(t, world(t))
			if want := recordingIDs(list.Items); starts != 1 || !slices.Equal(got, want) || !slices.Equal(notes, list.Notes) {
				t.Fatalf("Each folded %d recordings (%d distinct) from %d starts, notes %q; List returns %d for the same read, notes %q",
					len(got), len(distinct(got)), starts, notes, len(want), list.Notes)
			}
		})
	}
}

// distinct returns ids without repeats.
func distinct(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// withBulkTie returns recs, newest first, with the tied recordings from the index from on
// created in the millisecond of the one at from, and started 113 ms before it, as a bulk
// import would make them.
func withBulkTie(recs []bird.Recording, from, tied int) []bird.Recording {
	out := slices.Clone(recs)
	for i := from; i < from+tied; i++ {
		out[i].CreatedAt, out[i].StartedAt = out[from].CreatedAt, out[from].StartedAt
	}
	return out
}

// TestStreamedPartShiftedInsideATie: the same in a parallel read's streamed part. 3,000
// recordings written to the millisecond (the probes establish exact bounds on createdAt,
// and the read splits), the 400 after the 10 newest created in one millisecond (a bulk
// import). The newest part, [the tie's second, open), holds those 410 and reads 5 pages,
// and can no longer be split after its third. Before its fifth page, 200 recordings arrive
// at its head: its fifth page is then what its third held, tied on createdAt with the last
// one folded, so nothing runs out of order; the part remembers the tie's keys, is
// contradicted, and the fold is read again: each recording once, as List keeps them. (The
// review saw 3,200 folded, 200 twice, from one start.)
func TestStreamedPartShiftedInsideATie(t *testing.T) {
	recs := withBulkTie(birdtest.SeedRecordingsAt(birdtest.SeedEpoch.Add(-234*time.Millisecond), 3000, 1), 10, 400)
	client, srv := newTestClient(t, 0, func(c *bird.Config) { c.ReadParallelism = 8 })
	srv.AddRecordings(testWorkspace, recs...)
	filter := bird.RecordingFilter{StartAt: "2020-01-01T00:00:00Z"}
	var mu sync.Mutex
	pages := 0 // of the newest part: no endAt, and a startAt of its own
	srv.Fail(birdtest.Fault{
		Only: func(r *http.Request) bool {
			q := r.URL.Query()
			if !strings.HasSuffix(r.URL.Path, "/recordings") || q.Has("endAt") || q.Has("sourceId") || q.Get("startAt") == filter.StartAt {
				return false
			}
			mu.Lock()
			defer mu.Unlock()
			pages++
			return pages == 5
		},
		Before: func(*http.Request) {
			srv.AddRecordings(testWorkspace, burst(200, birdtest.SeedEpoch.Add(time.Hour), 2)...)
		},
	}, 1)
	got, notes, starts := streamedBy(t, client, filter)
	t.Logf("folded %d (%d distinct) from %d starts, pages %d, notes %q", len(got), len(distinct(got)), starts, pages, notes)
	if d := distinct(got); len(d) != len(got) {
		t.Fatalf("Each folded %d recordings, %d of them twice, from %d starts, notes %q: List keeps each once", len(got), len(got)-len(d), starts, notes)
	}
	if starts > 1 {
		list := offsetList(t, srv.URL, 1, filter, 0)
		if !slices.Equal(distinct(got), distinct(recordingIDs(list.Items))) {
			t.Fatalf("Each read again and folded %d recordings; List returns %d", len(got), len(list.Items))
		}
	}
}

// burst returns n recordings as SeedRecordingsAt makes them, the newest created at newest
// and each 100 ms before the next, started 113 ms before it was created.
func burst(n int, newest time.Time, seed uint64) []bird.Recording {
	recs := birdtest.SeedRecordingsAt(newest, n, seed)
	for i := range recs {
		created := newest.Add(-time.Duration(i) * 100 * time.Millisecond)
		recs[i].CreatedAt, recs[i].StartedAt = offsetStamp(created), offsetStamp(created.Add(-113*time.Millisecond))
	}
	return recs
}

// TestStreamedReadKeepsNoPageToken: a streamed read's memory does not grow with its pages'
// tokens: Bird's docs allow a token of up to MaxPageTokenLength (8,000) characters, and
// with tokens of 4,000 (an encrypted cursor), a summary of 99,000 recordings (1,000 pages)
// once held about 4 MB of them at its end, kept to refuse a repeated one (the live heap
// sampled in the fold grew by 3,722 KB between its 100th page and its 1,000th). pages now
// keeps one token, Brent's check; a fold that keeps nothing grows by less than 1 MB here.
func TestStreamedReadKeepsNoPageToken(t *testing.T) {
	const pages, tokenLength = 1000, 4000
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	srv := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		offset := 0
		if tok := r.URL.Query().Get("pageToken"); tok != "" {
			if _, err := fmt.Sscanf(strings.TrimLeft(tok, "x"), "%d", &offset); err != nil {
				http.Error(w, "bad token", http.StatusUnprocessableEntity)
				return
			}
		}
		results := make([]bird.Recording, bird.MaxPageSize)
		for i := range results {
			n := offset + i
			created := newest.Add(-time.Duration(n) * time.Second)
			results[i] = bird.Recording{
				ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", n), Source: "call", Status: "available",
				CreatedAt: offsetStamp(created), UpdatedAt: offsetStamp(created.Add(time.Minute)),
				StartedAt: offsetStamp(created.Add(-time.Second)), EndedAt: offsetStamp(created.Add(time.Minute)),
			}
		}
		body := map[string]any{"results": results}
		if next := offset + len(results); next < pages*bird.MaxPageSize {
			tok := fmt.Sprint(next)
			body["nextPageToken"] = strings.Repeat("x", tokenLength-len(tok)) + tok
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	})
	client, err := bird.NewClient(bird.Config{Endpoint: srv, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 1})
	if err != nil {
		t.Fatal(err)
	}
	var at100, atEnd uint64
	folded := 0
	_, err = bird.Each(t.Context(), client, bird.RecordingFacts, testWorkspace, bird.RecordingFilter{}, func() func([]bird.RecordingFact) {
		folded = 0
		return func(page []bird.RecordingFact) {
			folded += len(page)
			switch folded / bird.MaxPageSize {
			case 100:
				at100 = liveHeap()
			case pages:
				atEnd = liveHeap()
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if grown := int64(atEnd) - int64(at100); folded != pages*bird.MaxPageSize || grown > 1<<20 {
		t.Fatalf("folded %d recordings; the live heap grew by %d KB from the 100th page to the %dth", folded, grown>>10, pages)
	}
}

// httptestServer serves h until the test ends and returns its URL.
func httptestServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestStreamedReadShiftedAmongAbsentTimestamps: the same where the timestamp that proved
// the order is absent. Bird orders recordings newest first by startedAt (its docs allow it;
// birdtest's Semantics.StartedAt), those that never started (no startedAt, birdtest's
// Shape.Unstarted) last, among themselves newest created first. The first page proves the
// order on startedAt (createdAt, set up to 5 minutes before, runs both ways); the read then
// enters the 300 unstarted ones, and 150 more arrive at their head before its fifth page.
// The results met again have no startedAt, like the one before them: a run of one absent
// timestamp, whose keys the streamed chain remembers, so it folds what List keeps for the
// same read, each of the 500 once, noting 150 met twice. (The review saw 602 folded.)
func TestStreamedReadShiftedAmongAbsentTimestamps(t *testing.T) {
	newest := time.Now().Add(-24 * time.Hour).Truncate(time.Minute) // well before the read began
	unstarted := func(prefix string, n int, newest time.Time) []bird.Recording {
		out := make([]bird.Recording, n)
		for i := range out {
			out[i] = startedRecording(fmt.Sprintf("%s-0000-4000-8000-%012d", prefix, i), newest.Add(-time.Duration(i)*time.Minute), time.Time{})
		}
		return out
	}
	world := func(t *testing.T) string {
		var items []bird.Recording
		for i := range 200 {
			started := newest.Add(-time.Duration(i) * time.Minute)
			items = append(items, startedRecording(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), started.Add(-time.Duration(i*37%300)*time.Second), started))
		}
		items = append(items, unstarted("11111111", 300, newest.Add(-time.Hour))...)
		fake := &offsetBird{items: items}
		fake.beforePage = func(b *offsetBird, served int) {
			if served == 4 { // before the fifth page: 150 arrive at the head of the unstarted ones
				b.items = slices.Concat(b.items[:200], unstarted("aaaaaaaa", 150, newest), b.items[200:])
			}
		}
		return fake.start(t).URL
	}
	list := offsetList(t, world(t), 1, bird.RecordingFilter{}, 0)
	got, notes, starts := streamed(t, world(t))
	if starts != 1 || !slices.Equal(got, recordingIDs(list.Items)) || !slices.Equal(notes, list.Notes) {
		t.Fatalf("Each folded %d recordings (%d distinct) from %d starts, notes %q; List returns %d for the same read, notes %q",
			len(got), len(distinct(got)), starts, notes, len(list.Items), list.Notes)
	}
}

// TestStreamedReadOfALiveWorkspaceReadsOnce: nothing changes during the read, and the
// newest recording started a second before it, as the newest of a busy workspace does.
// Bird orders newest first by startedAt (Semantics.StartedAt), so the first page proves the
// order on startedAt, not createdAt (set up to 5 minutes before it, which runs both ways).
// Newest first, a recording that moved goes behind the read, so a recent startedAt is no
// sign of a move: the read is read once, in List's 6 requests, whether Bird dates its
// answers or the client's clock dates the read. (The review saw 7 requests from 2 starts,
// the second keeping every key.)
func TestStreamedReadOfALiveWorkspaceReadsOnce(t *testing.T) {
	newest := time.Now().Add(-time.Second)
	var items []bird.Recording
	for i := range 500 {
		started := newest.Add(-time.Duration(i) * time.Minute)
		d := int64(60)
		created := started.Add(-time.Duration(i*37%300) * time.Second)
		items = append(items, bird.Recording{
			ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Source: "call", Status: "available", Duration: &d,
			CreatedAt: offsetStamp(created), UpdatedAt: offsetStamp(created.Add(time.Hour)),
			StartedAt: offsetStamp(started), EndedAt: offsetStamp(started.Add(time.Minute)),
		})
	}
	for _, noDate := range []bool{false, true} { // without a Date, by the client's own clock
		fake := &offsetBird{items: items, noDate: noDate}
		url := fake.start(t).URL
		moves := &fallbacks{about: "reading it again"}
		client, err := bird.NewClient(bird.Config{Endpoint: url, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 1, Logger: moves})
		if err != nil {
			t.Fatal(err)
		}
		got, notes, starts := streamedBy(t, client, bird.RecordingFilter{})
		first := fake.served
		list := offsetList(t, url, 1, bird.RecordingFilter{}, 0)
		pages := fake.served - first
		if starts != 1 || first != pages {
			t.Fatalf("without a Date header %v, with nothing changed, Each folded %d recordings from %d starts in %d requests (notes %q), because %q; List read %d in %d",
				noDate, len(got), starts, first, notes, moves.reasons, len(list.Items), pages)
		}
	}
}

// The tests below come from a second fresh-context review.

// TestStreamedReadSeesAResultMovedAheadInOrder: Bird answers oldest first by startedAt
// (Semantics.StartedAt with OldestFirst), those that never started first (as birdtest sorts
// an absent startedAt, the oldest). The first page proves the order on startedAt. Before the
// second page, one of the unstarted recordings the first page held is given a startedAt
// (the start of its call, written late, a day before the read) and an updatedAt of now:
// Bird's order moves it from behind the read to ahead of it, in order, with a startedAt
// long before the read began. Its updatedAt, later than the read's start, shows that it
// changed while the read ran: the streamed read reads again, as List reads. (A second
// fresh-context review saw 300 folded, 299 distinct, from one start, with no note.)
func TestStreamedReadSeesAResultMovedAheadInOrder(t *testing.T) {
	for _, noDate := range []bool{false, true} {
		t.Run(fmt.Sprint("without a Date header: ", noDate), func(t *testing.T) { movedAheadInOrder(t, noDate) })
	}
}

// movedAheadInOrder plays TestStreamedReadSeesAResultMovedAheadInOrder, from a Bird that sends
// no Date header when noDate, so that the read dates its start by its own clock.
func movedAheadInOrder(t *testing.T, noDate bool) {
	base := time.Now().Add(-48 * time.Hour).Truncate(time.Minute)
	world := func(t *testing.T) string {
		var items []bird.Recording
		for i := range 5 { // unstarted, created recently: first, oldest first by startedAt
			items = append(items, startedRecording(fmt.Sprintf("11111111-0000-4000-8000-%012d", i), base.Add(24*time.Hour+time.Duration(i)*time.Minute), time.Time{}))
		}
		for i := range 295 {
			started := base.Add(time.Duration(i) * time.Minute)
			items = append(items, startedRecording(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), started.Add(-2*time.Second), started))
		}
		fake := &offsetBird{items: items, noDate: noDate}
		fake.beforePage = func(b *offsetBird, served int) {
			if served == 1 { // before the second page: the first unstarted one started, long ago
				r := b.items[0]
				started := base.Add(200*time.Minute + 30*time.Second)
				r.StartedAt, r.EndedAt, r.UpdatedAt = offsetStamp(started), offsetStamp(started.Add(time.Minute)), offsetStamp(time.Now())
				rest := slices.Delete(slices.Clone(b.items), 0, 1)
				at := slices.IndexFunc(rest, func(x bird.Recording) bool { return x.StartedAt != "" && x.StartedAt > r.StartedAt })
				b.items = slices.Insert(rest, at, r)
			}
		}
		return fake.start(t).URL
	}
	url := world(t)
	got, notes, starts := streamed(t, url)
	now := offsetList(t, url, 1, bird.RecordingFilter{}, 0) // the workspace as it then is
	if starts != 2 || !slices.Equal(got, recordingIDs(now.Items)) || !slices.Equal(notes, now.Notes) {
		t.Fatalf("Each folded %d recordings (%d distinct) from %d starts, notes %q; List returns %d of the workspace as it then is, notes %q",
			len(got), len(distinct(got)), starts, notes, len(now.Items), now.Notes)
	}
}

// TestPagesFindALongLoop: Brent's check finds a cycle of λ tokens once the saved token lies
// in the cycle and λ more pages are read, so a Bird whose tokens cycle through 1,000 (a
// cursor that wraps) is read about 1,000 pages past the first repeat before the read fails,
// as pages' doc says, within twice the loop's length. (The review saw the first repeat at
// request 1,002 and the failure at 2,023.)
func TestPagesFindALongLoop(t *testing.T) {
	const period = 1000
	newest := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	requests, firstRepeat := 0, 0
	asked := map[string]bool{}
	srv := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		tok := r.URL.Query().Get("pageToken")
		mu.Lock()
		requests++
		if asked[tok] && firstRepeat == 0 {
			firstRepeat = requests
		}
		asked[tok] = true
		mu.Unlock()
		n := 0
		if tok != "" {
			n, _ = strconv.Atoi(tok)
		}
		created := newest.Add(-time.Duration(n) * time.Second)
		body := map[string]any{
			"results": []bird.Recording{{
				ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", n), Source: "call", Status: "available",
				CreatedAt: offsetStamp(created), UpdatedAt: offsetStamp(created.Add(time.Minute)),
			}},
			"nextPageToken": strconv.Itoa(n%period + 1), // 1, 2, ..., 1000, 1, 2, ...
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	})
	client, err := bird.NewClient(bird.Config{Endpoint: srv, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.ListRecordings(t.Context(), testWorkspace, bird.RecordingFilter{}, bird.ListOptions{})
	mu.Lock()
	defer mu.Unlock()
	t.Logf("err %v; first repeat at request %d, failed at request %d", err, firstRepeat, requests)
	if err == nil {
		t.Fatalf("a read of a looping chain of pages succeeded after %d requests", requests)
	}
	if late := requests - firstRepeat; late > 2*period {
		t.Fatalf("the first repeated token was asked for at request %d, and the read failed at request %d: %d pages past the first repeat, more than twice the loop's %d", firstRepeat, requests, late, period)
	}
}

// startedBird is a scripted Bird for a parallel read: List Recordings newest first by
// startedAt, startAt and endAt both bounding startedAt inclusively to the millisecond, the
// sourceId filter applied (so the probes can narrow to one recording and establish that),
// offset page tokens. before runs before each list page is answered (under mu), with its
// query, to change the data.
type startedBird struct {
	mu     sync.Mutex
	items  []bird.Recording // newest first by startedAt
	before func(b *startedBird, q map[string]string)
}

// sort puts the items back in Bird's order.
func (b *startedBird) sort() {
	slices.SortStableFunc(b.items, func(x, y bird.Recording) int { return -cmpString(x.StartedAt, y.StartedAt) })
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// start serves b until the test ends.
func (b *startedBird) start(t *testing.T) string {
	return httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		bound := func(name string) time.Time {
			tt, _ := time.Parse(time.RFC3339Nano, q.Get(name))
			return tt
		}
		startAt, endAt := bound("startAt"), bound("endAt")
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("pageToken"))
		b.mu.Lock()
		if b.before != nil && !q.Has("sourceId") {
			b.before(b, map[string]string{"startAt": q.Get("startAt"), "endAt": q.Get("endAt"), "pageToken": q.Get("pageToken")})
		}
		var match []bird.Recording
		for _, x := range b.items {
			at := offsetTime(x.StartedAt)
			if q.Has("sourceId") && x.SourceID != q.Get("sourceId") ||
				!startAt.IsZero() && (at.IsZero() || at.Before(startAt)) || !endAt.IsZero() && (at.IsZero() || at.After(endAt)) {
				continue
			}
			match = append(match, x)
		}
		b.mu.Unlock()
		writeOffsetPage(w, match, offset, limit)
	})
}

// TestStreamedPartsSeeAResultMovedToAnotherPart: the same in an opted-in parallel read
// (read_parallelism 4) that splits on startedAt. 3,000 recordings a second apart, each
// queued up to 10 minutes after it was created (so createdAt runs both ways, and the order
// is proven on startedAt, which both bounds compare, exactly: the read splits). When a part
// other than the oldest asks for its second page, the newest recording of that part (held
// with its first pages, then folded with them) has its startedAt rewritten to a time near
// the oldest end of the window, and its updatedAt to now: Bird's order moves it into the
// oldest part, ahead of that part's read. Its updatedAt contradicts the parallel read, and
// the fold is read again sequentially: each recording once. (The review saw 3,000 folded,
// 2,999 distinct, from one start.)
func TestStreamedPartsSeeAResultMovedToAnotherPart(t *testing.T) {
	const n = 3000
	newest := time.Now().Add(-24 * time.Hour).Truncate(time.Second).Add(-234 * time.Millisecond)
	fake := &startedBird{}
	for i := range n {
		started := newest.Add(-time.Duration(i) * time.Second)
		created := started.Add(-time.Duration(i*7919%600) * time.Second)
		d := int64(60)
		fake.items = append(fake.items, bird.Recording{
			ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Source: "call", SourceID: fmt.Sprintf("55555555-0000-4000-8000-%012d", i),
			Status: "available", Duration: &d,
			CreatedAt: offsetStamp(created), UpdatedAt: offsetStamp(created.Add(time.Hour)),
			StartedAt: offsetStamp(started), EndedAt: offsetStamp(started.Add(time.Minute)),
		})
	}
	filter := bird.RecordingFilter{StartAt: offsetStamp(newest.Add(-(n + 60) * time.Second))}
	pages := map[string]int{}
	moved := ""
	fake.before = func(b *startedBird, q map[string]string) {
		part := q["startAt"] + " " + q["endAt"]
		pages[part]++
		if moved != "" || q["endAt"] == "" || q["startAt"] == filter.StartAt || pages[part] != 2 {
			return
		}
		// The newest recording of this part, on its first page, moves into the oldest part.
		hi := offsetTime(q["endAt"])
		i := slices.IndexFunc(b.items, func(x bird.Recording) bool { return !offsetTime(x.StartedAt).After(hi) })
		started := offsetTime(b.items[len(b.items)-1].StartedAt).Add(40*time.Second + 500*time.Millisecond)
		b.items[i].StartedAt, b.items[i].EndedAt = offsetStamp(started), offsetStamp(started.Add(time.Minute))
		b.items[i].UpdatedAt = offsetStamp(time.Now())
		moved = b.items[i].ID
		b.sort()
	}
	url := fake.start(t)
	client, err := bird.NewClient(bird.Config{Endpoint: url, AccessKey: testKey, RequestsPerSecond: 1e6, ReadParallelism: 4})
	if err != nil {
		t.Fatal(err)
	}
	got, notes, starts := streamedBy(t, client, filter)
	fake.mu.Lock()
	t.Logf("moved %q; Each folded %d (%d distinct) from %d starts, notes %q; pages per part %v", moved, len(got), len(distinct(got)), starts, notes, pages)
	fake.mu.Unlock()
	if moved == "" {
		t.Fatal("the read did not split as the test expects: nothing moved")
	}
	if d := distinct(got); len(d) != len(got) {
		t.Fatalf("Each folded %d recordings, %d of them twice, from %d starts, notes %q: List keeps each once", len(got), len(got)-len(d), starts, notes)
	}
}

// startedRecording is a recording of a minute created at created, updated an hour later,
// and started at started, or never when started is zero.
func startedRecording(id string, created, started time.Time) bird.Recording {
	d := int64(60)
	r := bird.Recording{ID: id, Source: "call", Status: "available", Duration: &d, CreatedAt: offsetStamp(created), UpdatedAt: offsetStamp(created.Add(time.Hour))}
	if !started.IsZero() {
		r.StartedAt, r.EndedAt = offsetStamp(started), offsetStamp(started.Add(time.Minute))
	}
	return r
}
