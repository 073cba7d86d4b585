package sagemaker

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeMonitoring serves one schedule a page, and job definitions by
// "type/name", each only through its own type's Describe.
type fakeMonitoring struct {
	schedules []*sagemaker.DescribeMonitoringScheduleOutput
	defs      map[string][]string // type/name -> groups
}

func (f *fakeMonitoring) ListMonitoringSchedules(_ context.Context, in *sagemaker.ListMonitoringSchedulesInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListMonitoringSchedulesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &sagemaker.ListMonitoringSchedulesOutput{MonitoringScheduleSummaries: []types.MonitoringScheduleSummary{{MonitoringScheduleName: f.schedules[i].MonitoringScheduleName}}}
	if i+1 < len(f.schedules) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeMonitoring) DescribeMonitoringSchedule(_ context.Context, in *sagemaker.DescribeMonitoringScheduleInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeMonitoringScheduleOutput, error) {
	for _, s := range f.schedules {
		if aws.ToString(s.MonitoringScheduleName) == aws.ToString(in.MonitoringScheduleName) {
			return s, nil
		}
	}
	return nil, svctest.Unexpected("DescribeMonitoringSchedule")
}

func (f *fakeMonitoring) net(typ string, name *string) (*types.MonitoringNetworkConfig, error) {
	g, ok := f.defs[typ+"/"+aws.ToString(name)]
	if !ok {
		return nil, svctest.Unexpected("Describe" + typ + "JobDefinition " + aws.ToString(name))
	}
	return &types.MonitoringNetworkConfig{VpcConfig: &types.VpcConfig{SecurityGroupIds: g, Subnets: []string{"subnet-1"}}}, nil
}

func (f *fakeMonitoring) DescribeDataQualityJobDefinition(_ context.Context, in *sagemaker.DescribeDataQualityJobDefinitionInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeDataQualityJobDefinitionOutput, error) {
	n, err := f.net("DataQuality", in.JobDefinitionName)
	return &sagemaker.DescribeDataQualityJobDefinitionOutput{NetworkConfig: n}, err
}

func (f *fakeMonitoring) DescribeModelQualityJobDefinition(_ context.Context, in *sagemaker.DescribeModelQualityJobDefinitionInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeModelQualityJobDefinitionOutput, error) {
	n, err := f.net("ModelQuality", in.JobDefinitionName)
	return &sagemaker.DescribeModelQualityJobDefinitionOutput{NetworkConfig: n}, err
}

func (f *fakeMonitoring) DescribeModelBiasJobDefinition(_ context.Context, in *sagemaker.DescribeModelBiasJobDefinitionInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeModelBiasJobDefinitionOutput, error) {
	n, err := f.net("ModelBias", in.JobDefinitionName)
	return &sagemaker.DescribeModelBiasJobDefinitionOutput{NetworkConfig: n}, err
}

func (f *fakeMonitoring) DescribeModelExplainabilityJobDefinition(_ context.Context, in *sagemaker.DescribeModelExplainabilityJobDefinitionInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeModelExplainabilityJobDefinitionOutput, error) {
	n, err := f.net("ModelExplainability", in.JobDefinitionName)
	return &sagemaker.DescribeModelExplainabilityJobDefinitionOutput{NetworkConfig: n}, err
}

func named(name string, typ types.MonitoringType, def string) *sagemaker.DescribeMonitoringScheduleOutput {
	return &sagemaker.DescribeMonitoringScheduleOutput{MonitoringScheduleName: aws.String(name), MonitoringScheduleArn: aws.String("arn:" + name),
		MonitoringScheduleConfig: &types.MonitoringScheduleConfig{MonitoringType: typ, MonitoringJobDefinitionName: aws.String(def)}}
}

func TestMonitoringSchedulesInlineAndEveryNamedType(t *testing.T) {
	inline := &sagemaker.DescribeMonitoringScheduleOutput{MonitoringScheduleName: aws.String("inline"), MonitoringScheduleArn: aws.String("arn:inline"),
		MonitoringScheduleConfig: &types.MonitoringScheduleConfig{MonitoringJobDefinition: &types.MonitoringJobDefinition{
			NetworkConfig: &types.NetworkConfig{VpcConfig: &types.VpcConfig{SecurityGroupIds: []string{"sg-x", "sg-def"}}}}}}
	f := &fakeMonitoring{
		schedules: []*sagemaker.DescribeMonitoringScheduleOutput{inline,
			named("legacy", "", "dq"), named("quality", types.MonitoringTypeModelQuality, "mq"),
			named("bias", types.MonitoringTypeModelBias, "mb"), named("explain", types.MonitoringTypeModelExplainability, "me")},
		defs: map[string][]string{"DataQuality/dq": {"sg-def2"}, "ModelQuality/mq": {"sg-x"}, "ModelBias/mb": {"sg-def"}, "ModelExplainability/me": {"sg-def"}},
	}
	us, err := findMonitoringSchedules(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:inline:latent sg-def2:legacy:latent sg-def:bias:latent sg-def:explain:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != MonitoringSchedule || !strings.Contains(us[2].Detail, "ModelBias job definition mb") {
		t.Fatalf("%+v", us)
	}
}

func TestMonitoringSchedulesUnknownTypeIsAnError(t *testing.T) {
	f := &fakeMonitoring{schedules: []*sagemaker.DescribeMonitoringScheduleOutput{named("future", "ModelDrift", "md")}}
	if _, err := findMonitoringSchedules(context.Background(), f, svctest.Target); err == nil || !strings.Contains(err.Error(), "ModelDrift") {
		t.Fatalf("err %v", err)
	}
}
