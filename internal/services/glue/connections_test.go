package glue

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/glue/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeGlue struct{ pages [][]types.Connection }

func (f *fakeGlue) GetConnections(_ context.Context, in *glue.GetConnectionsInput, _ ...func(*glue.Options)) (*glue.GetConnectionsOutput, error) {
	if !in.HidePassword {
		return nil, svctest.Unexpected("GetConnections without HidePassword")
	}
	i := 0
	if in.NextToken != nil {
		i = 1
	}
	out := &glue.GetConnectionsOutput{ConnectionList: f.pages[i]}
	if i == 0 {
		out.NextToken = aws.String("p2")
	}
	return out, nil
}

func TestGlueConnectionsAcrossPages(t *testing.T) {
	req := func(ids ...string) *types.PhysicalConnectionRequirements {
		return &types.PhysicalConnectionRequirements{SecurityGroupIdList: ids, SubnetId: aws.String("subnet-1")}
	}
	f := &fakeGlue{pages: [][]types.Connection{
		{{Name: aws.String("kafka")}, {Name: aws.String("other"), PhysicalConnectionRequirements: req("sg-x")}},
		{{Name: aws.String("warehouse"), PhysicalConnectionRequirements: req("sg-def2", "sg-def")}},
	}}
	us, err := findGlueConnections(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def2:warehouse:latent sg-def:warehouse:latent" {
		t.Fatalf("got %q", got)
	}
}
