package sim

import (
	"net/http"
	"slices"
)

// AWS Batch (REST-JSON, signing name batch): DescribeComputeEnvironments,
// POST /v1/describecomputeenvironments with a JSON body.

var batchOps = map[string]op{
	"DescribeComputeEnvironments": regionLocked(describeComputeEnvironments),
	// batch_update.go
	"UpdateComputeEnvironment": regionLocked(updateComputeEnvironment),
}

var batchInvalid = badRequest("ClientException")

func batchRoute(r *http.Request) string {
	if r.Method == http.MethodPost && r.URL.EscapedPath() == "/v1/describecomputeenvironments" {
		return "DescribeComputeEnvironments"
	}
	if r.Method == http.MethodPost && r.URL.EscapedPath() == "/v1/updatecomputeenvironment" {
		return "UpdateComputeEnvironment"
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
	var items []*batchEnv
	for i := range c.state.batchEnvs {
		e := &c.state.batchEnvs[i]
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
		status := "VALID"
		if env.Pending > 0 {
			env.Pending, status = env.Pending-1, "UPDATING"
		}
		ce := map[string]any{"computeEnvironmentName": env.Name, "computeEnvironmentArn": env.ARN, "state": "ENABLED",
			"status": status, "type": "UNMANAGED", "containerOrchestrationType": "ECS", "tags": map[string]string{},
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

// batchSpecs are AWS Batch's part of a region's scenario.
type batchSpecs struct {
	BatchComputeEnvironments []BatchComputeEnvironmentSpec `yaml:"batch_compute_environments"`
}

// batchState is Batch's part of a regionState; UpdateComputeEnvironment
// changes it.
type batchState struct {
	batchEnvs []batchEnv
}

// BatchComputeEnvironmentSpec is an AWS Batch compute environment
// (batch_compute_environments). Omitted groups: an UNMANAGED environment
// (no computeResources).
type BatchComputeEnvironmentSpec struct {
	Name           string `yaml:"name"`
	LaunchTemplate string `yaml:"launch_template"` // a launch template name, reported in the detail
	Placement      `yaml:",inline"`
}

type batchEnv struct {
	Name, ARN, LaunchTemplate string
	Subnets, Groups           []string // nil Groups: UNMANAGED
	// Pending is how many more Describes show it UPDATING.
	Pending int
}

func (b *builder) addBatch() error {
	seen := map[string]bool{}
	for i, e := range b.res.BatchComputeEnvironments {
		at := path{"batch_compute_environments", i}
		if err := b.unique(seen, e.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(e.Placement, at)
		if err != nil {
			return err
		}
		env := batchEnv{Name: e.Name, ARN: b.arn("batch", "compute-environment/"+e.Name), LaunchTemplate: e.LaunchTemplate}
		if net != nil {
			env.Subnets, env.Groups = net.Subnets, net.Groups
		}
		b.st.batchEnvs = append(b.st.batchEnvs, env)
	}
	return nil
}
