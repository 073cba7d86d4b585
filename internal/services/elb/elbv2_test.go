package elb

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeELBv2 serves one load balancer a page; failAt makes that page fail.
type fakeELBv2 struct {
	t      *testing.T
	lbs    []elbv2types.LoadBalancer
	tags   map[string][]elbv2types.Tag
	failAt int
	tagged []string
}

func (f *fakeELBv2) DescribeLoadBalancers(_ context.Context, in *elbv2.DescribeLoadBalancersInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeLoadBalancersOutput, error) {
	i := len(aws.ToString(in.Marker))
	if i == f.failAt {
		return nil, errors.New("boom")
	}
	out := &elbv2.DescribeLoadBalancersOutput{LoadBalancers: f.lbs[i : i+1]}
	if i+1 < len(f.lbs) {
		out.NextMarker = aws.String(aws.ToString(in.Marker) + "m")
	}
	return out, nil
}

func (f *fakeELBv2) DescribeTags(_ context.Context, in *elbv2.DescribeTagsInput, _ ...func(*elbv2.Options)) (*elbv2.DescribeTagsOutput, error) {
	if len(in.ResourceArns) > 20 {
		f.t.Errorf("DescribeTags with %d ARNs", len(in.ResourceArns))
	}
	out := &elbv2.DescribeTagsOutput{}
	for _, arn := range in.ResourceArns {
		f.tagged = append(f.tagged, arn)
		out.TagDescriptions = append(out.TagDescriptions, elbv2types.TagDescription{ResourceArn: aws.String(arn), Tags: f.tags[arn]})
	}
	return out, nil
}

func lbv2(name string, groups ...string) elbv2types.LoadBalancer {
	return elbv2types.LoadBalancer{LoadBalancerName: aws.String(name), LoadBalancerArn: aws.String("arn/" + name),
		Type: elbv2types.LoadBalancerTypeEnumApplication, SecurityGroups: groups}
}

func TestELBv2FindsUsersAndTagsOnlyThem(t *testing.T) {
	f := &fakeELBv2{t: t, failAt: -1, lbs: []elbv2types.LoadBalancer{lbv2("web", "sg-def"), lbv2("nlb"), lbv2("api", "sg-x", "sg-def2")},
		tags: map[string][]elbv2types.Tag{"arn/web": {{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("edge")}}}}
	us, err := findELBv2(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:web:live sg-def2:api:live" || us[0].ManagedBy != "cloudformation:edge" || us[1].ManagedBy != "" {
		t.Fatalf("got %s %+v", got, us)
	}
	if len(f.tagged) != 2 {
		t.Errorf("tags read for %v", f.tagged)
	}
	// A failing second page keeps the first page's users and reports the error.
	f = &fakeELBv2{t: t, failAt: 1, lbs: f.lbs}
	us, err = findELBv2(context.Background(), f, svctest.Target)
	if err == nil || svctest.IDs(us) != "sg-def:web:live" {
		t.Fatalf("partial: %s, %v", svctest.IDs(us), err)
	}
}
