package sim

import (
	"encoding/json"
	"net/http"
)

// PutTargets adds a rule's targets or replaces those with the same Id
// whole, as AWS does: a field the request leaves out is gone. EventBridge
// checks no group or subnet when a target is put (a wrong one fails when
// the rule fires), so neither does the simulator; the limits it checks
// are AWS's: 1 to 10 targets a call, 5 a rule, Id and Arn required.
const (
	maxTargetsPerCall = 10
	maxTargetsPerRule = 5
)

func putEventTargets(c *call) (any, *apiError) {
	var req struct {
		Rule         string            `json:"Rule"`
		EventBusName string            `json:"EventBusName"`
		Targets      []json.RawMessage `json:"Targets"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	bus, e := busOf(c, req.EventBusName)
	if e != nil {
		return nil, e
	}
	rule, e := c.state.eventRuleOf(bus, req.Rule)
	if e != nil {
		return nil, e
	}
	if len(req.Targets) == 0 || len(req.Targets) > maxTargetsPerCall {
		return nil, eventsInvalid("1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length between 1 and 10")
	}
	next := append([]eventTarget(nil), rule.Targets...)
	for _, raw := range req.Targets {
		t, e := eventTargetOf(raw)
		if e != nil {
			return nil, e
		}
		replaced := false
		for i := range next {
			if next[i].ID == t.ID {
				next[i], replaced = t, true
			}
		}
		if !replaced {
			next = append(next, t)
		}
	}
	if len(next) > maxTargetsPerRule {
		return nil, errf(http.StatusBadRequest, "LimitExceededException", "The requested resource exceeds the maximum number allowed.")
	}
	rule.Targets = next
	return map[string]any{"FailedEntryCount": 0, "FailedEntries": []any{}}, nil
}

// eventTargetOf reads one target of a PutTargets request.
func eventTargetOf(raw json.RawMessage) (eventTarget, *apiError) {
	var body map[string]any
	var t struct {
		ID            string `json:"Id"`
		Arn           string `json:"Arn"`
		EcsParameters *struct {
			NetworkConfiguration *struct {
				AwsvpcConfiguration *struct {
					Subnets        []string `json:"Subnets"`
					SecurityGroups []string `json:"SecurityGroups"`
					AssignPublicIP string   `json:"AssignPublicIp"`
				} `json:"awsvpcConfiguration"`
			} `json:"NetworkConfiguration"`
		} `json:"EcsParameters"`
	}
	if json.Unmarshal(raw, &body) != nil || json.Unmarshal(raw, &t) != nil {
		return eventTarget{}, eventsInvalid("a target is not a JSON object")
	}
	if t.ID == "" || t.Arn == "" {
		return eventTarget{}, eventsInvalid("1 validation error detected: a target's Id and Arn are required")
	}
	out := eventTarget{ID: t.ID, ClusterARN: t.Arn, Body: body}
	if p := t.EcsParameters; p != nil && p.NetworkConfiguration != nil && p.NetworkConfiguration.AwsvpcConfiguration != nil {
		v := p.NetworkConfiguration.AwsvpcConfiguration
		out.Net = awsvpc{Subnets: v.Subnets, Groups: v.SecurityGroups, PublicIP: v.AssignPublicIP == "ENABLED"}
	}
	return out, nil
}

func (st *regionState) eventRuleOf(bus, name string) (*eventRule, *apiError) {
	for i, r := range st.eventRules {
		if r.Bus == bus && r.Name == name {
			return &st.eventRules[i], nil
		}
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Rule %s does not exist on EventBus %s.", name, bus)
}
