package redshift

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/redshift/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

type fakeEndpoints struct{ endpoints []types.EndpointAccess }

func (f *fakeEndpoints) DescribeEndpointAccess(_ context.Context, in *redshift.DescribeEndpointAccessInput, _ ...func(*redshift.Options)) (*redshift.DescribeEndpointAccessOutput, error) {
	i := len(aws.ToString(in.Marker))
	out := &redshift.DescribeEndpointAccessOutput{EndpointAccessList: f.endpoints[i : i+1]}
	if i+1 < len(f.endpoints) {
		out.Marker = aws.String(aws.ToString(in.Marker) + "n")
	}
	return out, nil
}

func TestEndpointsAcrossPages(t *testing.T) {
	ep := func(name string, groups ...string) types.EndpointAccess {
		e := types.EndpointAccess{EndpointName: aws.String(name), ClusterIdentifier: aws.String("wh"), EndpointStatus: aws.String("active")}
		for _, g := range groups {
			e.VpcSecurityGroups = append(e.VpcSecurityGroups, types.VpcSecurityGroupMembership{VpcSecurityGroupId: aws.String(g)})
		}
		return e
	}
	f := &fakeEndpoints{endpoints: []types.EndpointAccess{ep("a", "sg-app", "sg-def"), ep("b", "sg-app"), ep("c", "sg-def2")}}
	us, err := findEndpoints(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:a:live sg-def2:c:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != EndpointAccess || us[0].Change != usage.ChangeInPlace || us[0].Detail != "endpoint of cluster wh, active" {
		t.Fatalf("a: %+v", us[0])
	}
}
