package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// mapping says how one kind of API object becomes a Terraform value: its computed
// attributes, the one definition of them (no attribute here may be sensitive or of a
// custom type: either, nested in a list, makes Terraform's work quadratic), and encode,
// which writes an object as a value of the type derived from them, its attributes in the
// order tftypes writes them. TestMappingsEncodeTheirSchema decodes a full and an empty
// object of every mapping with the schema's type, which fails on a missing, extra or
// miscounted attribute.
type mapping[T any] struct {
	attributes func() map[string]schema.Attribute
	encode     func(*msgpackWriter, *T)
}

// tfType is the tftypes form of the mapping's object type.
func (m mapping[T]) tfType() tftypes.Type {
	return objectTypeOf(m.attributes()).TerraformType(context.Background())
}

// protocolMessageCap is terraform-plugin-go's limit on one gRPC message (grpcMaxMessageSize).
const protocolMessageCap = 256 << 20

// maxStateBytes is the largest encoded list a read answers: the cap, less room for the
// configuration's attributes and the diagnostics that travel in the same message.
const maxStateBytes = protocolMessageCap - 8<<20

// listResult holds the computed attributes of a list data source, encoded.
type listResult struct {
	items, ids, urls []byte
	count            int
	truncated        bool
	links            bool // the objects may carry links: urls is an attribute
}

// size is how many bytes the encoded attributes take.
func (r listResult) size() int { return len(r.items) + len(r.ids) + len(r.urls) }

// tooLarge reports a result that would not fit in one protocol message: Terraform would get
// a gRPC error that names neither the data source nor a way out.
func (r listResult) tooLarge(limit int, what string, diags *diag.Diagnostics) bool {
	if r.size() <= limit {
		return false
	}
	ways := "narrow the filters, split a time window (start_at, end_at) over several data sources, or set max_results"
	if r.links {
		ways = "narrow the filters, split a time window (start_at, end_at) over several data sources, set max_results, or leave include_urls unset (each link adds about 1.6 KB)"
	}
	diags.AddError("Too many Bird "+what+" for one read",
		fmt.Sprintf("The %d %s read encode to %.1f MiB of state, more than the %.0f MiB that one answer of a provider to Terraform may carry. Read fewer at once: %s. Nothing was written to state.",
			r.count, what, float64(r.size())/(1<<20), float64(limit)/(1<<20), ways))
	return true
}

// collect encodes the items of a listing into the list of their values and of their IDs,
// and, when includeURLs, a map from ID to presigned link that leaves out items without one
// (null otherwise); truncated is the listing's.
func collect[T any, F bird.Filter](l *bird.Listing[T], m mapping[T], e *bird.Endpoint[T, F], includeURLs bool) listResult {
	var items, ids, urls msgpackWriter
	linked := map[string]bool{}
	for i := range l.Items {
		item := &l.Items[i]
		m.encode(&items, item)
		id := e.ID(item)
		ids.optString(id)
		if includeURLs {
			if link := e.Link(item); link != "" && !linked[id] {
				urls.key(id).str(link)
				linked[id] = true
			}
		}
	}
	count := len(l.Items)
	res := listResult{
		items:     withHeader(func(w *msgpackWriter) { w.arrayHeader(count) }, items.buf),
		ids:       withHeader(func(w *msgpackWriter) { w.arrayHeader(count) }, ids.buf),
		urls:      encoded(func(w *msgpackWriter) { w.null() }),
		count:     count,
		truncated: l.Truncated,
		links:     e.Link != nil,
	}
	if includeURLs {
		res.urls = withHeader(func(w *msgpackWriter) { w.mapHeader(len(linked)) }, urls.buf)
	}
	return res
}

// attributes returns the computed attributes of a list data source whose list is named
// list, with the workspace it read.
func (r listResult) attributes(list, workspaceID string) map[string][]byte {
	attrs := map[string][]byte{
		list: r.items, "ids": r.ids,
		"truncated":    encoded(func(w *msgpackWriter) { w.bool(r.truncated) }),
		"workspace_id": encoded(func(w *msgpackWriter) { w.str(workspaceID) }),
	}
	if r.links {
		attrs["urls"] = r.urls
	}
	return attrs
}

// withHeader returns body after the header that header writes.
func withHeader(header func(*msgpackWriter), body []byte) []byte {
	w := msgpackWriter{buf: make([]byte, 0, len(body)+5)}
	header(&w)
	return append(w.buf, body...)
}
