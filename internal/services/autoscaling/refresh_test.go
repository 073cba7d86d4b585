package autoscaling

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/smithy-go"
)

type fakeRefresh struct {
	err  error
	name string
}

func (f *fakeRefresh) StartInstanceRefresh(_ context.Context, in *autoscaling.StartInstanceRefreshInput, _ ...func(*autoscaling.Options)) (*autoscaling.StartInstanceRefreshOutput, error) {
	f.name = aws.ToString(in.AutoScalingGroupName)
	if f.err != nil {
		return nil, f.err
	}
	return &autoscaling.StartInstanceRefreshOutput{InstanceRefreshId: aws.String("r-1")}, nil
}

// A refresh in progress (an interrupted apply started it) counts as
// started; any other error, a denial included, is returned.
func TestStartRefresh(t *testing.T) {
	f := &fakeRefresh{}
	if id, err := startRefresh(context.Background(), f, "web-asg"); id != "r-1" || err != nil || f.name != "web-asg" {
		t.Fatalf("%q %v %q", id, err, f.name)
	}
	f.err = &smithy.GenericAPIError{Code: "InstanceRefreshInProgress"}
	if id, err := startRefresh(context.Background(), f, "web-asg"); id != "already in progress" || err != nil {
		t.Fatalf("%q %v", id, err)
	}
	denied := &smithy.GenericAPIError{Code: "AccessDenied"}
	f.err = denied
	if _, err := startRefresh(context.Background(), f, "web-asg"); !errors.Is(err, denied) {
		t.Fatalf("denial lost: %v", err)
	}
}
