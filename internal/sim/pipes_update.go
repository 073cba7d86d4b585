package sim

import "net/http"

// updatePipe changes the members the request names and keeps the others,
// as AWS documents, except that TargetParameters' service-specific
// objects (EcsTaskParameters…) are replaced whole. RoleArn is required.
// The pipe is UPDATING for the next DescribePipe, then RUNNING; groups are
// not checked until a task runs.
func updatePipe(c *call) (any, *apiError) {
	name, e := pathName(c, "/v1/pipes", pipesInvalid)
	if e != nil {
		return nil, e
	}
	var body map[string]any
	var req struct {
		RoleArn          string `json:"RoleArn"`
		Target           string `json:"Target"`
		TargetParameters *struct {
			EcsTaskParameters *struct {
				NetworkConfiguration *struct {
					AwsvpcConfiguration *struct {
						Subnets        []string `json:"Subnets"`
						SecurityGroups []string `json:"SecurityGroups"`
						AssignPublicIP string   `json:"AssignPublicIp"`
					} `json:"awsvpcConfiguration"`
				} `json:"NetworkConfiguration"`
			} `json:"EcsTaskParameters"`
		} `json:"TargetParameters"`
	}
	if e := decodeJSON(c, &body); e != nil {
		return nil, e
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var p *jobTarget
	for i := range c.state.pipes {
		if c.state.pipes[i].Name == name {
			p = &c.state.pipes[i]
		}
	}
	switch {
	case req.RoleArn == "":
		return nil, pipesInvalid("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
	case p == nil:
		return nil, errf(http.StatusNotFound, "NotFoundException", "Pipe %s does not exist.", name)
	case p.Pending > 0:
		return nil, errf(http.StatusConflict, "ConflictException", "Pipe %s is in UPDATING state.", name)
	}
	if p.Body == nil {
		p.Body = map[string]any{}
		if p.Net != nil {
			p.Body["TargetParameters"] = map[string]any{"EcsTaskParameters": map[string]any{
				"TaskDefinitionArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":task-definition/" + p.Name + ":1",
				"LaunchType":        "FARGATE", "TaskCount": 1, "NetworkConfiguration": awsvpcJSON(p.Net)}}
		}
	}
	for k, v := range body {
		if k == "TargetParameters" {
			v = mergedTargetParameters(p.Body[k], v)
		}
		p.Body[k] = v
	}
	if req.Target != "" {
		p.TargetARN = req.Target
	}
	if tp := req.TargetParameters; tp != nil && tp.EcsTaskParameters != nil {
		p.Net = nil
		if n := tp.EcsTaskParameters.NetworkConfiguration; n != nil && n.AwsvpcConfiguration != nil {
			v := n.AwsvpcConfiguration
			p.Net = &awsvpc{Subnets: v.Subnets, Groups: v.SecurityGroups, PublicIP: v.AssignPublicIP == "ENABLED"}
		}
	}
	p.Pending = settlingReads
	return map[string]any{"Arn": p.ARN, "Name": p.Name, "DesiredState": "RUNNING", "CurrentState": "UPDATING"}, nil
}

// mergedTargetParameters keeps the members of old the request leaves out;
// each member it names (EcsTaskParameters, InputTemplate…) replaces the old
// one whole.
func mergedTargetParameters(old, next any) any {
	o, _ := old.(map[string]any)
	n, ok := next.(map[string]any)
	if !ok {
		return next
	}
	out := map[string]any{}
	for k, v := range o {
		out[k] = v
	}
	for k, v := range n {
		out[k] = v
	}
	return out
}

// pipeState is RUNNING, or UPDATING while an update settles; count counts
// the read.
func (p *jobTarget) pipeState(count bool) string {
	if p.Pending == 0 {
		return "RUNNING"
	}
	if count {
		p.Pending--
	}
	return "UPDATING"
}
