package mwaa

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mwaa"
	mwaatypes "github.com/aws/aws-sdk-go-v2/service/mwaa/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeMWAA lists one environment a page.
type fakeMWAA struct{ envs map[string][]string }

func (f *fakeMWAA) ListEnvironments(_ context.Context, in *mwaa.ListEnvironmentsInput, _ ...func(*mwaa.Options)) (*mwaa.ListEnvironmentsOutput, error) {
	if in.NextToken == nil {
		return &mwaa.ListEnvironmentsOutput{Environments: []string{"etl", "none"}, NextToken: aws.String("p2")}, nil
	}
	return &mwaa.ListEnvironmentsOutput{Environments: []string{"ml"}}, nil
}

func (f *fakeMWAA) GetEnvironment(_ context.Context, in *mwaa.GetEnvironmentInput, _ ...func(*mwaa.Options)) (*mwaa.GetEnvironmentOutput, error) {
	groups, ok := f.envs[aws.ToString(in.Name)]
	env := &mwaatypes.Environment{Name: in.Name}
	if ok {
		env.NetworkConfiguration = &mwaatypes.NetworkConfiguration{SecurityGroupIds: groups}
	}
	return &mwaa.GetEnvironmentOutput{Environment: env}, nil
}

func TestMWAAEnvironments(t *testing.T) {
	f := &fakeMWAA{envs: map[string][]string{"etl": {"sg-x", "sg-def"}, "ml": {"sg-x"}}}
	us, err := findMWAAEnvironments(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:etl:latent" || us[0].Change != "deployment" {
		t.Fatalf("got %q %+v", got, us)
	}
}
