package provider

import (
	"math"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestMaxResultsPastTheNativeInt: on 386 and arm, where int has 32 bits, a max_results past
// 2^31 - 1 must still mean "at least that many", never wrap to a negative number, 0, or a
// small one (2^32 + 5 would become 5).
func TestMaxResultsPastTheNativeInt(t *testing.T) {
	for _, v := range []int64{1, 99, math.MaxInt32, math.MaxInt32 + 1, 1<<32 + 5, math.MaxInt64} {
		got := maxResults(types.NumberValue(new(big.Float).SetInt64(v)))
		if want := min(v, math.MaxInt); int64(got) != want {
			t.Errorf("max_results = %d read as %d, want %d", v, got, want)
		}
	}
	if got := maxResults(types.NumberNull()); got != 0 {
		t.Errorf("an unset max_results read as %d, want 0 (all)", got)
	}
}
