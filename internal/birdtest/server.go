// Package birdtest is an in-memory Bird API that keeps to the documented contract, for the
// provider's tests, the demo and the benchmarks.
//
// It checks "Authorization: AccessKey <key>", or "Bearer <token>" for the tokens it was given
// (401 otherwise), knows a set of workspaces (404 for any other), accepts limit from 1 to
// the endpoint's largest page (its listEndpoint's pageSize; 422 otherwise, 10 when absent),
// pages with opaque tokens and leaves nextPageToken out of the last page (or, with Quirks,
// sends it as null, or ends with an empty page). A page token is valid only with the
// filters and the limit it was issued for, the strictest reading of Bird's docs, which do
// not say; the client therefore keeps limit the same across a read. The recording metrics
// page their dailyStorageUsage map the same way. It validates every filter of its list
// endpoints (422 with a message for a bad UUID, enum, pattern or date-time), and logs every
// request it receives so that tests can assert what was sent. Faults can be injected to
// test what a client does with rate limits, outages, dropped bodies and garbage.
//
// It can also behave like the internet (SetLatency, and SetRateLimit, which answers 429
// beyond a number of requests per second to one workspace, as Bird does), and serve fresh
// presigned links to its own /media/ path (SignLinks).
//
// Where Bird's documentation is silent, these filter semantics are assumptions, and
// SetSemantics plays each plausible alternative:
//   - id ("the ID for the call") matches the sourceId of recordings whose source is "call";
//   - startAt and endAt bound createdAt, both inclusive (or half-open, [startAt, endAt); or
//     startedAt instead), compared to the millisecond (or truncated or rounded to the
//     second);
//   - results come newest first by that timestamp (or oldest first, or by the other
//     timestamp), recordings with the
//     same timestamp in the order they were added, whatever the query (or in an order that
//     differs from one window to another);
//   - from matches the originator's number, identity or contact identifier value, and to
//     the receiver's, exactly;
//   - filters combine with AND;
//   - in the calls log, channelId and tag may be repeated, and a call matches when any of
//     the values does (so do the channels list's channelIds); startAt and endAt bound a
//     call's createdAt (or, where the semantics take startedAt, its answeredAt), and calls
//     are ordered by it as recordings are.
package birdtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// Request is one request the server received.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	// Authorized says whether the request carried the right access key; the key itself is
	// never kept.
	Authorized bool
	UserAgent  string
	// Time is when the server received the request.
	Time time.Time
}

// Server is the in-memory Bird API, listening on a loopback port.
type Server struct {
	*httptest.Server
	accessKey string

	mu        sync.Mutex
	tokens    map[string]bool
	quirks    Quirks
	semantics Semantics
	signer    *linkSigner

	latency       time.Duration
	ratePerSecond int
	accepted      map[string][]time.Time // per workspace, within the last second
	refused       int

	workspaces map[string]*workspace
	requests   []Request
	faults     []Fault
	every      int
	everyFault Fault
	frozen     map[string][]byte // answers by request URI, once Freeze is called
}

// workspace holds one workspace's data: the objects of each list endpoint, by its name (in
// the order the server answers them, newest first), and the storage metrics.
type workspace struct {
	lists   map[string]any // *[]T
	metrics *bird.RecordingMetrics
}

// NewServer starts a server that accepts accessKey; Close stops it.
func NewServer(accessKey string) *Server {
	s := &Server{accessKey: accessKey, workspaces: map[string]*workspace{}, tokens: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /workspaces/{workspace}/recordings", serveList(s, recordingsList))
	mux.HandleFunc("GET /workspaces/{workspace}/recordings/{id}", serveGet(s, recordingsList, "recording"))
	mux.HandleFunc("GET /workspaces/{workspace}/transcriptions", serveList(s, transcriptionsList))
	mux.HandleFunc("GET /workspaces/{workspace}/transcriptions/{id}", serveGet(s, transcriptionsList, "transcription"))
	mux.HandleFunc("GET /workspaces/{workspace}/recording-metrics", s.getMetrics)
	mux.HandleFunc("GET /workspaces/{workspace}/channels", serveList(s, channelsList))
	mux.HandleFunc("GET /workspaces/{workspace}/channels/calls", serveList(s, callsList))
	mux.HandleFunc("GET /workspaces/{workspace}/channels/{id}", serveGet(s, channelsList, "channel"))
	mux.HandleFunc("GET /workspaces/{workspace}/channels/{channel}/calls/{id}", s.getCall)
	mux.HandleFunc("GET /workspaces/{workspace}/numbers-long-code", serveList(s, numbersList))
	mux.HandleFunc("GET /media/{kind}/{file}", s.serveMedia)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "NotFound", "no such endpoint")
	})
	s.Server = httptest.NewServer(s.serve(mux))
	return s
}

// AddRecordings stores recordings in a workspace, creating it when needed.
func (s *Server) AddRecordings(workspaceID string, recs ...bird.Recording) {
	addItems(s, workspaceID, recordingsList, recs...)
}

