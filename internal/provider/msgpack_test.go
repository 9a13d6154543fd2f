package provider

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestMsgpackWriterRoundTrips decodes what the writer encodes, with tftypes, at every
// boundary between the encodings' forms.
func TestMsgpackWriterRoundTrips(t *testing.T) {
	for _, n := range []int64{0, 1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 1<<31 - 1, 1 << 31, math.MaxInt64,
		-1, -32, -33, -128, -129, -32768, -32769, -1 << 31, -1<<31 - 1, math.MinInt64} {
		v, err := decodeMsgPack(encoded(func(w *msgpackWriter) { w.int(n) }), tftypes.Number)
		if err != nil {
			t.Fatalf("int %d: %v", n, err)
		}
		var got big.Float
		if err := v.As(&got); err != nil {
			t.Fatal(err)
		}
		if i, acc := got.Int64(); acc != big.Exact || i != n {
			t.Fatalf("int %d came back as %s", n, got.String())
		}
	}
	for _, size := range []int{0, 1, 31, 32, 255, 256, 65535, 65536} {
		s := strings.Repeat("é", size)[:size] // multi-byte runes cut anywhere: bytes, not runes, count
		s = strings.ToValidUTF8(s, "x")
		v, err := decodeMsgPack(encoded(func(w *msgpackWriter) { w.str(s) }), tftypes.String)
		var got string
		if err != nil || v.As(&got) != nil || got != s {
			t.Fatalf("string of %d bytes: %v", len(s), err)
		}
	}
	for _, size := range []int{0, 15, 16, 65535, 65536} {
		list := encoded(func(w *msgpackWriter) {
			w.arrayHeader(size)
			for range size {
				w.bool(true)
			}
		})
		v, err := decodeMsgPack(list, tftypes.List{ElementType: tftypes.Bool})
		var got []tftypes.Value
		if err != nil || v.As(&got) != nil || len(got) != size {
			t.Fatalf("list of %d: %v, %d elements", size, err, len(got))
		}
		m := encoded(func(w *msgpackWriter) {
			w.mapHeader(size)
			for i := range size {
				w.key("k" + strconv.Itoa(i)).null()
			}
		})
		v, err = decodeMsgPack(m, tftypes.Map{ElementType: tftypes.String})
		var gotMap map[string]tftypes.Value
		if err != nil || v.As(&gotMap) != nil || len(gotMap) != size {
			t.Fatalf("map of %d: %v, %d entries", size, err, len(gotMap))
		}
	}
}

// TestNullRules checks the one place where values become null.
func TestNullRules(t *testing.T) {
	yes := true
	for name, tc := range map[string]struct {
		write func(w *msgpackWriter)
		typ   tftypes.Type
		null  bool
	}{
		"empty string":       {func(w *msgpackWriter) { w.optString("") }, tftypes.String, true},
		"string":             {func(w *msgpackWriter) { w.optString("x") }, tftypes.String, false},
		"zero time":          {func(w *msgpackWriter) { w.optTimestamp("0001-01-01T00:00:00Z") }, tftypes.String, true},
		"zero time with ms":  {func(w *msgpackWriter) { w.optTimestamp("0001-01-01T00:00:00.000Z") }, tftypes.String, true},
		"time":               {func(w *msgpackWriter) { w.optTimestamp("2023-10-23T15:55:08.234Z") }, tftypes.String, false},
		"absent bool":        {func(w *msgpackWriter) { w.optBool(nil) }, tftypes.Bool, true},
		"bool":               {func(w *msgpackWriter) { w.optBool(&yes) }, tftypes.Bool, false},
		"absent number":      {func(w *msgpackWriter) { w.optInt(nil) }, tftypes.Number, true},
		"absent participant": {func(w *msgpackWriter) { encodeParticipant(w, nil, false) }, objectTypeOf(recordingAttributes()).AttrTypes["originator"].TerraformType(t.Context()), true},
	} {
		v, err := decodeMsgPack(encoded(tc.write), tc.typ)
		if err != nil || v.IsNull() != tc.null {
			t.Errorf("%s: null=%v, want %v (%v)", name, v.IsNull(), tc.null, err)
		}
	}
}
