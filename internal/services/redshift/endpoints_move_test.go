package redshift

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/redshift/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// fakeEndpointMoves holds one endpoint and records the modifications.
type fakeEndpointMoves struct {
	ep      types.EndpointAccess
	names   []string // the EndpointName of every Describe
	updates []string
}

func (f *fakeEndpointMoves) DescribeEndpointAccess(_ context.Context, in *redshift.DescribeEndpointAccessInput, _ ...func(*redshift.Options)) (*redshift.DescribeEndpointAccessOutput, error) {
	f.names = append(f.names, aws.ToString(in.EndpointName))
	if aws.ToString(in.EndpointName) != aws.ToString(f.ep.EndpointName) {
		return &redshift.DescribeEndpointAccessOutput{}, nil
	}
	return &redshift.DescribeEndpointAccessOutput{EndpointAccessList: []types.EndpointAccess{f.ep}}, nil
}

func (f *fakeEndpointMoves) ModifyEndpointAccess(_ context.Context, in *redshift.ModifyEndpointAccessInput, _ ...func(*redshift.Options)) (*redshift.ModifyEndpointAccessOutput, error) {
	f.ep.VpcSecurityGroups = nil
	for _, g := range in.VpcSecurityGroupIds {
		f.ep.VpcSecurityGroups = append(f.ep.VpcSecurityGroups, types.VpcSecurityGroupMembership{VpcSecurityGroupId: aws.String(g), Status: aws.String("active")})
	}
	f.ep.EndpointStatus = aws.String("modifying")
	f.updates = append(f.updates, aws.ToString(in.EndpointName)+" "+strings.Join(in.VpcSecurityGroupIds, ","))
	return &redshift.ModifyEndpointAccessOutput{}, nil
}

func TestEndpointMoverSwapsOnlyTheDefaultGroupAndWaitsForActive(t *testing.T) {
	f := &fakeEndpointMoves{ep: types.EndpointAccess{EndpointName: aws.String("reports"), ClusterIdentifier: aws.String("wh"),
		EndpointStatus: aws.String("active"), VpcSecurityGroups: []types.VpcSecurityGroupMembership{
			{VpcSecurityGroupId: aws.String("sg-web")}, {VpcSecurityGroupId: aws.String("sg-def")}}}}
	old := newEndpointAPI
	newEndpointAPI = func(aws.Config) EndpointMoveAPI { return f }
	t.Cleanup(func() { newEndpointAPI = old })
	ctx, cfg, r := context.Background(), aws.Config{}, svc.Resource{Kind: EndpointAccess, ID: "reports"}

	ts, err := endpointMover.Targets(ctx, cfg, r, "sg-def")
	if err != nil || len(ts) != 1 || strings.Join(ts[0].Groups, ",") != "sg-web,sg-def" {
		t.Fatalf("targets %+v %v", ts, err)
	}
	if err := endpointMover.Move(ctx, cfg, r, ts[0], "sg-def", "sg-new"); err != nil {
		t.Fatal(err)
	}
	if what, err := endpointMover.Settled(ctx, cfg, r); err != nil || what != "endpoint modifying" {
		t.Fatalf("settled %q %v", what, err)
	}
	f.ep.EndpointStatus = aws.String("active")
	if what, err := endpointMover.Settled(ctx, cfg, r); err != nil || what != "" {
		t.Fatalf("settled %q %v", what, err)
	}
	// Moved: no target left, and a resumed Move of the old record would
	// send the same list again only if it still held the default group.
	if again, err := endpointMover.Targets(ctx, cfg, r, "sg-def"); err != nil || len(again) != 0 {
		t.Fatalf("still a target: %+v %v", again, err)
	}
	if err := endpointMover.Move(ctx, cfg, r, svc.Target{ID: "reports", Groups: []string{"sg-web", "sg-new"}}, "sg-def", "sg-new"); err != nil {
		t.Fatal(err)
	}
	if err := endpointMover.Restore(ctx, cfg, r, ts[0]); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.updates, "; "); got != "reports sg-web,sg-new; reports sg-web,sg-def" {
		t.Fatalf("updates %s", got)
	}
	for _, n := range f.names {
		if n != "reports" {
			t.Fatalf("DescribeEndpointAccess read %q, not the endpoint by name", n)
		}
	}

	// An endpoint that is gone is not found, named by the operation.
	_, err = endpointMover.Targets(ctx, cfg, svc.Resource{Kind: EndpointAccess, ID: "gone"}, "sg-def")
	if !errors.Is(err, svc.ErrNotFound) || !strings.Contains(err.Error(), "redshift:DescribeEndpointAccess") {
		t.Fatalf("gone: %v", err)
	}
}