// Freeze makes the server answer each distinct successful request from a cache after the
// first time, so that benchmarks measure the client rather than this server's JSON encoding.
// The data must not change afterwards.
func (s *Server) Freeze() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.frozen = map[string][]byte{}
}

// serveMaybeFrozen answers from the cache when frozen, filling it on a miss.
func (s *Server) serveMaybeFrozen(next http.Handler, w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	frozen := s.frozen != nil
	body, hit := s.frozen[r.URL.RequestURI()]
	s.mu.Unlock()
	if !frozen {
		next.ServeHTTP(w, r)
		return
	}
	if !hit {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		body = rec.Body.Bytes()
		s.mu.Lock()
		s.frozen[r.URL.RequestURI()] = body
		s.mu.Unlock()
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// Requests returns a copy of the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// workspaceLocked returns a workspace, made on first use; s.mu must be held.
func (s *Server) workspaceLocked(id string) *workspace {
	ws, ok := s.workspaces[id]
	if !ok {
		ws = &workspace{lists: map[string]any{}}
		s.workspaces[id] = ws
	}
	return ws
}

// serve logs the request, applies an injected fault, checks the access key and the workspace,
// and hands the rest to next.
func (s *Server) serve(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		authorized := s.authorizedLocked(r.Header.Get("Authorization"))
		seq := len(s.requests)
		s.requests = append(s.requests, Request{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
			Authorized: authorized, UserAgent: r.UserAgent(), Time: time.Now(),
		})
		fault := s.nextFaultLocked(r)
		latency := s.latency
		limited := s.overRateLimitLocked(r.URL.Path, time.Now())
		s.mu.Unlock()

		if fault != nil && fault.Before != nil {
			fault.Before(r)
		}
		wait(r, latency)
		if limited {
			writeError(w, http.StatusTooManyRequests, "TooManyRequests", "more requests than the workspace's rate limit")
			return
		}
		if fault != nil && fault.apply(w, r, seq) {
			return
		}
		if strings.HasPrefix(r.URL.Path, "/media/") {
			next.ServeHTTP(w, r) // presigned: the link is the credential
			return
		}
		if !authorized {
			what := "access key"
			if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
				what = "access token"
			}
			writeError(w, http.StatusUnauthorized, "Unauthorized", "missing or invalid "+what)
			return
		}
		if fault == nil {
			s.serveMaybeFrozen(next, w, r)
			return
		}
		fw := &faultyWriter{ResponseWriter: w, fault: fault, request: r}
		next.ServeHTTP(fw, r)
		fw.flush()
	})
}

// AcceptToken makes the server accept "Authorization: Bearer <token>" as well as its key.
func (s *Server) AcceptToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = true
}

// authorizedLocked reports whether an Authorization header carries the access key or an
// accepted token; s.mu must be held.
func (s *Server) authorizedLocked(header string) bool {
	if token, ok := strings.CutPrefix(header, "Bearer "); ok {
		return s.tokens[token]
	}
	return header == "AccessKey "+s.accessKey
}

// lookup returns the workspace named in the request's path, or answers 404.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request) (*workspace, bool) {
	id := r.PathValue("workspace")
	s.mu.Lock()
	ws, ok := s.workspaces[id]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "NotFound", fmt.Sprintf("workspace %s not found", id))
	}
	return ws, ok
}

// writeError writes Bird's error body.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, map[string]string{"code": code, "message": message})
}

// writeJSON writes v as the JSON body of a status answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Quirks are answer shapes that Bird's documentation allows and a client must read alike.
type Quirks struct {
	// NullNextPageToken ends the last page with "nextPageToken": null instead of leaving it out.
	NullNextPageToken bool
	// NullResults answers an empty page with "results": null instead of [].
	NullResults bool
	// EmptyLastPage gives the last page of items a nextPageToken, to a page with no results.
	EmptyLastPage bool
	// FilterAfterPaging pages over every item and then filters each page, as a store that
	// scans with a filter does: a page holds the matches among limit items, and may be
	// short or empty while a token leads on.
	FilterAfterPaging bool
}

// SetQuirks makes the server answer in the shapes q asks for from now on.
func (s *Server) SetQuirks(q Quirks) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.quirks = q
}

// pageRequest is the paging part of a list request.
type pageRequest struct {
	limit, offset int
	scope         string
}

// parsePage reads limit (1 to largest) and pageToken, answering 422 for values the API
// refuses. A token is only valid for the same endpoint, filters and limit (scope) that
// produced it.
func parsePage(w http.ResponseWriter, r *http.Request, scope string, largest int) (pageRequest, bool) {
	p := pageRequest{limit: defaultLimit}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > largest {
			writeError(w, http.StatusUnprocessableEntity, "InvalidParameter", fmt.Sprintf("limit must be an integer from 1 to %d", largest))
			return p, false
		}
		p.limit = n
	}
	p.scope = scope + "&limit=" + strconv.Itoa(p.limit)
	if tok := r.URL.Query().Get("pageToken"); tok != "" {
		offset, ok := decodeToken(tok, p.scope)
		if !ok || len(tok) > bird.MaxPageTokenLength {
			writeError(w, http.StatusUnprocessableEntity, "InvalidParameter", "pageToken is not a token this endpoint issued for these parameters")
			return p, false
		}
		p.offset = offset
	}
	return p, true
}

