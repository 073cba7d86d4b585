package sim

import "net/http"

// EventBridge Pipes (REST-JSON, signing name pipes): ListPipes and
// DescribePipe.

var pipesOps = map[string]op{
	"ListPipes":    listPipes,
	"DescribePipe": describePipe,
}

var pipesInvalid = badRequest("ValidationException")

var pipesRoute = restGetRoute("/v1/pipes", "ListPipes", "DescribePipe")

func pipeSource(c *call) string {
	return "arn:aws:sqs:" + c.Region + ":" + c.Account + ":source"
}

func listPipes(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	max, e := queryInt(c, "Limit", pipesInvalid)
	if e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: pipesInvalid, action: c.Action, max: max, token: q.Get("NextToken")}, c.state.jobs.pipes)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, p := range page {
		out = append(out, map[string]any{"Name": p.Name, "Arn": p.ARN, "CurrentState": "RUNNING", "DesiredState": "RUNNING",
			"Source": pipeSource(c), "Target": p.TargetARN})
	}
	return withNext(map[string]any{"Pipes": out}, "NextToken", next), nil
}

func describePipe(c *call) (any, *apiError) {
	name, e := pathName(c, "/v1/pipes", pipesInvalid)
	if e != nil {
		return nil, e
	}
	for _, p := range c.state.jobs.pipes {
		if p.Name != name {
			continue
		}
		out := map[string]any{"Name": p.Name, "Arn": p.ARN, "CurrentState": "RUNNING", "DesiredState": "RUNNING",
			"Source": pipeSource(c), "Target": p.TargetARN, "RoleArn": "arn:aws:iam::" + c.Account + ":role/pipes", "Tags": map[string]string{}}
		if p.Net != nil {
			out["TargetParameters"] = map[string]any{"EcsTaskParameters": map[string]any{
				"TaskDefinitionArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":task-definition/" + p.Name + ":1",
				"LaunchType":        "FARGATE", "TaskCount": 1, "NetworkConfiguration": awsvpcJSON(p.Net)}}
		}
		return out, nil
	}
	return nil, errf(http.StatusNotFound, "NotFoundException", "Pipe %s does not exist.", name)
}
