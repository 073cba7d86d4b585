package appstream

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appstream"
	"github.com/aws/aws-sdk-go-v2/service/appstream/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeAppStream serves one fleet and one image builder a page; loop makes
// the last fleet page point back at the first.
type fakeAppStream struct {
	fleets   []types.Fleet
	builders []types.ImageBuilder
	loop     bool
}

func next(i, n int, token *string, loop bool) *string {
	switch {
	case i+1 < n:
		return aws.String(aws.ToString(token) + "n")
	case loop:
		return aws.String("n")
	}
	return nil
}

func (f *fakeAppStream) DescribeFleets(_ context.Context, in *appstream.DescribeFleetsInput, _ ...func(*appstream.Options)) (*appstream.DescribeFleetsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	return &appstream.DescribeFleetsOutput{Fleets: f.fleets[i : i+1], NextToken: next(i, len(f.fleets), in.NextToken, f.loop)}, nil
}

func (f *fakeAppStream) DescribeImageBuilders(_ context.Context, in *appstream.DescribeImageBuildersInput, _ ...func(*appstream.Options)) (*appstream.DescribeImageBuildersOutput, error) {
	i := len(aws.ToString(in.NextToken))
	return &appstream.DescribeImageBuildersOutput{ImageBuilders: f.builders[i : i+1], NextToken: next(i, len(f.builders), in.NextToken, false)}, nil
}

func vpc(groups ...string) *types.VpcConfig { return &types.VpcConfig{SecurityGroupIds: groups} }

func TestFleetsAcrossPages(t *testing.T) {
	f := &fakeAppStream{fleets: []types.Fleet{
		{Name: aws.String("a"), State: types.FleetStateRunning, FleetType: types.FleetTypeOnDemand, VpcConfig: vpc("sg-app", "sg-def")},
		{Name: aws.String("b"), State: types.FleetStateRunning, VpcConfig: vpc("sg-app")},
		{Name: aws.String("c"), State: types.FleetStateStopped, VpcConfig: vpc("sg-def2")}, // no instance now, one at the next start
		{Name: aws.String("d"), State: types.FleetStateRunning},                            // no VPC
	}}
	us, err := findFleets(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:a:live sg-def2:c:latent" || us[0].ResourceKind != Fleet || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("got %s %+v", got, us)
	}
	f.loop = true
	if _, err := findFleets(context.Background(), f, svctest.Target); !errors.Is(err, errRepeatedToken) {
		t.Fatalf("repeated token: %v", err)
	}
}

func TestImageBuildersAcrossPages(t *testing.T) {
	f := &fakeAppStream{builders: []types.ImageBuilder{
		{Name: aws.String("x"), State: types.ImageBuilderStateRunning, VpcConfig: vpc("sg-app")},
		{Name: aws.String("y"), State: types.ImageBuilderStateStopped, VpcConfig: vpc("sg-def")},
	}}
	us, err := findImageBuilders(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:y:latent" || us[0].ResourceKind != ImageBuilder || us[0].Change != usage.ChangeReplacement {
		t.Fatalf("got %s %+v", got, us)
	}
}
