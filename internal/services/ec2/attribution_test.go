package ec2

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

func TestManagedBy(t *testing.T) {
	tags := []types.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("web")}}
	if got := svc.ManagedBy(tags); got != "cloudformation:web" {
		t.Fatalf("got %q", got)
	}
	if got := svc.ManagedBy(nil); got != "" {
		t.Fatalf("got %q", got)
	}
}
