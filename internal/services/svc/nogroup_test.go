package svc

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/usage"
)

type failingSubnets struct{}

func (failingSubnets) DescribeSubnets(context.Context, *ec2.DescribeSubnetsInput, ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error) {
	return nil, errors.New("InvalidSubnetID.NotFound")
}

// A failed subnet lookup fails the finder (unknown) and keeps its real users
// as partial results, never a placeholder that names no group.
func TestResolveNoGroupFailureKeepsNoPlaceholder(t *testing.T) {
	us := []usage.Usage{{GroupID: "sg-def", ResourceID: "a"}, {GroupID: NoGroupID([]string{"subnet-x"}), ResourceID: "b"}}
	got, err := ResolveNoGroup(context.Background(), failingSubnets{}, usage.Target{GroupIDs: []string{"sg-def"}}, us)
	if err == nil || len(got) != 1 || got[0].ResourceID != "a" {
		t.Fatalf("got %+v, %v", got, err)
	}
}
