package sim

import "net/http"

// SageMaker (JSON 1.1, target prefix SageMaker, signing name sagemaker):
// ListNotebookInstances and DescribeNotebookInstance.

var sagemakerOps = map[string]op{
	"ListNotebookInstances":    listNotebookInstances,
	"DescribeNotebookInstance": describeNotebookInstance,
	"ListModels":               listSageMakerModels,
	"DescribeModel":            describeSageMakerModel,
	"ListDomains":              listSageMakerDomains,
	"DescribeDomain":           describeSageMakerDomain,
}

var sagemakerInvalid = badRequest("ValidationException")

func listNotebookInstances(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.jobs.notebooks)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, n := range page {
		out = append(out, map[string]any{"NotebookInstanceName": n.Name, "NotebookInstanceArn": n.ARN,
			"NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium"})
	}
	return withNext(map[string]any{"NotebookInstances": out}, "NextToken", next), nil
}

func describeNotebookInstance(c *call) (any, *apiError) {
	var req struct {
		NotebookInstanceName string `json:"NotebookInstanceName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, n := range c.state.jobs.notebooks {
		if n.Name != req.NotebookInstanceName {
			continue
		}
		out := map[string]any{"NotebookInstanceName": n.Name, "NotebookInstanceArn": n.ARN,
			"NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium", "DirectInternetAccess": "Enabled"}
		if n.Groups != nil {
			out["SubnetId"], out["SecurityGroups"], out["DirectInternetAccess"] = n.Subnets[0], append([]string{}, n.Groups...), "Disabled"
		}
		return out, nil
	}
	return nil, errf(http.StatusBadRequest, "ValidationException", "RecordNotFound")
}
