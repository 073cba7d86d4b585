package apply

import "github.com/defaultsg/defaultsg/internal/plan"

// CreateStep is the journal step id of creating rp's replacement group.
func CreateStep(rp plan.Replacement) string {
	return "create:" + key(rp.Account, rp.Region, rp.DefaultGroupID)
}

// moveKey names a move by account, region, kind and resource id: two users
// of different kinds that share a name ("ledger" the function and "ledger"
// the database) are two steps.
func moveKey(m plan.Move) string { return key(m.Account, m.Region, string(m.Kind)+"/"+m.ResourceID) }

// MoveStep is the journal step id of moving m; its first intent record
// holds the targets as they were before the move.
func MoveStep(m plan.Move) string { return "move:" + moveKey(m) }
