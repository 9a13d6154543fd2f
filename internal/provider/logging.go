package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskSecrets returns ctx with the credentials masked out of every log line's message and
// fields, and with fields that could carry them masked whatever their value.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "access_key", "access_token", "authorization", "Authorization")
	for _, s := range secrets {
		if s != "" {
			ctx = tflog.MaskAllFieldValuesStrings(ctx, s)
			ctx = tflog.MaskMessageStrings(ctx, s)
		}
	}
	return ctx
}

// tflogAdapter sends the Bird client's log lines to tflog, with the credentials masked.
type tflogAdapter struct {
	secrets []string
}

// Debug logs one line of the client at debug level.
func (a tflogAdapter) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(maskSecrets(ctx, a.secrets...), msg, fields)
}
