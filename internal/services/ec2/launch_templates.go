package ec2

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// LaunchTemplatesAPI is what the launch template finder calls.
type LaunchTemplatesAPI interface {
	ec2.DescribeLaunchTemplatesAPIClient
	ec2.DescribeLaunchTemplateVersionsAPIClient
}

// LaunchTemplates finds every version of every launch template that puts
// instances in a default group: by id, by the name "default" (the default
// VPC's group), or in a network interface's groups. Old versions count: an
// Auto Scaling group or a user may pin one. A default version that names
// no group at all launches into the default group of its interfaces'
// subnet's VPC, or without a subnet the default VPC's (RunInstances does
// so): it is a user of that group.
var LaunchTemplates = usage.Finder{
	Name:    "ec2-launch-templates",
	Service: "ec2",
	Reads: "every version of every launch template: SecurityGroupIds, SecurityGroups (names), NetworkInterfaces[].Groups; " +
		"a default version naming none: its interfaces' SubnetId's VPC (DescribeSubnets)",
	IAM:   []string{"ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeSubnets"},
	Kinds: []resource.Kind{LaunchTemplate, LaunchTemplateVersion},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		api := ec2.NewFromConfig(cfg)
		us, err := findLaunchTemplates(ctx, api, t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, api, t, us)
	},
}

func findLaunchTemplates(ctx context.Context, api LaunchTemplatesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	lp := ec2.NewDescribeLaunchTemplatesPaginator(api, &ec2.DescribeLaunchTemplatesInput{MaxResults: aws.Int32(200)})
	for lp.HasMorePages() {
		page, err := lp.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, lt := range page.LaunchTemplates {
			vp := ec2.NewDescribeLaunchTemplateVersionsPaginator(api, &ec2.DescribeLaunchTemplateVersionsInput{
				LaunchTemplateId: lt.LaunchTemplateId, MaxResults: aws.Int32(200)})
			for vp.HasMorePages() {
				vpage, err := vp.NextPage(ctx)
				if err != nil {
					return out, err
				}
				for _, v := range vpage.LaunchTemplateVersions {
					out = append(out, launchTemplateUsages(t, lt, v)...)
				}
			}
		}
	}
	return out, nil
}

func launchTemplateUsages(t usage.Target, lt types.LaunchTemplate, v types.LaunchTemplateVersion) []usage.Usage {
	d := v.LaunchTemplateData
	if d == nil {
		return nil
	}
	ids := dataGroups(t, d)
	matching := svc.Matching(t, ids)
	noGroup := len(ids) == 0 && aws.ToBool(v.DefaultVersion)
	if noGroup {
		// Only the default version: it is what launches use and what apply
		// can move; an older version naming none is reached only through a
		// consumer pinning it, which that consumer's finder reports.
		if id := noGroupTarget(t, dataSubnets(d)); id != "" {
			matching = []string{id}
		}
	}
	var out []usage.Usage
	for _, id := range matching {
		// The default version is what launches use and what apply moves; an
		// older version is immutable, so it is a kind of its own.
		kind, detail := LaunchTemplateVersion, fmt.Sprintf("%s version %d", aws.ToString(lt.LaunchTemplateName), aws.ToInt64(v.VersionNumber))
		if aws.ToBool(v.DefaultVersion) {
			kind, detail = LaunchTemplate, detail+" (default)"
		}
		change := usage.ChangeDeployment
		if noGroup && !strings.HasPrefix(id, svc.NoGroupPrefix) {
			// Without a subnet, the VPC is the launcher's: RunInstances
			// without one uses the default VPC, an Auto Scaling group or
			// fleet its own subnets. Naming the default VPC's replacement
			// would break a launcher in another VPC, so apply leaves it to
			// a person (the plan says how).
			detail += ": names no group and no subnet, so it launches into the default group of the launcher's VPC (the default VPC for RunInstances)"
			change = usage.ChangeUnknown
		}
		out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
			ResourceKind: kind, ResourceID: aws.ToString(lt.LaunchTemplateId),
			Detail: detail, ManagedBy: svc.ManagedBy(lt.Tags), Change: change})
	}
	return out
}

// dataGroups are the groups a version names: ids, names ("default" is the
// default VPC's group; any other name is kept, so an id given as a name
// still counts) and every network interface's groups.
func dataGroups(t usage.Target, d *types.ResponseLaunchTemplateData) []string {
	ids := append(slices.Clone(d.SecurityGroupIds), svc.ByName(t, d.SecurityGroups)...)
	for _, ni := range d.NetworkInterfaces {
		ids = append(ids, ni.Groups...)
	}
	return ids
}

// dataSubnets are the subnets a version's interfaces name.
func dataSubnets(d *types.ResponseLaunchTemplateData) []string {
	var out []string
	for _, ni := range d.NetworkInterfaces {
		if s := aws.ToString(ni.SubnetId); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// noGroupTarget is the group a launch naming no group gets: the default
// group of the subnets' VPC (a placeholder for svc.ResolveNoGroup), or,
// with no subnet, the default VPC's default group; "" when that is not a
// target. Subnet fields may hold comma-separated ids (Fleet overrides).
func noGroupTarget(t usage.Target, subnets []string) string {
	var ids []string
	for _, s := range subnets {
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) > 0 {
		return svc.NoGroupID(ids)
	}
	if t.Has(t.DefaultVPCGroup) {
		return t.DefaultVPCGroup
	}
	return ""
}
