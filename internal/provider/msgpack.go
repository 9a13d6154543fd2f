package provider

import (
	"encoding/binary"
	"math"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// msgpackWriter appends MessagePack, the encoding of values on Terraform's wire protocol, to
// buf: the subset a state needs (maps with string keys, arrays, strings, integers, floats, booleans
// and nil). Every computed value of this provider is encoded by it, so the rules that make a
// value null live in one place: its opt* methods. The framework path decodes the bytes with
// decodeMsgPack; the server's direct path splices them into the state it answers,
// which skips building a tftypes.Value per attribute (most of a large read's allocations).
type msgpackWriter struct {
	buf []byte
}

// null writes nil.
func (w *msgpackWriter) null() { w.buf = append(w.buf, 0xc0) }

// bool writes a boolean.
func (w *msgpackWriter) bool(b bool) {
	if b {
		w.buf = append(w.buf, 0xc3)
		return
	}
	w.buf = append(w.buf, 0xc2)
}

// int writes an integer in its shortest form.
func (w *msgpackWriter) int(n int64) {
	switch {
	case n >= 0 && n <= 0x7f, n < 0 && n >= -32:
		w.buf = append(w.buf, byte(n)) // positive or negative fixint
	case n >= -1<<7 && n < 1<<7:
		w.buf = append(w.buf, 0xd0, byte(n))
	case n >= -1<<15 && n < 1<<15:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, 0xd1), uint16(n))
	case n >= -1<<31 && n < 1<<31:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, 0xd2), uint32(n))
	default:
		w.buf = binary.BigEndian.AppendUint64(append(w.buf, 0xd3), uint64(n))
	}
}

// float writes a number that may have a fraction, as a float 64.
func (w *msgpackWriter) float(f float64) {
	w.buf = binary.BigEndian.AppendUint64(append(w.buf, 0xcb), math.Float64bits(f))
}

// str writes a string.
func (w *msgpackWriter) str(s string) {
	w.header(len(s), 0xa0, 32, 0xd9, 0xda, 0xdb)
	w.buf = append(w.buf, s...)
}

// arrayHeader starts an array of n values.
func (w *msgpackWriter) arrayHeader(n int) { w.header(n, 0x90, 16, 0, 0xdc, 0xdd) }

// mapHeader starts a map of n key and value pairs.
func (w *msgpackWriter) mapHeader(n int) { w.header(n, 0x80, 16, 0, 0xde, 0xdf) }

// header writes a length: in the fix form below fixLimit, else in the 8-bit form (when the
// kind has one), the 16-bit or the 32-bit one.
func (w *msgpackWriter) header(n int, fix byte, fixLimit int, b8, b16, b32 byte) {
	switch {
	case n < fixLimit:
		w.buf = append(w.buf, fix|byte(n))
	case b8 != 0 && n <= 0xff:
		w.buf = append(w.buf, b8, byte(n))
	case n <= 0xffff:
		w.buf = binary.BigEndian.AppendUint16(append(w.buf, b16), uint16(n))
	default:
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, b32), uint32(n))
	}
}

// key writes a map key and returns w, for the key's value.
func (w *msgpackWriter) key(k string) *msgpackWriter {
	w.str(k)
	return w
}

// optString writes a string the API may leave out or send empty: null then.
func (w *msgpackWriter) optString(s string) {
	if s == "" {
		w.null()
		return
	}
	w.str(s)
}

// optTimestamp writes an API date-time: null when absent or Bird's zero time
// (0001-01-01T00:00:00Z, "has not happened yet").
func (w *msgpackWriter) optTimestamp(s string) {
	if strings.HasPrefix(s, "0001-01-01T00:00:00") {
		w.null()
		return
	}
	w.optString(s)
}

// optBool writes an optional boolean.
func (w *msgpackWriter) optBool(b *bool) {
	if b == nil {
		w.null()
		return
	}
	w.bool(*b)
}

// optInt writes an optional integer.
func (w *msgpackWriter) optInt(n *int64) {
	if n == nil {
		w.null()
		return
	}
	w.int(*n)
}

// encoded returns the bytes of one value written by write.
func encoded(write func(w *msgpackWriter)) []byte {
	var w msgpackWriter
	write(&w)
	return w.buf
}

// decodeMsgPack decodes MessagePack as a value of typ, through the protocol's public API.
func decodeMsgPack(b []byte, typ tftypes.Type) (tftypes.Value, error) {
	return (&tfprotov6.DynamicValue{MsgPack: b}).Unmarshal(typ)
}

// optStrings writes a list of strings, null when absent or empty: Bird may send [] for none.
func (w *msgpackWriter) optStrings(list []string) {
	if len(list) == 0 {
		w.null()
		return
	}
	w.arrayHeader(len(list))
	for _, s := range list {
		w.str(s)
	}
}
