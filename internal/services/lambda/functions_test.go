package lambda

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type fakeLambda struct {
	pages  [][]ltypes.FunctionConfiguration
	tags   map[string]map[string]string // by unqualified ARN
	denied bool
	asked  []string
}

func (f *fakeLambda) ListTags(_ context.Context, in *lambda.ListTagsInput, _ ...func(*lambda.Options)) (*lambda.ListTagsOutput, error) {
	f.asked = append(f.asked, aws.ToString(in.Resource))
	if f.denied {
		return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "denied"}
	}
	return &lambda.ListTagsOutput{Tags: f.tags[aws.ToString(in.Resource)]}, nil
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
			{FunctionName: aws.String("api"), Version: aws.String("3"), VpcConfig: vpc("sg-other", "sg-def"),
				FunctionArn: aws.String("arn:aws:lambda:r:1:function:api:3")}},
		{{FunctionName: aws.String("no-vpc"), Version: aws.String("$LATEST")},
			{FunctionName: aws.String("etl"), Version: aws.String("$LATEST"), VpcConfig: vpc("sg-def2"),
				FunctionArn: aws.String("arn:aws:lambda:r:1:function:etl")}},
	}, tags: map[string]map[string]string{"arn:aws:lambda:r:1:function:api": {"aws:cloudformation:stack-name": "api-stack"}}}
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
	// Tags are read for users only, of the function (a version has none).
	if us[0].ManagedBy != "cloudformation:api-stack" || us[1].ManagedBy != "" ||
		!slices.Equal(f.asked, []string{"arn:aws:lambda:r:1:function:api", "arn:aws:lambda:r:1:function:etl"}) {
		t.Fatalf("owners %q %q, asked %v", us[0].ManagedBy, us[1].ManagedBy, f.asked)
	}
	// A denied tag read leaves the owner unknown, never "nobody".
	f.denied = true
	us, err = findLambda(context.Background(), f, svctest.Target)
	if err != nil || len(us) != 2 || !strings.HasPrefix(us[1].ManagedBy, svc.OwnerUnknown) {
		t.Fatalf("denied ListTags: %v %+v", err, us)
	}
}
