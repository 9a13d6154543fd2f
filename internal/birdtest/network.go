package birdtest

import (
	"net/http"
	"strings"
	"time"
)

// SetLatency makes the server wait d before answering each request, as a server across the
// internet does; the wait ends early when the client gives up.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetRateLimit makes the server answer 429, as Bird does, to a request that would be more
// than perSecond requests to one workspace within any one second; zero turns it off.
// Refused requests do not count against the limit.
func (s *Server) SetRateLimit(perSecond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ratePerSecond = perSecond
	s.accepted = map[string][]time.Time{}
}

// RateLimited returns how many requests the rate limit has refused.
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// overRateLimitLocked reports whether a request to path at now passes the rate limit, and
// counts it when it does not; s.mu must be held.
func (s *Server) overRateLimitLocked(path string, now time.Time) bool {
	if s.ratePerSecond <= 0 {
		return false
	}
	ws := strings.SplitN(strings.TrimPrefix(path, "/workspaces/"), "/", 2)[0]
	recent := s.accepted[ws]
	for len(recent) > 0 && now.Sub(recent[0]) >= time.Second {
		recent = recent[1:]
	}
	if len(recent) >= s.ratePerSecond {
		s.accepted[ws] = recent
		s.refused++
		return true
	}
	s.accepted[ws] = append(recent, now)
	return false
}

// wait waits d, or until the client gives up on r.
func wait(r *http.Request, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}
