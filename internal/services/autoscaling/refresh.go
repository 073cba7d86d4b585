package autoscaling

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// RefreshAPI is what starting an instance refresh calls.
type RefreshAPI interface {
	StartInstanceRefresh(context.Context, *autoscaling.StartInstanceRefreshInput, ...func(*autoscaling.Options)) (*autoscaling.StartInstanceRefreshOutput, error)
}

// instanceRefresh replaces a group's running instances after its launch
// template moved: StartInstanceRefresh with the group's own defaults (its
// preferences, or AWS's: 90% healthy, rolling), so the new instances launch
// from the template's new default version. A refresh already in progress
// (an earlier, interrupted apply started it) counts as started.
var instanceRefresh = svc.Refresher{
	API:  "autoscaling:StartInstanceRefresh",
	IAM:  []string{"autoscaling:StartInstanceRefresh"},
	ARNs: []string{"arn:aws:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/*"},
	Start: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		return startRefresh(ctx, autoscaling.NewFromConfig(cfg), r.ID)
	},
}

func startRefresh(ctx context.Context, api RefreshAPI, group string) (string, error) {
	out, err := api.StartInstanceRefresh(ctx, &autoscaling.StartInstanceRefreshInput{AutoScalingGroupName: aws.String(group)})
	if awsx.ErrorCode(err) == "InstanceRefreshInProgress" {
		return "already in progress", nil
	}
	if err != nil {
		return "", svc.OpErr("autoscaling:StartInstanceRefresh", err)
	}
	return aws.ToString(out.InstanceRefreshId), nil
}
