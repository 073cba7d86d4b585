package sim

import "net/http"

// SageMaker models: ListModels and DescribeModel (sagemaker.go adds them
// to sagemakerOps).

func listSageMakerModels(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.sageMakerModels)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, m := range page {
		out = append(out, map[string]any{"ModelName": m.Name, "ModelArn": m.ARN, "CreationTime": 1.7e9})
	}
	return withNext(map[string]any{"Models": out}, "NextToken", next), nil
}

func describeSageMakerModel(c *call) (any, *apiError) {
	var req struct {
		ModelName string `json:"ModelName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, m := range c.state.sageMakerModels {
		if m.Name != req.ModelName {
			continue
		}
		out := map[string]any{"ModelName": m.Name, "ModelArn": m.ARN, "CreationTime": 1.7e9,
			"ExecutionRoleArn": "arn:aws:iam::" + c.Account + ":role/sagemaker", "EnableNetworkIsolation": false}
		if m.Groups != nil {
			out["VpcConfig"] = map[string]any{"Subnets": m.Subnets, "SecurityGroupIds": append([]string{}, m.Groups...)}
		}
		return out, nil
	}
	return nil, errf(http.StatusBadRequest, "ValidationException", "Could not find model %q.", req.ModelName)
}
