package memorydb

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/memorydb"
	"github.com/aws/aws-sdk-go-v2/service/memorydb/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeMemoryDB serves one cluster a page, and tags by ARN.
type fakeMemoryDB struct {
	clusters []types.Cluster
	tags     map[string][]types.Tag
	tagReads []string
}

func (f *fakeMemoryDB) DescribeClusters(_ context.Context, in *memorydb.DescribeClustersInput, _ ...func(*memorydb.Options)) (*memorydb.DescribeClustersOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &memorydb.DescribeClustersOutput{Clusters: f.clusters[i : i+1]}
	if i+1 < len(f.clusters) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeMemoryDB) ListTags(_ context.Context, in *memorydb.ListTagsInput, _ ...func(*memorydb.Options)) (*memorydb.ListTagsOutput, error) {
	arn := aws.ToString(in.ResourceArn)
	f.tagReads = append(f.tagReads, arn)
	tags, ok := f.tags[arn]
	if !ok {
		return nil, errors.New("AccessDeniedException")
	}
	return &memorydb.ListTagsOutput{TagList: tags}, nil
}

func cluster(name string, groups ...string) types.Cluster {
	c := types.Cluster{Name: aws.String(name), ARN: aws.String("arn:" + name), Engine: aws.String("valkey"),
		EngineVersion: aws.String("7.2"), Status: aws.String("available")}
	for _, g := range groups {
		c.SecurityGroups = append(c.SecurityGroups, types.SecurityGroupMembership{SecurityGroupId: aws.String(g), Status: aws.String("active")})
	}
	return c
}

func TestClustersAcrossPagesWithOwners(t *testing.T) {
	f := &fakeMemoryDB{
		clusters: []types.Cluster{cluster("a", "sg-app", "sg-def"), cluster("b", "sg-app"), cluster("c", "sg-def2")},
		tags:     map[string][]types.Tag{"arn:a": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("cache")}}},
	}
	us, err := findClusters(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:a:live sg-def2:c:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:cache" || us[0].ResourceKind != Cluster || us[0].Change != usage.ChangeInPlace ||
		us[0].Detail != "valkey 7.2, available" {
		t.Fatalf("a: %+v", us[0])
	}
	if strings.Join(f.tagReads, " ") != "arn:a arn:c" || !strings.HasPrefix(us[1].ManagedBy, "unknown: ") {
		t.Fatalf("tag reads %q, c owner %q", f.tagReads, us[1].ManagedBy)
	}
}
