package sim

import (
	"net/http"
	"slices"
)

// AWS Batch (REST-JSON, signing name batch): DescribeComputeEnvironments,
// POST /v1/describecomputeenvironments with a JSON body.

var batchOps = map[string]op{
	"DescribeComputeEnvironments": describeComputeEnvironments,
}

var batchInvalid = badRequest("ClientException")

func batchRoute(r *http.Request) string {
	if r.Method == http.MethodPost && r.URL.EscapedPath() == "/v1/describecomputeenvironments" {
		return "DescribeComputeEnvironments"
	}
	return ""
}

func describeComputeEnvironments(c *call) (any, *apiError) {
	var req struct {
		ComputeEnvironments []string `json:"computeEnvironments"`
		MaxResults          int      `json:"maxResults"`
		NextToken           string   `json:"nextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var items []batchEnv
	for _, e := range c.state.jobs.batchEnvs {
		if len(req.ComputeEnvironments) == 0 || slices.Contains(req.ComputeEnvironments, e.Name) || slices.Contains(req.ComputeEnvironments, e.ARN) {
			items = append(items, e)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: batchInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, env := range page {
		ce := map[string]any{"computeEnvironmentName": env.Name, "computeEnvironmentArn": env.ARN, "state": "ENABLED",
			"status": "VALID", "type": "UNMANAGED", "containerOrchestrationType": "ECS", "tags": map[string]string{},
			"ecsClusterArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":cluster/" + env.Name}
		if env.Groups != nil {
			cr := map[string]any{"type": "FARGATE", "maxvCpus": 16, "subnets": env.Subnets, "securityGroupIds": append([]string{}, env.Groups...)}
			if env.LaunchTemplate != "" {
				cr["type"] = "EC2"
				cr["launchTemplate"] = map[string]any{"launchTemplateName": env.LaunchTemplate, "version": "$Default"}
			}
			ce["type"], ce["computeResources"] = "MANAGED", cr
		}
		out = append(out, ce)
	}
	return withNext(map[string]any{"computeEnvironments": out}, "nextToken", next), nil
}
