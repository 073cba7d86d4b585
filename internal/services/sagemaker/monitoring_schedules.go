package sagemaker

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// MonitoringSchedulesAPI is what the monitoring schedule finder calls: the
// schedule, and the job definition of each monitoring type it can name.
type MonitoringSchedulesAPI interface {
	sagemaker.ListMonitoringSchedulesAPIClient
	DescribeMonitoringSchedule(ctx context.Context, in *sagemaker.DescribeMonitoringScheduleInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeMonitoringScheduleOutput, error)
	DescribeDataQualityJobDefinition(ctx context.Context, in *sagemaker.DescribeDataQualityJobDefinitionInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeDataQualityJobDefinitionOutput, error)
	DescribeModelQualityJobDefinition(ctx context.Context, in *sagemaker.DescribeModelQualityJobDefinitionInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeModelQualityJobDefinitionOutput, error)
	DescribeModelBiasJobDefinition(ctx context.Context, in *sagemaker.DescribeModelBiasJobDefinitionInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeModelBiasJobDefinitionOutput, error)
	DescribeModelExplainabilityJobDefinition(ctx context.Context, in *sagemaker.DescribeModelExplainabilityJobDefinitionInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeModelExplainabilityJobDefinitionOutput, error)
}

// MonitoringSchedules finds model monitoring schedules whose processing
// jobs run in a default group: each run is a job with interfaces in the
// VpcConfig of the schedule's inline job definition or of the job
// definition it names (by monitoring type). VpcConfig requires groups, so
// there is no fallback.
var MonitoringSchedules = usage.Finder{
	Name:    "sagemaker-monitoring-schedules",
	Service: "sagemaker",
	Reads: "monitoring schedules' job definitions' NetworkConfig.VpcConfig.SecurityGroupIds, inline or named (ListMonitoringSchedules, " +
		"DescribeMonitoringSchedule, Describe{DataQuality,ModelQuality,ModelBias,ModelExplainability}JobDefinition)",
	IAM: []string{"sagemaker:ListMonitoringSchedules", "sagemaker:DescribeMonitoringSchedule", "sagemaker:DescribeDataQualityJobDefinition",
		"sagemaker:DescribeModelQualityJobDefinition", "sagemaker:DescribeModelBiasJobDefinition", "sagemaker:DescribeModelExplainabilityJobDefinition"},
	Kinds: []resource.Kind{MonitoringSchedule},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findMonitoringSchedules(ctx, sagemaker.NewFromConfig(cfg), t)
	},
}

func findMonitoringSchedules(ctx context.Context, api MonitoringSchedulesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := sagemaker.NewListMonitoringSchedulesPaginator(api, &sagemaker.ListMonitoringSchedulesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.MonitoringScheduleSummaries {
			d, err := api.DescribeMonitoringSchedule(ctx, &sagemaker.DescribeMonitoringScheduleInput{MonitoringScheduleName: s.MonitoringScheduleName})
			if err != nil {
				return out, err
			}
			c := d.MonitoringScheduleConfig
			if c == nil {
				continue
			}
			var vpc *types.VpcConfig
			detail := "inline job definition"
			if c.MonitoringJobDefinition != nil {
				if n := c.MonitoringJobDefinition.NetworkConfig; n != nil {
					vpc = n.VpcConfig
				}
			} else if name := aws.ToString(c.MonitoringJobDefinitionName); name != "" {
				detail = string(c.MonitoringType) + " job definition " + name
				if vpc, err = jobDefinitionVPC(ctx, api, c.MonitoringType, name); err != nil {
					return out, err
				}
			}
			if vpc == nil {
				continue
			}
			out = append(out, svc.Users(t, vpc.SecurityGroupIds, usage.Usage{Kind: usage.KindLatent, ResourceKind: MonitoringSchedule,
				ResourceID: aws.ToString(d.MonitoringScheduleName), ARN: aws.ToString(d.MonitoringScheduleArn), Change: usage.ChangeInPlace,
				Detail: detail + ": each scheduled run is a processing job in this VPC configuration"})...)
		}
	}
	return out, nil
}

// jobDefinitionVPC reads the VpcConfig of a named job definition of the
// given monitoring type (DataQuality when none is given, as for schedules
// created before types existed).
func jobDefinitionVPC(ctx context.Context, api MonitoringSchedulesAPI, typ types.MonitoringType, name string) (*types.VpcConfig, error) {
	var net *types.MonitoringNetworkConfig
	switch typ {
	case "", types.MonitoringTypeDataQuality:
		d, err := api.DescribeDataQualityJobDefinition(ctx, &sagemaker.DescribeDataQualityJobDefinitionInput{JobDefinitionName: aws.String(name)})
		if err != nil {
			return nil, err
		}
		net = d.NetworkConfig
	case types.MonitoringTypeModelQuality:
		d, err := api.DescribeModelQualityJobDefinition(ctx, &sagemaker.DescribeModelQualityJobDefinitionInput{JobDefinitionName: aws.String(name)})
		if err != nil {
			return nil, err
		}
		net = d.NetworkConfig
	case types.MonitoringTypeModelBias:
		d, err := api.DescribeModelBiasJobDefinition(ctx, &sagemaker.DescribeModelBiasJobDefinitionInput{JobDefinitionName: aws.String(name)})
		if err != nil {
			return nil, err
		}
		net = d.NetworkConfig
	case types.MonitoringTypeModelExplainability:
		d, err := api.DescribeModelExplainabilityJobDefinition(ctx, &sagemaker.DescribeModelExplainabilityJobDefinitionInput{JobDefinitionName: aws.String(name)})
		if err != nil {
			return nil, err
		}
		net = d.NetworkConfig
	default:
		// A type this build does not know could hold a VPC config: unknown.
		return nil, fmt.Errorf("job definition %s has monitoring type %q, which this version cannot read", name, typ)
	}
	if net == nil {
		return nil, nil
	}
	return net.VpcConfig, nil
}
