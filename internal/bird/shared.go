package bird

import (
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// linkReuse is how old a shared result that carries presigned links may be and still be
// reused: the links expire 600 seconds after they were issued, so a reused one has at least
// five minutes left.
const linkReuse = 5 * time.Minute

// sharedReads makes identical list reads of one client (one provider process, so one
// Terraform operation) cost one read: a read in flight is waited on, and a finished one is
// reused, unless its results carry presigned links older than linkReuse. Errors are not
// kept.
type sharedReads struct {
	flight singleflight.Group
	now    func() time.Time // time.Now when nil
	mu     sync.Mutex
	done   map[string]sharedRead
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

// shared returns the result of the read identified by key: a finished one still fresh, the
// one in flight, or a new one made by read. linked says whether a result carries links. A
// nil s shares nothing.
func shared[T any](s *sharedReads, key string, linked func(*Listing[T]) bool, read func() (*Listing[T], error)) (*Listing[T], error) {
	if s == nil {
		return read()
	}
	s.mu.Lock()
	r, ok := s.done[key]
	s.mu.Unlock()
	if ok && (!r.linked || s.clock().Sub(r.at) < linkReuse) {
		return r.value.(*Listing[T]), nil //nolint:forcetypeassert // only shared[T] stores under a key of T's endpoint
	}
	v, err, _ := s.flight.Do(key, func() (any, error) {
		start := s.clock()
		listing, err := read()
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.done == nil {
			s.done = map[string]sharedRead{}
		}
		s.done[key] = sharedRead{value: listing, at: start, linked: linked(listing)}
		return listing, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Listing[T]), nil //nolint:forcetypeassert // as above
}
