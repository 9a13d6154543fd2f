package bird

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// bodyExcerptBytes is how much of an unexpected body an error quotes.
const bodyExcerptBytes = 200

// APIError is an answer of the API other than 200 OK.
type APIError struct {
	// Method and Path name the request; Path is below the endpoint and never holds the key.
	Method string
	Path   string
	// StatusCode is the HTTP status.
	StatusCode int
	// Code and Message are Bird's error body, when it sent one.
	Code    string
	Message string
	// Body is the start of a body that was not Bird's error object, with the key removed.
	Body string
}

// Error describes the failed request, its status and Bird's explanation.
func (e *APIError) Error() string {
	var b strings.Builder
	status := http.StatusText(e.StatusCode)
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, status)
	// Bird's code often restates the status ("NotFound" after "Not Found"): say it once.
	if e.Code != "" && !sameWords(e.Code, status) {
		fmt.Fprintf(&b, ": %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Code == "" && e.Message == "" && e.Body != "" {
		fmt.Fprintf(&b, ": body %q", e.Body)
	}
	return b.String()
}

// sameWords reports whether two phrases differ only in case and spacing.
func sameWords(a, b string) bool {
	squash := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	return squash(a) == squash(b)
}

// IsNotFound reports whether err is an APIError with status 404.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// apiError builds the APIError for a response other than 200.
func (c *Client) apiError(path string, resp *http.Response, body []byte) error {
	e := &APIError{Method: http.MethodGet, Path: path, StatusCode: resp.StatusCode}
	var payload struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &payload) == nil && (payload.Code != "" || payload.Message != "") {
		e.Code, e.Message = c.redact(payload.Code), c.redact(payload.Message)
	} else {
		e.Body = c.excerpt(body)
	}
	return e
}

// NetworkError is a request that got no usable answer: the connection failed, the body was
// cut short, or the request timeout passed, on every attempt.
type NetworkError struct {
	// Method and Path name the request.
	Method string
	Path   string
	// Attempts is how many times the request was sent; more than one means it was retried.
	Attempts int
	// Elapsed is how long the attempts and the waits between them took, zero when unknown.
	Elapsed time.Duration
	// Err is the last attempt's error.
	Err error
	// detail is Err's text without the request's URL and with every credential removed.
	detail string
}

// Error describes the request, what went wrong and, when it was retried, how often and over
// how long.
func (e *NetworkError) Error() string {
	detail := e.detail
	if detail == "" && e.Err != nil {
		detail = e.Err.Error()
	}
	msg := fmt.Sprintf("%s %s: %s", e.Method, e.Path, detail)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (tried %d times", e.Attempts)
		if e.Elapsed > 0 {
			msg += " over " + e.Elapsed.Round(100*time.Millisecond).String()
		}
		msg += ")"
	}
	return msg
}

// Unwrap returns the last attempt's error.
func (e *NetworkError) Unwrap() error { return e.Err }

// HostNotFound returns the host name that DNS says does not exist, when that is the error.
func (e *NetworkError) HostNotFound() (string, bool) {
	return hostNotFound(e.Err)
}

// hostNotFound returns the name in a DNS answer that the host does not exist.
func hostNotFound(err error) (string, bool) {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return dnsErr.Name, true
	}
	return "", false
}

// networkError builds the NetworkError of a request that failed after attempts.
func (c *Client) networkError(err error, attempts int) *NetworkError {
	inner := err
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		inner = urlErr.Err // the path is said once, by Error
	}
	return &NetworkError{Method: http.MethodGet, Attempts: attempts, Err: err, detail: c.redact(inner.Error())}
}

// ResponseError is a 200 answer the client cannot use: not JSON, cut short, too large, or
// paging that does not end.
type ResponseError struct {
	// Method and Path name the request.
	Method string
	Path   string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Reason says what is wrong with it.
	Reason string
	// Body is the start of the body, with the key removed.
	Body string
	// Paging says that the pages would not end: a repeated token, or too many empty pages.
	Paging bool
}

// Error describes the request, the status, what is wrong and the start of the body.
func (e *ResponseError) Error() string {
	msg := fmt.Sprintf("%s %s: %d %s: %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode), e.Reason)
	if e.Body != "" {
		msg += fmt.Sprintf("; the body starts with %q", e.Body)
	}
	return msg
}

// responseError builds the ResponseError for an unusable 200 answer.
func (c *Client) responseError(path string, resp *http.Response, body []byte, reason string) error {
	return &ResponseError{Method: http.MethodGet, Path: path, StatusCode: resp.StatusCode, Reason: reason, Body: c.excerpt(body)}
}

// excerpt returns the start of body as valid UTF-8, at most bodyExcerptBytes long. Every
// credential is removed from the whole body before it is cut, so that no credential that
// straddles the cut can leave a fragment; the cut falls on a rune boundary.
func (c *Client) excerpt(body []byte) string {
	s := c.redact(strings.ToValidUTF8(string(body), string(utf8.RuneError)))
	s = strings.TrimSpace(s)
	if len(s) > bodyExcerptBytes {
		cut := bodyExcerptBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// redact removes the credentials, and anything after an Authorization scheme, from s.
func (c *Client) redact(s string) string {
	for _, secret := range c.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return redactAuthorization(s)
}

// redactAuthorization replaces the credential after "AccessKey " or "Bearer " in s.
func redactAuthorization(s string) string {
	for _, scheme := range []string{"AccessKey ", "Bearer "} {
		var out strings.Builder
		rest := s
		for {
			i := strings.Index(rest, scheme)
			if i < 0 {
				break
			}
			out.WriteString(rest[:i+len(scheme)])
			out.WriteString("[redacted]")
			rest = rest[i+len(scheme):]
			end := strings.IndexAny(rest, " \t\r\n\"',;")
			if end < 0 {
				end = len(rest)
			}
			rest = rest[end:]
		}
		out.WriteString(rest)
		s = out.String()
	}
	return s
}
