package autoscaling

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// AutoScalingGroupsAPI is what the Auto Scaling group finder calls.
type AutoScalingGroupsAPI interface {
	autoscaling.DescribeAutoScalingGroupsAPIClient
	autoscaling.DescribeLaunchConfigurationsAPIClient
}

// Groups finds groups that will launch instances into a default
// group through their launch configuration or any launch template they
// reference (the exact version, $Latest and $Default resolved by EC2).
// Running instances are found by the interface finder; this finds the
// ones the next scale-out creates.
var Groups = usage.Finder{
	Name:    "autoscaling-groups",
	Service: "autoscaling",
	Reads: "Auto Scaling groups' launch configuration and launch templates (incl. mixed instances policy overrides), " +
		"resolved through DescribeLaunchConfigurations and DescribeLaunchTemplateVersions",
	IAM:   []string{"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeLaunchConfigurations", "ec2:DescribeLaunchTemplateVersions"},
	Kinds: []resource.Kind{Group},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findAutoScalingGroups(ctx, autoscaling.NewFromConfig(cfg), ec2.NewFromConfig(cfg), t)
	},
}

func findAutoScalingGroups(ctx context.Context, api AutoScalingGroupsAPI, ec2api ec2.DescribeLaunchTemplateVersionsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var groups []astypes.AutoScalingGroup
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(api, &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		groups = append(groups, page.AutoScalingGroups...)
	}
	lcGroups, err := launchConfigsOf(ctx, api, t, groups)
	if err != nil {
		return nil, err
	}
	lt := &templateResolver{api: ec2api, t: t, cache: map[string][]string{}}
	var out []usage.Usage
	for _, g := range groups {
		via := map[string][]string{} // group id -> what puts the ASG in it
		var order []string
		add := func(ids []string, source string) {
			for _, id := range svc.Matching(t, ids) {
				if via[id] == nil {
					order = append(order, id)
				}
				via[id] = append(via[id], source)
			}
		}
		if name := aws.ToString(g.LaunchConfigurationName); name != "" {
			add(lcGroups[name], "launch configuration "+name)
		}
		for _, spec := range asgTemplates(g) {
			ids, err := lt.groups(ctx, spec)
			if err != nil {
				return out, err
			}
			add(ids, templateLabel(spec))
		}
		for _, id := range order {
			out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
				ResourceKind: Group, ResourceID: aws.ToString(g.AutoScalingGroupName), ARN: aws.ToString(g.AutoScalingGroupARN),
				Detail:    "via " + strings.Join(via[id], ", ") + ": update the group, then start an instance refresh",
				ManagedBy: svc.ManagedBy(svc.TagsOf(g.Tags, func(tag astypes.TagDescription) (*string, *string) { return tag.Key, tag.Value })),
				Change:    usage.ChangeDeployment})
		}
	}
	return out, nil
}

// launchConfigsOf reads the groups of every launch configuration the
// Auto Scaling groups use, by name.
func launchConfigsOf(ctx context.Context, api autoscaling.DescribeLaunchConfigurationsAPIClient, t usage.Target, groups []astypes.AutoScalingGroup) (map[string][]string, error) {
	out := map[string][]string{}
	var names []string
	for _, g := range groups {
		if n := aws.ToString(g.LaunchConfigurationName); n != "" && out[n] == nil {
			out[n] = []string{}
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return out, nil
	}
	err := eachLaunchConfiguration(ctx, api, names, func(lc astypes.LaunchConfiguration) {
		out[aws.ToString(lc.LaunchConfigurationName)] = launchConfigGroups(t, lc)
	})
	return out, err
}
