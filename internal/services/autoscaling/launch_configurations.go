package autoscaling

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// LaunchConfigurations finds launch configurations that put
// instances in a default group, by id or by the name "default". They are
// immutable: the way off is a new launch template, hence replacement.
// Configurations no group uses still count: anyone can attach them later.
var LaunchConfigurations = usage.Finder{
	Name:    "autoscaling-launch-configurations",
	Service: "autoscaling",
	Reads:   "launch configurations' SecurityGroups and ClassicLinkVPCSecurityGroups (DescribeLaunchConfigurations)",
	IAM:     []string{"autoscaling:DescribeLaunchConfigurations"},
	Kinds:   []resource.Kind{LaunchConfiguration},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findLaunchConfigurations(ctx, autoscaling.NewFromConfig(cfg), t)
	},
}

func findLaunchConfigurations(ctx context.Context, api autoscaling.DescribeLaunchConfigurationsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	err := eachLaunchConfiguration(ctx, api, nil, func(lc astypes.LaunchConfiguration) {
		out = append(out, svc.Users(t, launchConfigGroups(t, lc), usage.Usage{Kind: usage.KindLatent,
			ResourceKind: LaunchConfiguration, ResourceID: aws.ToString(lc.LaunchConfigurationName),
			ARN:    aws.ToString(lc.LaunchConfigurationARN),
			Detail: "immutable: migrate its Auto Scaling groups to a launch template", Change: usage.ChangeReplacement})...)
	})
	return out, err
}

// eachLaunchConfiguration pages through the named configurations (all
// when names is nil), at most 50 names a request as the API allows.
func eachLaunchConfiguration(ctx context.Context, api autoscaling.DescribeLaunchConfigurationsAPIClient, names []string, fn func(astypes.LaunchConfiguration)) error {
	batches := svc.Chunks(names, 50)
	if names == nil {
		batches = [][]string{nil}
	}
	for _, batch := range batches {
		p := autoscaling.NewDescribeLaunchConfigurationsPaginator(api, &autoscaling.DescribeLaunchConfigurationsInput{
			LaunchConfigurationNames: batch, MaxRecords: aws.Int32(100)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			for _, lc := range page.LaunchConfigurations {
				fn(lc)
			}
		}
	}
	return nil
}

// launchConfigGroups are a configuration's groups as ids: the API returns
// what it was created with, ids or (in a default VPC) names.
func launchConfigGroups(t usage.Target, lc astypes.LaunchConfiguration) []string {
	return svc.ByName(t, append(append([]string{}, lc.SecurityGroups...), lc.ClassicLinkVPCSecurityGroups...))
}
