package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskKey returns ctx with the access key masked out of every log line's message and fields,
// and with fields that could carry it masked whatever their value.
func maskKey(ctx context.Context, accessKey string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "access_key", "authorization", "Authorization")
	if accessKey == "" {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, accessKey)
	return tflog.MaskMessageStrings(ctx, accessKey)
}

// tflogAdapter sends the Bird client's log lines to tflog, with the key masked.
type tflogAdapter struct {
	accessKey string
}

// Debug logs one line of the client at debug level.
func (a tflogAdapter) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(maskKey(ctx, a.accessKey), msg, fields)
}
