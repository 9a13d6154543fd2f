package bird

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// retryableStatus lists the answers worth another try: rate limited, or a transient server
// fault. 400, 401, 403, 404, 422 and 501 will not change and are never retried.
var retryableStatus = map[int]bool{
	http.StatusTooManyRequests:     true,
	http.StatusInternalServerError: true,
	http.StatusBadGateway:          true,
	http.StatusServiceUnavailable:  true,
	http.StatusGatewayTimeout:      true,
}

// checkRetry decides whether an attempt is retried: on a retryable status, and on the
// connection errors that go-retryablehttp's default policy deems transient, never once ctx
// has ended.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		if resp != nil {
			_ = resp.Body.Close()
		}
		return false, ctx.Err()
	}
	if err != nil {
		if _, ok := hostNotFound(err); ok {
			return false, nil // DNS answered that the host does not exist: that will not change
		}
		retry, _ := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		if retry {
			c.logger.Debug(ctx, "Bird API request failed; retrying", map[string]any{"error": c.redact(err.Error())})
		}
		return retry, nil
	}
	if retryableStatus[resp.StatusCode] {
		c.logger.Debug(ctx, "Bird API answered a transient status; retrying", map[string]any{
			"status": resp.StatusCode, "retry_after": resp.Header.Get("Retry-After"),
		})
		return true, nil
	}
	return false, nil
}

// giveUp is go-retryablehttp's ErrorHandler, called when an attempt is not retried again. A
// response, even a retryable status after the last retry, goes back to get; an error becomes
// a NetworkError that says how many attempts were made. The only error that comes with a
// response is checkRetry's context error, and checkRetry has closed that response.
func (c *Client) giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if err == nil {
		return resp, nil
	}
	return nil, c.networkError(err, attempts)
}

// backoff waits what the server asks in Retry-After (seconds or an HTTP date), capped at
// maxWait, and otherwise an exponentially growing, fully jittered delay.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, maxWait)
		}
	}
	ceiling := minWait << min(attempt, 16)
	if ceiling <= 0 || ceiling > maxWait {
		ceiling = maxWait
	}
	// Full jitter between half the ceiling and the ceiling keeps parallel readers apart.
	return ceiling/2 + rand.N(ceiling/2+1) //nolint:gosec // jitter needs no cryptographic randomness
}

// retryAfter parses a Retry-After header given as seconds or as an HTTP date.
func retryAfter(header string, now time.Time) (time.Duration, bool) {
	if header == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(header, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		// Capped before the conversion, which would overflow into a negative wait.
		return time.Duration(min(secs, int64(maxRetryWait/time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(header); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
