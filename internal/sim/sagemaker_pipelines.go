package sim

import (
	"encoding/json"
	"net/http"
)

// SageMaker pipelines: ListPipelines and DescribePipeline (sagemaker.go
// adds them to sagemakerOps and builds them after monitoring schedules).

func listSageMakerPipelines(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.sageMakerPipelines)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, p := range page {
		out = append(out, map[string]any{"PipelineName": p.Name, "PipelineArn": p.ARN, "CreationTime": 1700000000, "LastModifiedTime": 1700000000})
	}
	return withNext(map[string]any{"PipelineSummaries": out}, "NextToken", next), nil
}

func describeSageMakerPipeline(c *call) (any, *apiError) {
	var req struct {
		Name string `json:"PipelineName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, p := range c.state.sageMakerPipelines {
		if p.Name == req.Name || p.ARN == req.Name {
			return map[string]any{"PipelineName": p.Name, "PipelineArn": p.ARN, "PipelineDefinition": p.Definition, "PipelineStatus": "Active",
				"RoleArn": "arn:aws:iam::" + c.Account + ":role/sagemaker", "CreationTime": 1700000000, "LastModifiedTime": 1700000000}, nil
		}
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFound", "Pipeline %s does not exist.", req.Name)
}

// sageMakerPipelineSpecs are the pipelines' part of a region's scenario.
type sageMakerPipelineSpecs struct {
	SageMakerPipelines []SageMakerPipelineSpec `yaml:"sagemaker_pipelines"`
}

// sageMakerPipelineState is the pipelines' part of a regionState.
type sageMakerPipelineState struct {
	sageMakerPipelines []sageMakerPipeline
}

type sageMakerPipeline struct {
	Name, ARN, Definition string
}

// SageMakerPipelineSpec is a pipeline: a verbatim definition, or one
// Processing step whose NetworkConfig.VpcConfig has the groups (omitted:
// a step without VpcConfig).
type SageMakerPipelineSpec struct {
	Name       string `yaml:"name"`
	Definition string `yaml:"definition"`
	Placement  `yaml:",inline"`
}

func (b *builder) addSageMakerPipelines() error {
	seen := map[string]bool{}
	for i, s := range b.res.SageMakerPipelines {
		at := path{"sagemaker_pipelines", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		def := s.Definition
		if def == "" {
			_, net, err := b.optionalNet(s.Placement, at)
			if err != nil {
				return err
			}
			args := map[string]any{"ProcessingResources": map[string]any{"ClusterConfig": map[string]any{"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 30}}}
			if net != nil {
				args["NetworkConfig"] = map[string]any{"VpcConfig": map[string]any{"SecurityGroupIds": net.Groups, "Subnets": net.Subnets}}
			}
			raw, _ := json.Marshal(map[string]any{"Version": "2020-12-01", "Steps": []any{map[string]any{"Name": "Process", "Type": "Processing", "Arguments": args}}})
			def = string(raw)
		} else if !json.Valid([]byte(def)) {
			return b.errAt(append(at, "definition"), "definition is not JSON")
		}
		b.st.sageMakerPipelines = append(b.st.sageMakerPipelines, sageMakerPipeline{Name: s.Name, Definition: def,
			ARN: b.arn("sagemaker", "pipeline/"+s.Name)})
	}
	return nil
}
