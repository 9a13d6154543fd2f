package bird

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func TestSharedReadsReuseUntilLinksGrowOld(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s := &sharedReads{now: func() time.Time { return now }}
	reads := 0
	read := func(link string) func() (*Listing[Recording], error) {
		return func() (*Listing[Recording], error) {
			reads++
			return &Listing[Recording]{Items: []Recording{{ID: "a", URL: link}}}, nil
		}
	}
	linked := anyLinked(func(r *Recording) string { return r.URL })
	for _, step := range []struct {
		advance   time.Duration
		key, link string
		reads     int
	}{
		{0, "with links", "https://x/a.mp3", 1},
		{4 * time.Minute, "with links", "https://x/a.mp3", 1}, // reused: the links have 6 minutes left
		{2 * time.Minute, "with links", "https://x/a.mp3", 2}, // 6 minutes old: read again
		{0, "without links", "", 3},
		{time.Hour, "without links", "", 3}, // nothing expires
	} {
		now = now.Add(step.advance)
		if _, err := shared(s, step.key, linked, read(step.link)); err != nil {
			t.Fatal(err)
		}
		if reads != step.reads {
			t.Fatalf("after %s of %q: %d reads, want %d", step.advance, step.key, reads, step.reads)
		}
	}
}

func TestSharedReadsKeepNoErrors(t *testing.T) {
	s := &sharedReads{}
	calls := 0
	fail := func() (*Listing[Recording], error) { calls++; return nil, errors.New("down") }
	for range 2 {
		if _, err := shared(s, "k", anyLinked(func(r *Recording) string { return r.URL }), fail); err == nil {
			t.Fatal("want the error")
		}
	}
	if calls != 2 {
		t.Fatalf("%d reads, want 2: a failed read is not kept", calls)
	}
}

func TestSharedReadsConcurrentIdenticalReadsReadOnce(t *testing.T) {
	s := &sharedReads{}
	release := make(chan struct{})
	started := make(chan struct{})
	reads := 0
	read := func() (*Listing[Recording], error) { //nolint:unparam // the signature shared asks for
		reads++
		close(started)
		<-release
		return &Listing[Recording]{}, nil
	}
	var wg sync.WaitGroup
	wg.Go(func() { _, _ = shared(s, "k", anyLinked(func(r *Recording) string { return r.URL }), read) })
	<-started
	done := make(chan struct{})
	go func() {
		_, _ = shared(s, "k", anyLinked(func(r *Recording) string { return r.URL }), read)
		close(done)
	}()
	close(release)
	wg.Wait()
	<-done
	if reads != 1 {
		t.Fatalf("%d reads, want 1", reads)
	}
}
