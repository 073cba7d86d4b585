package sim

import "net/http"

// eventsOps is EventBridge (JSON 1.1, target prefix AWSEvents, signing name
// events): buses, rules and their targets.
var eventsOps = map[string]op{
	"ListEventBuses":    regionLocked(listEventBuses),
	"ListRules":         regionLocked(listEventRules),
	"ListTargetsByRule": regionLocked(listTargetsByRule),
	// events_update.go
	"PutTargets": regionLocked(putEventTargets),
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
func (st *regionState) buses() []string {
	out, seen := []string{"default"}, map[string]bool{"default": true}
	for _, r := range st.eventRules {
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
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: eventsInvalid, action: c.Action, max: req.Limit, token: req.NextToken}, c.state.buses())
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
	for _, b := range c.state.buses() {
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
	for _, r := range c.state.eventRules {
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
	rule, e := c.state.eventRuleOf(bus, req.Rule)
	if e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: eventsInvalid, action: c.Action, max: req.Limit, token: req.NextToken}, rule.Targets)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, t := range items {
		if t.Body != nil {
			out = append(out, t.Body)
			continue
		}
		net := map[string]any{"Subnets": nonNil(t.Net.Subnets), "SecurityGroups": nonNil(t.Net.Groups), "AssignPublicIp": "DISABLED"}
		out = append(out, map[string]any{"Id": t.ID, "Arn": t.ClusterARN,
			"RoleArn": "arn:aws:iam::" + c.Account + ":role/ecsEventsRole",
			"EcsParameters": map[string]any{"TaskDefinitionArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":task-definition/" + t.ID + ":1",
				"TaskCount": 1, "LaunchType": "FARGATE", "NetworkConfiguration": map[string]any{"awsvpcConfiguration": net}}})
	}
	return withNext(map[string]any{"Targets": out}, "NextToken", next), nil
}

// eventsSpecs are EventBridge's part of a region's scenario.
type eventsSpecs struct {
	EventRules []EventRuleSpec `yaml:"event_rules"`
}

// eventsState is EventBridge's part of a regionState; PutTargets changes
// it, so every op runs under the region lock.
type eventsState struct {
	eventRules []eventRule
}

// EventRuleSpec is an EventBridge rule with ECS task targets.
type EventRuleSpec struct {
	Name     string `yaml:"name"`
	Bus      string `yaml:"bus"`      // omitted = "default"
	Schedule string `yaml:"schedule"` // e.g. rate(1 day); omitted = an event pattern rule
	// ECSTargets run a task in awsvpc mode; omitted groups are [] (the
	// default group at run time), as PutTargets allows.
	ECSTargets []EventECSTargetSpec `yaml:"ecs_targets"`
}

// EventECSTargetSpec is one ECS RunTask target of a rule.
type EventECSTargetSpec struct {
	ID        string `yaml:"id"`
	Cluster   string `yaml:"cluster"` // cluster name, for the target ARN only
	Placement `yaml:",inline"`
}

type eventRule struct {
	Name, ARN, Bus, Schedule string
	Targets                  []eventTarget
}

// eventTarget is a rule's target; Body is the target as PutTargets last
// sent it (nil: as the scenario built it), answered back as it was.
type eventTarget struct {
	ID, ClusterARN string
	Net            awsvpc
	Body           map[string]any
}

func (b *builder) addEventRules() error {
	seen := map[string]bool{}
	for i, r := range b.res.EventRules {
		at := path{"event_rules", i}
		bus := r.Bus
		if bus == "" {
			bus = "default"
		}
		if err := b.unique(seen, bus+"/"+r.Name, at); err != nil {
			return err
		}
		resource := "rule/" + r.Name
		if bus != "default" {
			resource = "rule/" + bus + "/" + r.Name
		}
		rule := eventRule{Name: r.Name, ARN: b.arn("events", resource), Bus: bus, Schedule: r.Schedule}
		for j, t := range r.ECSTargets {
			tat := append(append(path{}, at...), "ecs_targets", j)
			if t.ID == "" {
				return b.errAt(append(tat, "id"), "id is required")
			}
			p := t.Placement
			if p.Groups == nil {
				p.Groups = []string{} // PutTargets without groups: the default group at run time
			}
			_, net, err := b.optionalNet(p, tat)
			if err != nil {
				return err
			}
			cluster := t.Cluster
			if cluster == "" {
				cluster = "default"
			}
			rule.Targets = append(rule.Targets, eventTarget{ID: t.ID, ClusterARN: b.arn("ecs", "cluster/"+cluster), Net: *net})
		}
		b.st.eventRules = append(b.st.eventRules, rule)
	}
	return nil
}
