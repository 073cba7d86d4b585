package sim

import (
	"fmt"
	"net/http"
)

type startInstanceRefreshResult struct {
	InstanceRefreshID string `xml:"InstanceRefreshId"`
}

// startInstanceRefresh starts a refresh of a group (the only member
// modelled is AutoScalingGroupName). The simulator launches no instances,
// so a refresh stays InProgress and a second start is refused with
// InstanceRefreshInProgress, as AWS refuses one while another runs.
func startInstanceRefresh(c *call) (any, *apiError) {
	name := c.Form.Get("AutoScalingGroupName")
	if name == "" {
		return nil, errf(http.StatusBadRequest, "ValidationError", "1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null")
	}
	found := false
	for _, g := range c.state.asgs {
		found = found || g.Name == name
	}
	if !found {
		return nil, errf(http.StatusBadRequest, "ValidationError", "AutoScalingGroup name not found - %s", name)
	}
	if id := c.state.refreshes[name]; id != "" {
		return nil, errf(http.StatusBadRequest, "InstanceRefreshInProgress",
			"An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.")
	}
	if c.state.refreshes == nil {
		c.state.refreshes = map[string]string{}
	}
	id := fmt.Sprintf("%08x-0000-4000-8000-%012x", len(c.state.refreshes)+1, len(name))
	c.state.refreshes[name] = id
	return startInstanceRefreshResult{InstanceRefreshID: id}, nil
}
