package elasticache

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/elasticache/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeCache struct {
	clusters []types.CacheCluster
	tags     map[string][]types.Tag
	denied   bool
}

func (f *fakeCache) DescribeCacheClusters(context.Context, *elasticache.DescribeCacheClustersInput, ...func(*elasticache.Options)) (*elasticache.DescribeCacheClustersOutput, error) {
	return &elasticache.DescribeCacheClustersOutput{CacheClusters: f.clusters}, nil
}

func (f *fakeCache) ListTagsForResource(_ context.Context, in *elasticache.ListTagsForResourceInput, _ ...func(*elasticache.Options)) (*elasticache.ListTagsForResourceOutput, error) {
	if f.denied {
		return nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "denied"}
	}
	return &elasticache.ListTagsForResourceOutput{TagList: f.tags[aws.ToString(in.ResourceName)]}, nil
}

func TestCacheClustersOwnersAndReplicationGroups(t *testing.T) {
	sg := func(ids ...string) []types.SecurityGroupMembership {
		var out []types.SecurityGroupMembership
		for _, id := range ids {
			out = append(out, types.SecurityGroupMembership{SecurityGroupId: aws.String(id)})
		}
		return out
	}
	f := &fakeCache{clusters: []types.CacheCluster{
		{CacheClusterId: aws.String("redis"), ARN: aws.String("arn:redis"), SecurityGroups: sg("sg-def")},
		{CacheClusterId: aws.String("rg-001"), ARN: aws.String("arn:rg-001"), ReplicationGroupId: aws.String("rg"), SecurityGroups: sg("sg-def2")},
		{CacheClusterId: aws.String("other"), ARN: aws.String("arn:other"), SecurityGroups: sg("sg-x")},
	}, tags: map[string][]types.Tag{"arn:redis": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("cache")}}}}
	us, err := findCacheClusters(context.Background(), f, svctest.Target)
	if err != nil || svctest.IDs(us) != "sg-def:redis:live sg-def2:rg-001:live" {
		t.Fatalf("got %s %v", svctest.IDs(us), err)
	}
	if us[0].ManagedBy != "cloudformation:cache" || us[0].ResourceKind != Cluster {
		t.Fatalf("redis: %+v", us[0])
	}
	if us[1].ResourceKind != ReplicationGroupMember || us[1].Parent != "rg" {
		t.Fatalf("a replication group's node is moved through its group: %+v", us[1])
	}
	f.denied = true
	us, _ = findCacheClusters(context.Background(), f, svctest.Target)
	if !strings.HasPrefix(us[0].ManagedBy, svc.OwnerUnknown) {
		t.Fatalf("a denied tag read must leave the owner unknown: %q", us[0].ManagedBy)
	}
}
