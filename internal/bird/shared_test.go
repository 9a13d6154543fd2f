package bird

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"
)

func TestSharedReadsReuseUntilLinksGrowOld(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s := &sharedReads{now: func() time.Time { return now }}
	reads := 0
	read := func(link string) func(context.Context) (*Listing[Recording], error) {
		return func(context.Context) (*Listing[Recording], error) {
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
		if _, err := shared(t.Context(), s, step.key, linked, read(step.link)); err != nil {
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
	fail := func(context.Context) (*Listing[Recording], error) { calls++; return nil, errors.New("down") }
	for range 2 {
		if _, err := shared(t.Context(), s, "k", anyLinked(func(r *Recording) string { return r.URL }), fail); err == nil {
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
	read := func(context.Context) (*Listing[Recording], error) { //nolint:unparam // the signature shared asks for
		reads++
		close(started)
		<-release
		return &Listing[Recording]{}, nil
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		_, _ = shared(t.Context(), s, "k", anyLinked(func(r *Recording) string { return r.URL }), read)
	})
	<-started
	done := make(chan struct{})
	go func() {
		_, _ = shared(t.Context(), s, "k", anyLinked(func(r *Recording) string { return r.URL }), read)
		close(done)
	}()
	close(release)
	wg.Wait()
	<-done
	if reads != 1 {
		t.Fatalf("%d reads, want 1", reads)
	}
}

func TestSharedReadsEachCallerWaitsUnderItsOwnContext(t *testing.T) {
	s := &sharedReads{}
	started, release := make(chan struct{}), make(chan struct{})
	readErr := make(chan error, 1)
	read := func(ctx context.Context) (*Listing[Recording], error) {
		close(started)
		select {
		case <-release:
			return &Listing[Recording]{Items: []Recording{{ID: "a"}}}, nil
		case <-ctx.Done():
			readErr <- ctx.Err()
			return nil, ctx.Err()
		}
	}
	linked := anyLinked(func(r *Recording) string { return r.URL })

	impatient, giveUp := context.WithCancel(t.Context())
	impatientErr := make(chan error, 1)
	go func() {
		_, err := shared(impatient, s, "k", linked, read)
		impatientErr <- err
	}()
	<-started
	patient := make(chan *Listing[Recording], 1)
	go func() {
		l, err := shared(t.Context(), s, "k", linked, read)
		if err != nil {
			t.Error(err)
		}
		patient <- l
	}()
	waitFor(t, s, "k", 2)
	giveUp()
	if err := <-impatientErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("the impatient caller got %v, want its own context's error", err)
	}
	select {
	case err := <-readErr:
		t.Fatalf("the read ended with %v while a caller still waited on it", err)
	default:
	}
	close(release)
	if l := <-patient; l == nil || len(l.Items) != 1 {
		t.Fatalf("the patient caller got %v, want the read's result", l)
	}
}

func TestSharedReadsCancelTheReadWhenNobodyWaits(t *testing.T) {
	s := &sharedReads{}
	started := make(chan struct{})
	readErr := make(chan error, 1)
	read := func(ctx context.Context) (*Listing[Recording], error) { //nolint:unparam // the signature shared asks for
		close(started)
		<-ctx.Done()
		readErr <- ctx.Err()
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := shared(ctx, s, "k", anyLinked(func(r *Recording) string { return r.URL }), read)
		done <- err
	}()
	<-started
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the caller's context error", err)
	}
	if err := <-readErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("the read ended with %v, want cancelled once nobody waits", err)
	}
}

// waitFor blocks until n callers wait on the read in flight under key.
func waitFor(t *testing.T, s *sharedReads, key string, n int) {
	t.Helper()
	for {
		s.mu.Lock()
		f := s.inFlight[key]
		waiting := 0
		if f != nil {
			waiting = f.waiting
		}
		s.mu.Unlock()
		if waiting == n {
			return
		}
		runtime.Gosched()
	}
}
