package emrserverless

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeApplications serves one application a page and each one's details.
type fakeApplications struct {
	apps []types.Application
}

func (f *fakeApplications) ListApplications(_ context.Context, in *emrserverless.ListApplicationsInput, _ ...func(*emrserverless.Options)) (*emrserverless.ListApplicationsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	a := f.apps[i]
	out := &emrserverless.ListApplicationsOutput{Applications: []types.ApplicationSummary{{Id: a.ApplicationId, State: a.State}}}
	if i+1 < len(f.apps) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeApplications) GetApplication(_ context.Context, in *emrserverless.GetApplicationInput, _ ...func(*emrserverless.Options)) (*emrserverless.GetApplicationOutput, error) {
	for i := range f.apps {
		if aws.ToString(f.apps[i].ApplicationId) == aws.ToString(in.ApplicationId) && f.apps[i].State != types.ApplicationStateTerminated {
			return &emrserverless.GetApplicationOutput{Application: &f.apps[i]}, nil
		}
	}
	return nil, svctest.Unexpected("GetApplication " + aws.ToString(in.ApplicationId))
}

func app(id string, state types.ApplicationState, subnets []string, groups ...string) types.Application {
	a := types.Application{ApplicationId: aws.String(id), Arn: aws.String("arn:" + id), Name: aws.String(id), Type: aws.String("SPARK"), State: state}
	if subnets != nil || groups != nil {
		a.NetworkConfiguration = &types.NetworkConfiguration{SubnetIds: subnets, SecurityGroupIds: groups}
	}
	return a
}

func TestApplicationsNamedNoGroupNoVPCAndTerminated(t *testing.T) {
	named := app("named", types.ApplicationStateStopped, []string{"subnet-1"}, "sg-x", "sg-def")
	named.Tags = map[string]string{"aws:cloudformation:stack-name": "spark"}
	f := &fakeApplications{apps: []types.Application{
		named,
		app("web", types.ApplicationStateStarted, []string{"subnet-1"}, "sg-x"),
		app("subnets-only", types.ApplicationStateCreated, []string{"subnet-2"}),
		app("public", types.ApplicationStateCreated, nil),
		app("gone", types.ApplicationStateTerminated, []string{"subnet-1"}, "sg-def"),
	}}
	us, err := findApplications(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:named:latent subnets:subnet-2:subnets-only:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:spark" || us[0].ResourceKind != Application || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("named: %+v", us[0])
	}
}
