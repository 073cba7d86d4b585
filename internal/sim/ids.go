package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// idGen makes AWS-shaped ids ("sg-" + 17 hex digits) that are a pure
// function of the account-region and a counter, so the same scenario and
// the same calls give the same ids (stable goldens), and ids never repeat
// across accounts or regions.
type idGen struct {
	seed string
	n    uint64
	used map[string]bool // includes ids pinned by the scenario
}

func (g *idGen) next(prefix string) string {
	for {
		g.n++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s/%s/%d", g.seed, prefix, g.n))
		id := prefix + "-" + hex.EncodeToString(sum[:])[:17]
		if !g.used[id] {
			g.used[id] = true
			return id
		}
	}
}

// pin reserves an id given by the scenario; false if it is already taken.
func (g *idGen) pin(id string) bool {
	if g.used[id] {
		return false
	}
	g.used[id] = true
	return true
}

// hexN is a deterministic run of n hex digits for addresses and the like.
func (g *idGen) hexN(what string, n int) string {
	g.n++
	sum := sha256.Sum256(fmt.Appendf(nil, "%s/%s/%d", g.seed, what, g.n))
	return hex.EncodeToString(sum[:])[:n]
}
