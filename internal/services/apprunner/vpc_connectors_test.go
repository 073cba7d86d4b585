package apprunner

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apprunner"
	artypes "github.com/aws/aws-sdk-go-v2/service/apprunner/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeAppRunner struct{ pages [][]artypes.VpcConnector }

func (f *fakeAppRunner) ListVpcConnectors(_ context.Context, in *apprunner.ListVpcConnectorsInput, _ ...func(*apprunner.Options)) (*apprunner.ListVpcConnectorsOutput, error) {
	i := 0
	if in.NextToken != nil {
		i = 1
	}
	out := &apprunner.ListVpcConnectorsOutput{VpcConnectors: f.pages[i]}
	if i == 0 {
		out.NextToken = aws.String("p2")
	}
	return out, nil
}

func TestAppRunnerVPCConnectors(t *testing.T) {
	vc := func(name string, st artypes.VpcConnectorStatus, groups ...string) artypes.VpcConnector {
		return artypes.VpcConnector{VpcConnectorName: aws.String(name), Status: st, SecurityGroups: groups}
	}
	f := &fakeAppRunner{pages: [][]artypes.VpcConnector{
		{vc("a", "ACTIVE", "sg-x"), vc("old", "INACTIVE", "sg-def")},
		{vc("b", "ACTIVE", "sg-def", "sg-def")},
	}}
	us, err := findAppRunnerVPCConnectors(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:b:latent" || us[0].Change != "replacement" {
		t.Fatalf("got %q", got)
	}
}
