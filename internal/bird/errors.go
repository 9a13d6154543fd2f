package bird

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
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
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
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

// excerpt returns the first bytes of body as valid UTF-8, with the key removed.
func (c *Client) excerpt(body []byte) string {
	if len(body) > bodyExcerptBytes {
		body = body[:bodyExcerptBytes]
	}
	s := strings.ToValidUTF8(string(body), string(utf8.RuneError))
	return c.redact(strings.TrimSpace(s))
}

// redact removes the access key, and any Authorization credential, from s.
func (c *Client) redact(s string) string {
	if c.accessKey != "" {
		s = strings.ReplaceAll(s, c.accessKey, "[redacted]")
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
