package birdtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Fault is a misbehaviour the server shows instead of, or on top of, a normal answer.
type Fault struct {
	// Status answers this status with Bird's error body, such as 429 or 503.
	Status int
	// RetryAfter, with Status, sets the Retry-After header.
	RetryAfter string
	// Body answers this raw body (with status 200 unless Status is set) and ContentType.
	Body        string
	ContentType string
	// OversizeBytes answers a 200 JSON body at least this large.
	OversizeBytes int
	// Reset closes the connection without an answer.
	Reset bool
	// Hang answers nothing until the client gives up.
	Hang bool
	// Truncate cuts the normal answer in half, and says so in Content-Length: a short body.
	Truncate bool
	// DropBody announces the normal answer's full Content-Length, sends half of the body and
	// closes the connection, as a connection that drops mid-download does.
	DropBody bool
	// StallBody announces the normal answer's full Content-Length, sends half of the body
	// and then nothing more until the client gives up: a download slower than any timeout.
	StallBody bool
	// EmptyPage answers a page with no results and a fresh nextPageToken.
	EmptyPage bool
	// RepeatToken answers the normal page with a nextPageToken equal to the request's own.
	RepeatToken bool
	// Before, when set, runs before the answer to the request, outside the server's lock: to
	// change the data between two pages, as Bird's changes while a read pages through it.
	Before func(*http.Request)
	// Only, when set, limits the fault to the requests it accepts; the others are answered
	// normally and do not use the fault up.
	Only func(*http.Request) bool
}

// Fail makes the next n requests show fault f.
func (s *Server) Fail(f Fault, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, f)
	}
}

// ClearFaults drops the faults not shown yet and stops FailEvery.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults, s.every = nil, 0
}

// FailEvery makes every n-th request from now on show fault f; n = 0 stops it.
func (s *Server) FailEvery(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.every, s.everyFault = n, f
}

// nextFaultLocked returns the fault request r shows, if any.
func (s *Server) nextFaultLocked(r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.accepts(r) {
			s.faults = slices.Delete(s.faults, i, i+1)
			return &f
		}
	}
	if s.every > 0 && len(s.requests)%s.every == 0 && s.everyFault.accepts(r) {
		f := s.everyFault
		return &f
	}
	return nil
}

// accepts reports whether the fault applies to r.
func (f *Fault) accepts(r *http.Request) bool { return f.Only == nil || f.Only(r) }

// apply answers r, the seq-th request, with the fault when it replaces the normal answer, and
// reports whether it did.
func (f *Fault) apply(w http.ResponseWriter, r *http.Request, seq int) bool {
	switch {
	case f.Reset:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
			}
		}
		return true
	case f.Hang:
		<-r.Context().Done()
		return true
	case f.Body != "":
		if f.ContentType != "" {
			w.Header().Set("Content-Type", f.ContentType)
		}
		w.WriteHeader(max(f.Status, http.StatusOK))
		_, _ = w.Write([]byte(f.Body))
		return true
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		writeError(w, f.Status, http.StatusText(f.Status), "injected fault")
		return true
	case f.EmptyPage:
		writeJSON(w, http.StatusOK, map[string]any{"results": []any{}, "nextPageToken": encodeToken(seq, "empty")})
		return true
	case f.OversizeBytes > 0:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"results":[],"padding":"` + strings.Repeat("x", f.OversizeBytes) + `"}`))
		return true
	}
	return false
}

// faultyWriter applies the faults that alter a normal answer: it buffers the body and
// rewrites it when the handler is done.
type faultyWriter struct {
	http.ResponseWriter
	fault   *Fault
	request *http.Request
	status  int
	buf     bytes.Buffer
}

// WriteHeader holds the status until the body is rewritten.
func (w *faultyWriter) WriteHeader(status int) { w.status = status }

// Write buffers the body.
func (w *faultyWriter) Write(p []byte) (int, error) { return w.buf.Write(p) }

// flush writes the altered answer.
func (w *faultyWriter) flush() {
	body := w.buf.Bytes()
	if w.fault.RepeatToken {
		if tok := w.request.URL.Query().Get("pageToken"); tok != "" {
			var page map[string]json.RawMessage
			if json.Unmarshal(body, &page) == nil {
				page["nextPageToken"], _ = json.Marshal(tok)
				body, _ = json.Marshal(page)
			}
		}
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	switch {
	case w.fault.DropBody, w.fault.StallBody:
		w.ResponseWriter.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.ResponseWriter.WriteHeader(w.status)
		_, _ = w.ResponseWriter.Write(body[:len(body)/2])
		_ = http.NewResponseController(w.ResponseWriter).Flush()
		if w.fault.StallBody {
			<-w.request.Context().Done()
		}
		panic(http.ErrAbortHandler) // the server closes the connection, and logs nothing
	case w.fault.Truncate:
		body = body[:len(body)/2]
	}
	w.ResponseWriter.WriteHeader(w.status)
	_, _ = w.ResponseWriter.Write(body)
}
