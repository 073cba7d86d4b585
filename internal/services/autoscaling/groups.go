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
// A configuration or template version that names no group at all
// launches into the default group of the group's subnets' VPC
// (VPCZoneIdentifier; none: the default VPC), as RunInstances does; a
// subnet that cannot be resolved makes the finder fail (unknown), never
// drops the group. Running instances are found by the interface finder;
// this finds the ones the next scale-out creates.
var Groups = usage.Finder{
	Name:    "autoscaling-groups",
	Service: "autoscaling",
	Reads: "Auto Scaling groups' launch configuration and launch templates (incl. mixed instances policy overrides), " +
		"resolved through DescribeLaunchConfigurations and DescribeLaunchTemplateVersions; when they name no group, " +
		"the VPCZoneIdentifier subnets' VPC (DescribeSubnets)",
	IAM: []string{"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeLaunchConfigurations", "ec2:DescribeLaunchTemplateVersions",
		"ec2:DescribeSubnets"},
	Kinds: []resource.Kind{Group},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		ec2api := ec2.NewFromConfig(cfg)
		us, err := findAutoScalingGroups(ctx, autoscaling.NewFromConfig(cfg), ec2api, t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		us, err = svc.ResolveNoGroup(ctx, ec2api, t, us)
		return onePerGroup(us), err
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
	lt := &templateResolver{api: ec2api, t: t, cache: map[string]templateGroups{}}
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
		var bare []string // sources that name no group
		if name := aws.ToString(g.LaunchConfigurationName); name != "" {
			ids, ok := lcGroups[name]
			add(ids, "launch configuration "+name)
			if ok && len(ids) == 0 {
				bare = append(bare, "launch configuration "+name+" (names no group)")
			}
		}
		specs := asgTemplates(g)
		parent := ""
		for _, spec := range specs {
			tg, err := lt.groups(ctx, spec)
			if err != nil {
				return out, err
			}
			add(tg.ids, templateLabel(spec))
			if tg.found && len(tg.ids) == 0 {
				bare = append(bare, templateLabel(spec)+" (names no group)")
			}
			if len(specs) == 1 && g.LaunchConfigurationName == nil && followsDefault(spec) {
				parent = tg.id
			}
		}
		if len(bare) > 0 {
			if id := noGroupID(t, g.VPCZoneIdentifier); id != "" {
				if via[id] == nil {
					order = append(order, id)
				}
				via[id] = append(via[id], bare...)
			}
		}
		for _, id := range order {
			out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
				ResourceKind: Group, ResourceID: aws.ToString(g.AutoScalingGroupName), ARN: aws.ToString(g.AutoScalingGroupARN),
				Parent:    parent,
				Detail:    "via " + strings.Join(via[id], ", ") + ": update the group, then start an instance refresh",
				ManagedBy: svc.ManagedBy(svc.TagsOf(g.Tags, func(tag astypes.TagDescription) (*string, *string) { return tag.Key, tag.Value })),
				Change:    usage.ChangeDeployment})
		}
	}
	return out, nil
}

// launchConfigsOf reads the groups of every launch configuration the
// Auto Scaling groups use, by name; a configuration that no longer exists
// is absent from the map.
func launchConfigsOf(ctx context.Context, api autoscaling.DescribeLaunchConfigurationsAPIClient, t usage.Target, groups []astypes.AutoScalingGroup) (map[string][]string, error) {
	out := map[string][]string{}
	var names []string
	seen := map[string]bool{}
	for _, g := range groups {
		if n := aws.ToString(g.LaunchConfigurationName); n != "" && !seen[n] {
			seen[n] = true
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

// noGroupID is where an Auto Scaling group that names no group launches:
// its subnets' VPC's default group (a placeholder for ResolveNoGroup), or,
// without subnets, the default VPC's default group; "" when that is not a
// target.
func noGroupID(t usage.Target, vpcZoneIdentifier *string) string {
	var subnets []string
	for _, s := range strings.Split(aws.ToString(vpcZoneIdentifier), ",") {
		if s = strings.TrimSpace(s); s != "" {
			subnets = append(subnets, s)
		}
	}
	if len(subnets) > 0 {
		return svc.NoGroupID(subnets)
	}
	if t.Has(t.DefaultVPCGroup) {
		return t.DefaultVPCGroup
	}
	return ""
}

// onePerGroup keeps one usage per (group, Auto Scaling group): a group
// named by one source and reached through another's empty list is one user.
func onePerGroup(us []usage.Usage) []usage.Usage {
	seen := map[string]bool{}
	out := us[:0]
	for _, u := range us {
		if k := u.GroupID + "/" + u.ResourceID; !seen[k] {
			seen[k] = true
			out = append(out, u)
		}
	}
	return out
}
