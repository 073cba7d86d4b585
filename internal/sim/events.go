package sim

import "net/http"

// eventsOps is EventBridge (JSON 1.1, target prefix AWSEvents, signing name
// events): buses, rules and their targets.
var eventsOps = map[string]op{
	"ListEventBuses":    listEventBuses,
	"ListRules":         listEventRules,
	"ListTargetsByRule": listTargetsByRule,
}

var eventsInvalid = badRequest("ValidationException")

type eventsRequest struct {
	NamePrefix   string `json:"NamePrefix"`
	EventBusName string `json:"EventBusName"`
	Rule         string `json:"Rule"`
	NextToken    string `json:"NextToken"`
	Limit        int    `json:"Limit"`
}

func eventsArn(c *call, resource string) string {
	return "arn:aws:events:" + c.Region + ":" + c.Account + ":" + resource
}

// buses are "default" and every bus a rule is on, in first-seen order.
func (a *appResources) buses() []string {
	out, seen := []string{"default"}, map[string]bool{"default": true}
	for _, r := range a.rules {
		if !seen[r.Bus] {
			seen[r.Bus] = true
			out = append(out, r.Bus)
		}
	}
	return out
}

func listEventBuses(c *call) (any, *apiError) {
	var req eventsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: eventsInvalid, action: c.Action, max: req.Limit, token: req.NextToken}, c.state.app.buses())
	if e != nil {
		return nil, e
	}
	buses := []map[string]any{}
	for _, b := range items {
		buses = append(buses, map[string]any{"Name": b, "Arn": eventsArn(c, "event-bus/"+b)})
	}
	return withNext(map[string]any{"EventBuses": buses}, "NextToken", next), nil
}

// busOf resolves EventBusName (a name or ARN; omitted is "default").
func busOf(c *call, ref string) (string, *apiError) {
	if ref == "" {
		return "default", nil
	}
	for _, b := range c.state.app.buses() {
		if b == ref || eventsArn(c, "event-bus/"+b) == ref {
			return b, nil
		}
	}
	return "", errf(http.StatusBadRequest, "ResourceNotFoundException", "Event bus %s does not exist.", ref)
}

func listEventRules(c *call) (any, *apiError) {
	var req eventsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	bus, e := busOf(c, req.EventBusName)
	if e != nil {
		return nil, e
	}
	var rules []eventRule
	for _, r := range c.state.app.rules {
		if r.Bus == bus && len(r.Name) >= len(req.NamePrefix) && r.Name[:len(req.NamePrefix)] == req.NamePrefix {
			rules = append(rules, r)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: eventsInvalid, action: c.Action, max: req.Limit, token: req.NextToken}, rules)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, r := range items {
		v := map[string]any{"Name": r.Name, "Arn": r.ARN, "EventBusName": r.Bus, "State": "ENABLED"}
		if r.Schedule != "" {
			v["ScheduleExpression"] = r.Schedule
		} else {
			v["EventPattern"] = `{"source":["aws.s3"]}`
		}
		out = append(out, v)
	}
	return withNext(map[string]any{"Rules": out}, "NextToken", next), nil
}

func listTargetsByRule(c *call) (any, *apiError) {
	var req eventsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	bus, e := busOf(c, req.EventBusName)
	if e != nil {
		return nil, e
	}
	var rule *eventRule
	for i, r := range c.state.app.rules {
		if r.Bus == bus && r.Name == req.Rule {
			rule = &c.state.app.rules[i]
		}
	}
	if rule == nil {
		return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Rule %s does not exist on EventBus %s.", req.Rule, bus)
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: eventsInvalid, action: c.Action, max: req.Limit, token: req.NextToken}, rule.Targets)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, t := range items {
		net := map[string]any{"Subnets": nonNil(t.Net.Subnets), "SecurityGroups": nonNil(t.Net.Groups), "AssignPublicIp": "DISABLED"}
		out = append(out, map[string]any{"Id": t.ID, "Arn": t.ClusterARN,
			"RoleArn": "arn:aws:iam::" + c.Account + ":role/ecsEventsRole",
			"EcsParameters": map[string]any{"TaskDefinitionArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":task-definition/" + t.ID + ":1",
				"TaskCount": 1, "LaunchType": "FARGATE", "NetworkConfiguration": map[string]any{"awsvpcConfiguration": net}}})
	}
	return withNext(map[string]any{"Targets": out}, "NextToken", next), nil
}