// defaultLimit is the page size when a request sets no limit.
const defaultLimit = 10

// writePage answers one page of the items that match, with a nextPageToken unless it is
// the last, in the shapes q asks for, each item as show presents it. It walks only as far
// as the page needs.
func writePage[T any](w http.ResponseWriter, items []T, p pageRequest, q Quirks, match func(*T) bool, show func(T) T) {
	results, more := make([]T, 0, p.limit), false
	if q.FilterAfterPaging {
		for i := p.offset; i < min(p.offset+p.limit, len(items)); i++ {
			if match(&items[i]) {
				results = append(results, show(items[i]))
			}
		}
		writeJSON(w, http.StatusOK, pageBody(results, p, q, p.offset+p.limit < len(items)))
		return
	}
	seen := 0
	for i := range items {
		if !match(&items[i]) {
			continue
		}
		seen++
		if seen <= p.offset {
			continue
		}
		if len(results) == p.limit {
			more = true
			break
		}
		results = append(results, show(items[i]))
	}
	writeJSON(w, http.StatusOK, pageBody(results, p, q, more))
}

// pageBody is the JSON object of one page: results and, when there is more (or the quirks
// ask for an empty last page), the token of the next.
func pageBody[T any](results []T, p pageRequest, q Quirks, more bool) map[string]any {
	body := map[string]any{"results": results}
	if len(results) == 0 && q.NullResults {
		body["results"] = nil
	}
	switch {
	case more || q.EmptyLastPage && len(results) > 0:
		body["nextPageToken"] = encodeToken(p.offset+p.limit, p.scope)
	case q.NullNextPageToken:
		body["nextPageToken"] = nil
	}
	return body
}

// encodeToken makes an opaque page token for an offset within a scope.
func encodeToken(offset int, scope string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(offset) + "\x00" + scope))
}

// decodeToken reads a token made by encodeToken for the same scope.
func decodeToken(tok, scope string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	num, tokScope, ok := strings.Cut(string(raw), "\x00")
	if !ok || tokScope != scope {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	return n, err == nil && n >= 0
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// queryChecker validates query parameters, answering 422 for the first bad one.
type queryChecker struct {
	q   url.Values
	err string
}

// uuid returns a UUID parameter.
func (c *queryChecker) uuid(name string) string {
	v := c.q.Get(name)
	if v != "" && !uuidPattern.MatchString(v) && c.err == "" {
		c.err = fmt.Sprintf("%s must be a UUID, got %q", name, v)
	}
	return v
}

// uuids returns a repeated parameter whose every value must be a UUID.
func (c *queryChecker) uuids(name string) []string {
	for _, v := range c.q[name] {
		if !uuidPattern.MatchString(v) && c.err == "" {
			c.err = fmt.Sprintf("%s must be UUIDs, got %q", name, v)
		}
	}
	return c.q[name]
}

// pattern returns a parameter that must match re.
func (c *queryChecker) pattern(name string, re *regexp.Regexp) string {
	v := c.q.Get(name)
	if v != "" && !re.MatchString(v) && c.err == "" {
		c.err = fmt.Sprintf("%s must match %s, got %q", name, re, v)
	}
	return v
}

// enum returns a parameter that must be one of allowed.
func (c *queryChecker) enum(name string, allowed []string) string {
	v := c.q.Get(name)
	if v != "" && !slices.Contains(allowed, v) && c.err == "" {
		c.err = fmt.Sprintf("%s must be one of %s, got %q", name, strings.Join(allowed, ", "), v)
	}
	return v
}

// dateTime returns a date-time parameter, zero when absent.
func (c *queryChecker) dateTime(name string) time.Time {
	v := c.q.Get(name)
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil && c.err == "" {
		c.err = fmt.Sprintf("%s must be an RFC 3339 date-time, got %q", name, v)
	}
	return t
}

// ok answers 422 when a parameter was bad.
func (c *queryChecker) ok(w http.ResponseWriter) bool {
	if c.err != "" {
		writeError(w, http.StatusUnprocessableEntity, "InvalidParameter", c.err)
		return false
	}
	return true
}

// getByID answers the item whose id matches, as show presents it, or 404.
func getByID[T any](w http.ResponseWriter, r *http.Request, items []T, idOf func(*T) string, show func(T) T, kind string) {
	id := r.PathValue("id")
	if !uuidPattern.MatchString(id) {
		writeError(w, http.StatusUnprocessableEntity, "InvalidParameter", fmt.Sprintf("%sId must be a UUID, got %q", kind, id))
		return
	}
	for i := range items {
		if idOf(&items[i]) == id {
			writeJSON(w, http.StatusOK, show(items[i]))
			return
		}
	}
	writeError(w, http.StatusNotFound, "NotFound", fmt.Sprintf("%s %s not found", kind, id))
}
