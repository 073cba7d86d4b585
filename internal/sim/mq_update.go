package sim

import (
	"slices"
)

// updateMQBroker changes the broker's groups (the only update modelled)
// and moves its interfaces; other members are accepted and ignored.
func updateMQBroker(c *call) (any, *apiError) {
	b, e := mqBrokerOf(c)
	if e != nil {
		return nil, e
	}
	var in struct {
		SecurityGroups []string `json:"securityGroups"`
	}
	if e := decodeJSON(c, &in); e != nil {
		return nil, e
	}
	out := map[string]any{"brokerId": b.ID}
	if in.SecurityGroups == nil {
		return out, nil
	}
	var next []string
	for _, id := range in.SecurityGroups {
		if !slices.Contains(next, id) {
			next = append(next, id)
		}
	}
	switch id := c.state.invalidGroup(b.VpcID, next); {
	case b.Engine == "RABBITMQ":
		return nil, mqBadRequest("securityGroups", "Changing security groups is not supported for RabbitMQ brokers.")
	case len(next) == 0 || len(next) > mqMaxGroups:
		return nil, mqBadRequest("securityGroups", "Specify between 1 and %d security groups.", mqMaxGroups)
	case id != "":
		return nil, mqBadRequest("securityGroups", "Security group %s does not exist in the broker's VPC %s.", id, b.VpcID)
	}
	c.state.retarget(func(n *NetworkInterface) bool { return slices.Contains(b.Interfaces, n.ID) }, next)
	if b.Pending == 0 {
		b.Previous = b.Groups
	}
	b.Groups, b.PendingGroups, b.Pending = slices.Clone(next), slices.Clone(next), settlingReads
	out["securityGroups"] = next
	return out, nil
}
