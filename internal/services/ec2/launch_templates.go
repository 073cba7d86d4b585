package ec2

import (
	"context"
	"fmt"

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
// Auto Scaling group or a user may pin one.
var LaunchTemplates = usage.Finder{
	Name:    "ec2-launch-templates",
	Service: "ec2",
	Reads:   "every version of every launch template: SecurityGroupIds, SecurityGroups (names), NetworkInterfaces[].Groups",
	IAM:     []string{"ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"},
	Kinds:   []resource.Kind{LaunchTemplate, LaunchTemplateVersion},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findLaunchTemplates(ctx, ec2.NewFromConfig(cfg), t)
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
	ids := append([]string{}, d.SecurityGroupIds...)
	for _, name := range d.SecurityGroups {
		if name == "default" && t.DefaultVPCGroup != "" {
			ids = append(ids, t.DefaultVPCGroup)
		} else {
			ids = append(ids, name) // an id given where a name is expected still counts
		}
	}
	for _, ni := range d.NetworkInterfaces {
		ids = append(ids, ni.Groups...)
	}
	var out []usage.Usage
	for _, id := range svc.Matching(t, ids) {
		// The default version is what launches use and what apply moves; an
		// older version is immutable, so it is a kind of its own.
		kind, detail := LaunchTemplateVersion, fmt.Sprintf("%s version %d", aws.ToString(lt.LaunchTemplateName), aws.ToInt64(v.VersionNumber))
		if aws.ToBool(v.DefaultVersion) {
			kind, detail = LaunchTemplate, detail+" (default)"
		}
		out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
			ResourceKind: kind, ResourceID: aws.ToString(lt.LaunchTemplateId),
			Detail: detail, ManagedBy: svc.ManagedBy(lt.Tags), Change: usage.ChangeDeployment})
	}
	return out
}
