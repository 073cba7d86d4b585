package ec2

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeSpotRequests serves one request a page and records the filters.
type fakeSpotRequests struct {
	reqs    []types.SpotInstanceRequest
	filters []string
	err     error
}

func (f *fakeSpotRequests) DescribeSpotInstanceRequests(_ context.Context, in *ec2.DescribeSpotInstanceRequestsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSpotInstanceRequestsOutput, error) {
	if f.err != nil {
		return nil, f.err
	}
	for _, fl := range in.Filters {
		f.filters = append(f.filters, aws.ToString(fl.Name)+"="+strings.Join(fl.Values, ","))
	}
	i := len(aws.ToString(in.NextToken))
	out := &ec2.DescribeSpotInstanceRequestsOutput{SpotInstanceRequests: f.reqs[i : i+1]}
	if i+1 < len(f.reqs) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func spotReq(id string, typ types.SpotInstanceType, state types.SpotInstanceState, ls types.LaunchSpecification) types.SpotInstanceRequest {
	return types.SpotInstanceRequest{SpotInstanceRequestId: aws.String(id), Type: typ, State: state, LaunchSpecification: &ls}
}

func TestSpotRequestsThatStillLaunch(t *testing.T) {
	persistent, once := types.SpotInstanceTypePersistent, types.SpotInstanceTypeOneTime
	f := &fakeSpotRequests{reqs: []types.SpotInstanceRequest{
		spotReq("sir-byid", persistent, types.SpotInstanceStateActive, types.LaunchSpecification{
			SecurityGroups: []types.GroupIdentifier{{GroupId: aws.String("sg-x")}, {GroupId: aws.String("sg-def2")}}}),
		spotReq("sir-byname", once, types.SpotInstanceStateOpen, types.LaunchSpecification{
			SecurityGroups: []types.GroupIdentifier{{GroupName: aws.String("default")}}}),
		spotReq("sir-eni", persistent, types.SpotInstanceStateDisabled, types.LaunchSpecification{
			NetworkInterfaces: []types.InstanceNetworkInterfaceSpecification{{Groups: []string{"sg-def"}, SubnetId: aws.String("subnet-z")}}}),
		spotReq("sir-bare", persistent, types.SpotInstanceStateOpen, types.LaunchSpecification{SubnetId: aws.String("subnet-a")}),
		spotReq("sir-nosubnet", once, types.SpotInstanceStateOpen, types.LaunchSpecification{}),
		// Fulfilled one-time requests launch nothing more: their instance
		// is an EC2 instance user.
		spotReq("sir-done", once, types.SpotInstanceStateActive, types.LaunchSpecification{SecurityGroups: []types.GroupIdentifier{{GroupId: aws.String("sg-def")}}}),
		spotReq("sir-clean", persistent, types.SpotInstanceStateActive, types.LaunchSpecification{SecurityGroups: []types.GroupIdentifier{{GroupId: aws.String("sg-x")}}}),
	}}
	us, err := findSpotRequests(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	want := "sg-def2:sir-byid:latent sg-def:sir-byname:latent sg-def:sir-eni:latent subnets:subnet-a:sir-bare:latent sg-def:sir-nosubnet:latent"
	if got := svctest.IDs(us); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if us[0].ResourceKind != SpotRequest || us[0].Detail != "persistent request, active: launches from its launch specification" {
		t.Errorf("first: %+v", us[0])
	}
	if !strings.Contains(us[3].Detail, "(names no group)") {
		t.Errorf("bare: %q", us[3].Detail)
	}
	if f.filters[0] != "state=open,active,disabled" {
		t.Errorf("filters %v", f.filters)
	}
	if step := spotRequestStep(us[0]); !strings.Contains(step, "cannot be modified") || !strings.Contains(step, "ec2:CancelSpotInstanceRequests") ||
		!strings.Contains(step, "ec2:RequestSpotInstances") {
		t.Errorf("step: %s", step)
	}
}

func TestSpotRequestsErrorIsReturned(t *testing.T) {
	boom := errors.New("UnauthorizedOperation")
	if _, err := findSpotRequests(context.Background(), &fakeSpotRequests{err: boom}, svctest.Target); !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
}
