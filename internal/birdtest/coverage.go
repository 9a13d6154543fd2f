package birdtest

import (
	"math/rand/v2"
	"time"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
)

// SeedCoverage returns n calls over the day before newest, newest first, and their
// recordings, the same for the same arguments, for the coverage benchmark: four in five
// calls completed on SeedChannels, the others unanswered or busy; one available recording
// for each completed call, created when it was answered, except every fiftieth (2%), which
// has none. It also returns the IDs of those 2%.
func SeedCoverage(newest time.Time, n int, seed uint64) (calls []bird.Call, recs []bird.Recording, missing []string) {
	rng := rand.New(rand.NewPCG(seed, 0xc0fe))
	step := 24 * time.Hour / time.Duration(max(n, 1))
	completed := 0
	for i := range n {
		created := newest.Add(-time.Duration(i+1) * step)
		c := bird.Call{
			ID: newUUID(rng), ChannelID: SeedChannels[i%len(SeedChannels)], Type: "pstn",
			Direction: bird.CallDirections[i%2], Status: []string{"completed", "completed", "completed", "completed", "no-answer", "busy"}[i%6],
			CreatedAt: stamp(created), UpdatedAt: stamp(created), RingingAt: stamp(created.Add(time.Second)),
		}
		if c.Status != "completed" {
			c.Duration, c.AnsweredAt, c.EndedAt = ptr(int64(0)), "0001-01-01T00:00:00Z", stamp(created.Add(20*time.Second))
			calls = append(calls, c)
			continue
		}
		answered, talk := created.Add(5*time.Second), time.Duration(30+rng.IntN(600))*time.Second
		c.Duration, c.AnsweredAt, c.EndedAt = ptr(int64(talk/time.Second)), stamp(answered), stamp(answered.Add(talk))
		calls = append(calls, c)
		completed++
		if completed%50 == 0 {
			missing = append(missing, c.ID)
			continue
		}
		recs = append(recs, bird.Recording{
			ID: newUUID(rng), Source: "call", SourceID: c.ID, ChannelID: c.ChannelID, Status: "available",
			Direction: c.Direction, Origin: "create-call", Format: "mp3", Duration: c.Duration,
			CreatedAt: stamp(answered), UpdatedAt: stamp(answered.Add(talk)), StartedAt: stamp(answered), EndedAt: stamp(answered.Add(talk)),
		})
	}
	return calls, recs, missing
}
