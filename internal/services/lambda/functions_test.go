package lambda

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type fakeLambda struct {
	pages [][]ltypes.FunctionConfiguration
}

func (f *fakeLambda) ListFunctions(_ context.Context, in *lambda.ListFunctionsInput, _ ...func(*lambda.Options)) (*lambda.ListFunctionsOutput, error) {
	if in.FunctionVersion != ltypes.FunctionVersionAll {
		panic("published versions must be listed")
	}
	i := 0
	if in.Marker != nil {
		i = int(aws.ToString(in.Marker)[0] - '0')
	}
	out := &lambda.ListFunctionsOutput{Functions: f.pages[i]}
	if i+1 < len(f.pages) {
		out.NextMarker = aws.String(string(rune('0' + i + 1)))
	}
	return out, nil
}

func TestLambdaFindsPublishedVersionsAcrossPages(t *testing.T) {
	vpc := func(ids ...string) *ltypes.VpcConfigResponse { return &ltypes.VpcConfigResponse{SecurityGroupIds: ids} }
	f := &fakeLambda{pages: [][]ltypes.FunctionConfiguration{
		{{FunctionName: aws.String("api"), Version: aws.String("$LATEST"), VpcConfig: vpc("sg-other")},
			{FunctionName: aws.String("api"), Version: aws.String("3"), VpcConfig: vpc("sg-other", "sg-def")}},
		{{FunctionName: aws.String("no-vpc"), Version: aws.String("$LATEST")},
			{FunctionName: aws.String("etl"), Version: aws.String("$LATEST"), VpcConfig: vpc("sg-def2")}},
	}}
	us, err := findLambda(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:api:latent sg-def2:etl:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != Version || us[0].Change != usage.ChangeDeployment || us[1].Change != usage.ChangeInPlace {
		t.Fatalf("version handling: %+v", us)
	}
}
