package apply

import "github.com/defaultsg/defaultsg/internal/plan"

// CreateStep is the journal step id of creating rp's replacement group.
func CreateStep(rp plan.Replacement) string {
	return "create:" + key(rp.Account, rp.Region, rp.DefaultGroupID)
}

// MoveStep is the journal step id of moving m; its first intent record
// holds the targets as they were before the move.
func MoveStep(m plan.Move) string {
	return "move:" + key(m.Account, m.Region, m.ResourceID)
}
