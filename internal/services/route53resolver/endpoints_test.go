package route53resolver

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeResolver serves one endpoint a page, and tags by ARN.
type fakeResolver struct {
	endpoints []types.ResolverEndpoint
	tags      map[string][]types.Tag
	tagReads  []string
}

func (f *fakeResolver) ListResolverEndpoints(_ context.Context, in *route53resolver.ListResolverEndpointsInput, _ ...func(*route53resolver.Options)) (*route53resolver.ListResolverEndpointsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &route53resolver.ListResolverEndpointsOutput{ResolverEndpoints: f.endpoints[i : i+1]}
	if i+1 < len(f.endpoints) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeResolver) ListTagsForResource(_ context.Context, in *route53resolver.ListTagsForResourceInput, _ ...func(*route53resolver.Options)) (*route53resolver.ListTagsForResourceOutput, error) {
	arn := aws.ToString(in.ResourceArn)
	f.tagReads = append(f.tagReads, arn)
	tags, ok := f.tags[arn]
	if !ok {
		return nil, errors.New("AccessDeniedException")
	}
	return &route53resolver.ListTagsForResourceOutput{Tags: tags}, nil
}

func endpoint(id string, dir types.ResolverEndpointDirection, groups ...string) types.ResolverEndpoint {
	return types.ResolverEndpoint{Id: aws.String(id), Arn: aws.String("arn:" + id), Name: aws.String(id + "-name"), Direction: dir, SecurityGroupIds: groups}
}

func TestEndpointsAcrossPagesWithOwners(t *testing.T) {
	f := &fakeResolver{
		endpoints: []types.ResolverEndpoint{
			endpoint("rslvr-in-1", types.ResolverEndpointDirectionInbound, "sg-app", "sg-def"),
			endpoint("rslvr-out-2", types.ResolverEndpointDirectionOutbound, "sg-app"),
			endpoint("rslvr-out-3", types.ResolverEndpointDirectionOutbound, "sg-def2"),
		},
		tags: map[string][]types.Tag{"arn:rslvr-in-1": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("dns")}}},
	}
	us, err := findEndpoints(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:rslvr-in-1:live sg-def2:rslvr-out-3:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:dns" || us[0].ResourceKind != Endpoint || us[0].Change != usage.ChangeReplacement ||
		us[0].Detail != "rslvr-in-1-name, INBOUND" {
		t.Fatalf("rslvr-in-1: %+v", us[0])
	}
	// Tags are read for users only, and a failed read is said.
	if strings.Join(f.tagReads, " ") != "arn:rslvr-in-1 arn:rslvr-out-3" || !strings.HasPrefix(us[1].ManagedBy, "unknown: ") {
		t.Fatalf("tag reads %q, rslvr-out-3 owner %q", f.tagReads, us[1].ManagedBy)
	}
}
