package redshiftserverless

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"
	"github.com/aws/aws-sdk-go-v2/service/redshiftserverless/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeRSS serves one workgroup and one endpoint a page, and tags by ARN.
type fakeRSS struct {
	workgroups []types.Workgroup
	endpoints  []types.EndpointAccess
	tags       map[string][]types.Tag
	tagReads   []string
}

func page[T any](items []T, token *string) ([]T, *string) {
	i := len(aws.ToString(token))
	var next *string
	if i+1 < len(items) {
		next = aws.String(aws.ToString(token) + "n")
	}
	return items[i : i+1], next
}

func (f *fakeRSS) ListWorkgroups(_ context.Context, in *rss.ListWorkgroupsInput, _ ...func(*rss.Options)) (*rss.ListWorkgroupsOutput, error) {
	items, next := page(f.workgroups, in.NextToken)
	return &rss.ListWorkgroupsOutput{Workgroups: items, NextToken: next}, nil
}

func (f *fakeRSS) ListEndpointAccess(_ context.Context, in *rss.ListEndpointAccessInput, _ ...func(*rss.Options)) (*rss.ListEndpointAccessOutput, error) {
	items, next := page(f.endpoints, in.NextToken)
	return &rss.ListEndpointAccessOutput{Endpoints: items, NextToken: next}, nil
}

func (f *fakeRSS) ListTagsForResource(_ context.Context, in *rss.ListTagsForResourceInput, _ ...func(*rss.Options)) (*rss.ListTagsForResourceOutput, error) {
	arn := aws.ToString(in.ResourceArn)
	f.tagReads = append(f.tagReads, arn)
	tags, ok := f.tags[arn]
	if !ok {
		return nil, errors.New("AccessDeniedException")
	}
	return &rss.ListTagsForResourceOutput{Tags: tags}, nil
}

func TestWorkgroupsAcrossPagesWithOwners(t *testing.T) {
	wg := func(name string, groups ...string) types.Workgroup {
		return types.Workgroup{WorkgroupName: aws.String(name), WorkgroupArn: aws.String("arn:" + name), Status: types.WorkgroupStatusAvailable, SecurityGroupIds: groups}
	}
	f := &fakeRSS{
		workgroups: []types.Workgroup{wg("a", "sg-app", "sg-def"), wg("b", "sg-app"), wg("c", "sg-def2")},
		tags:       map[string][]types.Tag{"arn:a": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("dw")}}},
	}
	us, err := findWorkgroups(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:a:live sg-def2:c:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:dw" || us[0].ResourceKind != Workgroup || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("a: %+v", us[0])
	}
	if strings.Join(f.tagReads, " ") != "arn:a arn:c" || !strings.HasPrefix(us[1].ManagedBy, "unknown: ") {
		t.Fatalf("tag reads %q, c owner %q", f.tagReads, us[1].ManagedBy)
	}
}

func TestEndpointsAcrossPages(t *testing.T) {
	ep := func(name string, groups ...string) types.EndpointAccess {
		e := types.EndpointAccess{EndpointName: aws.String(name), WorkgroupName: aws.String("wg"), EndpointStatus: aws.String("ACTIVE")}
		for _, g := range groups {
			e.VpcSecurityGroups = append(e.VpcSecurityGroups, types.VpcSecurityGroupMembership{VpcSecurityGroupId: aws.String(g), Status: aws.String("active")})
		}
		return e
	}
	f := &fakeRSS{endpoints: []types.EndpointAccess{ep("x", "sg-app"), ep("y", "sg-def", "sg-app")}}
	us, err := findEndpoints(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:y:live" || us[0].ResourceKind != EndpointAccess || us[0].Detail != "endpoint of workgroup wg, ACTIVE" {
		t.Fatalf("got %s %+v", got, us)
	}
}
