package kinesisanalytics

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ka "github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2"
	"github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeApplications serves one application a page and each one's details.
type fakeApplications struct {
	apps []types.ApplicationDetail
}

func (f *fakeApplications) ListApplications(_ context.Context, in *ka.ListApplicationsInput, _ ...func(*ka.Options)) (*ka.ListApplicationsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &ka.ListApplicationsOutput{ApplicationSummaries: []types.ApplicationSummary{{ApplicationName: f.apps[i].ApplicationName}}}
	if i+1 < len(f.apps) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeApplications) DescribeApplication(_ context.Context, in *ka.DescribeApplicationInput, _ ...func(*ka.Options)) (*ka.DescribeApplicationOutput, error) {
	for i := range f.apps {
		if aws.ToString(f.apps[i].ApplicationName) == aws.ToString(in.ApplicationName) {
			return &ka.DescribeApplicationOutput{ApplicationDetail: &f.apps[i]}, nil
		}
	}
	return nil, svctest.Unexpected("DescribeApplication " + aws.ToString(in.ApplicationName))
}

func flink(name string, status types.ApplicationStatus, vpcs ...[]string) types.ApplicationDetail {
	d := types.ApplicationDetail{ApplicationName: aws.String(name), ApplicationARN: aws.String("arn:" + name), ApplicationStatus: status,
		RuntimeEnvironment: types.RuntimeEnvironmentFlink118, ApplicationConfigurationDescription: &types.ApplicationConfigurationDescription{}}
	for _, g := range vpcs {
		d.ApplicationConfigurationDescription.VpcConfigurationDescriptions = append(d.ApplicationConfigurationDescription.VpcConfigurationDescriptions,
			types.VpcConfigurationDescription{SecurityGroupIds: g, SubnetIds: []string{"subnet-1"}, VpcId: aws.String("vpc-1")})
	}
	return d
}

func TestApplicationsStoppedLatentRunningLive(t *testing.T) {
	f := &fakeApplications{apps: []types.ApplicationDetail{
		flink("stopped", types.ApplicationStatusReady, []string{"sg-x", "sg-def"}),
		flink("running", types.ApplicationStatusRunning, []string{"sg-def2"}),
		flink("web", types.ApplicationStatusReady, []string{"sg-x"}),
		flink("no-vpc", types.ApplicationStatusReady),
	}}
	us, err := findApplications(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:stopped:latent sg-def2:running:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != Application || us[0].ARN != "arn:stopped" || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("stopped: %+v", us[0])
	}
}
