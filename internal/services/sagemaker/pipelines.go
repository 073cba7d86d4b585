package sagemaker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// PipelinesAPI is what the SageMaker pipeline finder calls.
type PipelinesAPI interface {
	sagemaker.ListPipelinesAPIClient
	DescribePipeline(ctx context.Context, in *sagemaker.DescribePipelineInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribePipelineOutput, error)
}

// Pipelines finds SageMaker pipelines whose definition gives a step a
// VpcConfig naming a default group (processing, training, tuning,
// transform… steps: every "VpcConfig" object in the definition). Each
// execution runs those steps as jobs with interfaces in it. A group list
// taken from a pipeline parameter or property ({"Get": …}) is chosen at
// run time: an error, so coverage is unknown, never unused.
var Pipelines = usage.Finder{
	Name:    "sagemaker-pipelines",
	Service: "sagemaker",
	Reads:   "every pipeline definition's VpcConfig.SecurityGroupIds, wherever a step gives one (ListPipelines, DescribePipeline)",
	IAM:     []string{"sagemaker:ListPipelines", "sagemaker:DescribePipeline"},
	Kinds:   []resource.Kind{Pipeline},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findPipelines(ctx, sagemaker.NewFromConfig(cfg), t)
	},
}

func findPipelines(ctx context.Context, api PipelinesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var unreadable []error
	p := sagemaker.NewListPipelinesPaginator(api, &sagemaker.ListPipelinesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.PipelineSummaries {
			d, err := api.DescribePipeline(ctx, &sagemaker.DescribePipelineInput{PipelineName: s.PipelineName})
			if err != nil {
				return out, err
			}
			groups, err := definitionGroups(aws.ToString(d.PipelineDefinition))
			if err != nil {
				unreadable = append(unreadable, fmt.Errorf("pipeline %s: %w", aws.ToString(d.PipelineName), err))
			}
			out = append(out, svc.Users(t, groups, usage.Usage{Kind: usage.KindLatent, ResourceKind: Pipeline,
				ResourceID: aws.ToString(d.PipelineName), ARN: aws.ToString(d.PipelineArn), Change: usage.ChangeInPlace,
				Detail: "a step's VpcConfig: each execution runs the step as a job in it"})...)
		}
	}
	return out, errors.Join(unreadable...)
}

// definitionGroups returns the literal SecurityGroupIds of every VpcConfig
// in a pipeline definition.
func definitionGroups(definition string) ([]string, error) {
	var doc any
	if err := json.Unmarshal([]byte(definition), &doc); err != nil {
		return nil, fmt.Errorf("definition is not JSON: %w", err)
	}
	var groups []string
	dynamic := false
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			if vpc, ok := v["VpcConfig"]; ok {
				ids, known := literalIDs(vpc)
				groups, dynamic = append(groups, ids...), dynamic || !known
			}
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if k != "VpcConfig" {
					walk(v[k])
				}
			}
		}
	}
	walk(doc)
	if dynamic {
		return groups, errors.New("a step's security groups are chosen at run time")
	}
	return groups, nil
}

// literalIDs reads VpcConfig.SecurityGroupIds; known is false when the
// config or any id is a parameter or property reference.
func literalIDs(vpc any) (ids []string, known bool) {
	m, ok := vpc.(map[string]any)
	if !ok {
		return nil, false
	}
	list, ok := m["SecurityGroupIds"].([]any)
	if !ok {
		return nil, m["SecurityGroupIds"] == nil
	}
	for _, e := range list {
		s, ok := e.(string)
		if !ok || !strings.HasPrefix(s, "sg-") {
			return ids, false
		}
		ids = append(ids, s)
	}
	return ids, true
}
