package elasticache

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/elasticache/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeServerless serves one cache a page, and tags by ARN.
type fakeServerless struct {
	caches   []types.ServerlessCache
	tags     map[string][]types.Tag
	tagReads []string
}

func (f *fakeServerless) DescribeServerlessCaches(_ context.Context, in *elasticache.DescribeServerlessCachesInput, _ ...func(*elasticache.Options)) (*elasticache.DescribeServerlessCachesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &elasticache.DescribeServerlessCachesOutput{ServerlessCaches: f.caches[i : i+1]}
	if i+1 < len(f.caches) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeServerless) ListTagsForResource(_ context.Context, in *elasticache.ListTagsForResourceInput, _ ...func(*elasticache.Options)) (*elasticache.ListTagsForResourceOutput, error) {
	arn := aws.ToString(in.ResourceName)
	f.tagReads = append(f.tagReads, arn)
	tags, ok := f.tags[arn]
	if !ok {
		return nil, errors.New("AccessDenied")
	}
	return &elasticache.ListTagsForResourceOutput{TagList: tags}, nil
}

func serverless(name string, groups ...string) types.ServerlessCache {
	return types.ServerlessCache{ServerlessCacheName: aws.String(name), ARN: aws.String("arn:" + name),
		Engine: aws.String("valkey"), Status: aws.String("available"), SecurityGroupIds: groups}
}

func TestServerlessCachesAcrossPagesWithOwners(t *testing.T) {
	f := &fakeServerless{
		caches: []types.ServerlessCache{serverless("a", "sg-app", "sg-def"), serverless("b", "sg-app"), serverless("c", "sg-def2")},
		tags:   map[string][]types.Tag{"arn:a": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("cache")}}},
	}
	us, err := findServerlessCaches(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:a:live sg-def2:c:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:cache" || us[0].ResourceKind != ServerlessCache || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("a: %+v", us[0])
	}
	if strings.Join(f.tagReads, " ") != "arn:a arn:c" || !strings.HasPrefix(us[1].ManagedBy, "unknown: ") {
		t.Fatalf("tag reads %q, c owner %q", f.tagReads, us[1].ManagedBy)
	}
}
