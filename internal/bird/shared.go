package bird

import (
	"context"
	"sync"
	"time"
)

// linkReuse is how old a shared result that carries presigned links may be and still be
// reused: the links expire 600 seconds after they were issued, so a reused one has at least
// five minutes left.
const linkReuse = 5 * time.Minute

// sharedReads makes identical list reads of one client (one provider process, so one
// Terraform operation) cost one read: a read in flight is waited on, and a finished one is
// reused, unless its results carry presigned links older than linkReuse. Errors are not
// kept.
//
// A read in flight belongs to no caller: it runs under a context of its own, which keeps
// the first caller's values (its logger) but none of its deadlines, and each caller waits
// under its own context. So a caller with a short timeouts.read gives up alone, with its
// own error, while the read goes on for those still waiting; when the last of them gives
// up, the read is cancelled.
type sharedReads struct {
	now      func() time.Time // time.Now when nil
	mu       sync.Mutex
	done     map[string]sharedRead
	inFlight map[string]*flight
}

// clock returns the current time.
func (s *sharedReads) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// sharedRead is a finished read: its result, when it started, and whether it carries links.
type sharedRead struct {
	value  any
	at     time.Time
	linked bool
}

// flight is a read in progress and the callers waiting on it.
type flight struct {
	finished chan struct{} // closed once value and err are set
	value    any
	err      error
	waiting  int
	cancel   context.CancelFunc
}

// shared returns the result of the read identified by key: a finished one still fresh, the
// one in flight, or a new one made by read. linked says whether a result carries links. It
// returns ctx's error as soon as ctx ends, whatever the read is doing. A nil s shares
// nothing. V is what is shared: a list's listing, or a summary's folded value (Fold), never
// the facts it was folded from.
func shared[V any](ctx context.Context, s *sharedReads, key string, linked func(V) bool, read func(context.Context) (V, error)) (V, error) {
	var none V
	if s == nil {
		return read(ctx)
	}
	s.mu.Lock()
	if r, ok := s.done[key]; ok && (!r.linked || s.clock().Sub(r.at) < linkReuse) {
		s.mu.Unlock()
		return r.value.(V), nil //nolint:forcetypeassert // only shared[V] stores under a key that names V
	}
	f, ok := s.inFlight[key]
	if !ok {
		f = startShared(s, ctx, key, linked, read)
	}
	f.waiting++
	s.mu.Unlock()

	select {
	case <-f.finished:
		if f.err != nil {
			return none, f.err
		}
		return f.value.(V), nil //nolint:forcetypeassert // as above
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		if f.waiting--; f.waiting == 0 {
			f.cancel() // nobody waits any more
			if s.inFlight[key] == f {
				delete(s.inFlight, key) // a later caller starts afresh
			}
		}
		return none, ctx.Err()
	}
}

// startShared starts the read identified by key; s.mu must be held.
func startShared[V any](s *sharedReads, ctx context.Context, key string, linked func(V) bool, read func(context.Context) (V, error)) *flight {
	readCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f := &flight{finished: make(chan struct{}), cancel: cancel}
	if s.inFlight == nil {
		s.inFlight = map[string]*flight{}
	}
	s.inFlight[key] = f
	start := s.clock()
	go func() {
		defer cancel()
		value, err := read(readCtx)
		s.mu.Lock()
		defer s.mu.Unlock()
		f.value, f.err = value, err
		if s.inFlight[key] == f {
			delete(s.inFlight, key)
			if err == nil {
				if s.done == nil {
					s.done = map[string]sharedRead{}
				}
				s.done[key] = sharedRead{value: value, at: start, linked: linked(value)}
			}
		}
		close(f.finished)
	}()
	return f
}
