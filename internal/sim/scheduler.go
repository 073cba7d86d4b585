package sim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// EventBridge Scheduler (REST-JSON, signing name scheduler): ListSchedules
// and GetSchedule. Pipes (pipes.go) shares the target shapes.

var schedulerOps = map[string]op{
	"ListSchedules": regionLocked(listSchedules),
	"GetSchedule":   regionLocked(getSchedule),
	// scheduler_update.go
	"UpdateSchedule": regionLocked(updateSchedule),
}

var schedulerInvalid = badRequest("ValidationException")

// restGetRoute names the List action of GET prefix and the Get action of
// GET prefix/{name}.
func restGetRoute(prefix, list, get string) func(r *http.Request) string {
	return func(r *http.Request) string {
		if r.Method != http.MethodGet {
			return ""
		}
		rest, ok := strings.CutPrefix(r.URL.EscapedPath(), prefix)
		switch {
		case !ok:
			return ""
		case rest == "" || rest == "/":
			return list
		case rest[0] == '/' && !strings.Contains(rest[1:], "/"):
			return get
		}
		return ""
	}
}

// schedulerRoute adds PUT /schedules/{Name} (UpdateSchedule) to the reads.
func schedulerRoute(r *http.Request) string {
	if r.Method == http.MethodPut {
		rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/schedules/")
		if ok && rest != "" && !strings.Contains(rest, "/") {
			return "UpdateSchedule"
		}
		return ""
	}
	return restGetRoute("/schedules", "ListSchedules", "GetSchedule")(r)
}

// queryInt reads an optional integer query parameter (0 when absent).
func queryInt(c *call, name string, invalid func(string) *apiError) (int, *apiError) {
	v := c.HTTP.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalid(name + " is not an integer")
	}
	return n, nil
}

// pathName is the unescaped last path segment after prefix + "/".
func pathName(c *call, prefix string, invalid func(string) *apiError) (string, *apiError) {
	name, err := url.PathUnescape(strings.TrimPrefix(c.HTTP.URL.EscapedPath(), prefix+"/"))
	if err != nil || name == "" {
		return "", invalid("bad name in path")
	}
	return name, nil
}

func listSchedules(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	max, e := queryInt(c, "MaxResults", schedulerInvalid)
	if e != nil {
		return nil, e
	}
	var items []jobTarget
	for _, s := range c.state.schedules {
		if (q.Get("ScheduleGroup") == "" || q.Get("ScheduleGroup") == s.Group) && strings.HasPrefix(s.Name, q.Get("NamePrefix")) {
			items = append(items, s)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: schedulerInvalid, action: c.Action, max: max, token: q.Get("NextToken")}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, s := range page {
		out = append(out, map[string]any{"Name": s.Name, "GroupName": s.Group, "Arn": s.ARN, "State": "ENABLED",
			"Target": map[string]any{"Arn": s.TargetARN}})
	}
	return withNext(map[string]any{"Schedules": out}, "NextToken", next), nil
}

// awsvpcJSON is an ECS awsvpcConfiguration as Scheduler and Pipes write it.
func awsvpcJSON(n *awsvpc) map[string]any {
	return map[string]any{"awsvpcConfiguration": map[string]any{
		"Subnets": n.Subnets, "SecurityGroups": append([]string{}, n.Groups...), "AssignPublicIp": "DISABLED"}}
}

func getSchedule(c *call) (any, *apiError) {
	name, e := pathName(c, "/schedules", schedulerInvalid)
	if e != nil {
		return nil, e
	}
	group := c.HTTP.URL.Query().Get("groupName")
	if group == "" {
		group = "default"
	}
	for _, s := range c.state.schedules {
		if s.Name != name || s.Group != group {
			continue
		}
		if s.Body != nil {
			out := map[string]any{"Name": s.Name, "GroupName": s.Group, "Arn": s.ARN}
			for k, v := range s.Body {
				out[k] = v
			}
			return out, nil
		}
		target := map[string]any{"Arn": s.TargetARN, "RoleArn": "arn:aws:iam::" + c.Account + ":role/scheduler"}
		if s.Net != nil {
			target["EcsParameters"] = map[string]any{"TaskDefinitionArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":task-definition/" + s.Name + ":1",
				"LaunchType": "FARGATE", "TaskCount": 1, "NetworkConfiguration": awsvpcJSON(s.Net)}
		}
		return map[string]any{"Name": s.Name, "GroupName": s.Group, "Arn": s.ARN, "State": "ENABLED",
			"ScheduleExpression": "rate(1 day)", "FlexibleTimeWindow": map[string]any{"Mode": "OFF"}, "Target": target}, nil
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Schedule %s does not exist.", name)
}

// schedulerSpecs are EventBridge Scheduler's part of a region's scenario.
type schedulerSpecs struct {
	Schedules []ScheduleSpec `yaml:"schedules"`
}

// schedulerState is Scheduler's part of a regionState; UpdateSchedule
// changes it.
type schedulerState struct {
	schedules []jobTarget
}

// ScheduleSpec is an EventBridge Scheduler schedule (schedules). With the
// default target "ecs" it runs an ECS task in awsvpc mode whose omitted
// groups are [] (the subnets' default group at run time, as CreateSchedule
// allows); target "lambda" is a target without a network configuration.
type ScheduleSpec struct {
	Name      string `yaml:"name"`
	Group     string `yaml:"group"`   // schedule group; omitted = "default"
	Target    string `yaml:"target"`  // "ecs" (default) or "lambda"
	Cluster   string `yaml:"cluster"` // ECS cluster name, for the target ARN only
	Placement `yaml:",inline"`
}

func (b *builder) addSchedules() error {
	seen := map[string]bool{}
	for i, s := range b.res.Schedules {
		at := path{"schedules", i}
		group := s.Group
		if group == "" {
			group = "default"
		}
		if s.Name == "" {
			return b.errAt(append(at, "name"), "name is required")
		}
		if err := b.unique(seen, group+"/"+s.Name, at); err != nil {
			return err
		}
		arn, net, err := b.jobTargetOf(s.Target, s.Cluster, s.Placement, at)
		if err != nil {
			return err
		}
		b.st.schedules = append(b.st.schedules, jobTarget{Name: s.Name, Group: group,
			ARN: b.arn("scheduler", "schedule/"+group+"/"+s.Name), TargetARN: arn, Net: net})
	}
	return nil
}
