package beanstalk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	eb "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// BeanstalkAPI is what the Elastic Beanstalk finder calls.
type BeanstalkAPI interface {
	DescribeEnvironments(context.Context, *eb.DescribeEnvironmentsInput, ...func(*eb.Options)) (*eb.DescribeEnvironmentsOutput, error)
	DescribeConfigurationSettings(context.Context, *eb.DescribeConfigurationSettingsInput, ...func(*eb.Options)) (*eb.DescribeConfigurationSettingsOutput, error)
	ListTagsForResource(context.Context, *eb.ListTagsForResourceInput, ...func(*eb.Options)) (*eb.ListTagsForResourceOutput, error)
}

// beanstalkGroupOptions are the option settings that name security
// groups, as namespace/option, and what each places in them.
var beanstalkGroupOptions = map[string]string{
	"aws:autoscaling:launchconfiguration/SecurityGroups": "instances",
	"aws:elbv2:loadbalancer/SecurityGroups":              "load balancer",
	"aws:elb:loadbalancer/SecurityGroups":                "classic load balancer",
}

// Environments finds Elastic Beanstalk environments whose option
// settings name a default group. Beanstalk owns the Auto Scaling group,
// launch template and load balancer those settings produce, so the change
// is an environment update (a rolling deployment), never a patch of them.
// Who manages the environment comes from its tags: Beanstalk tags an
// environment with its own name (elasticbeanstalk:environment-name), which
// is no outside owner; a CloudFormation stack's tags make it a manual step
// in that stack, and tags that cannot be read make it one too.
var Environments = usage.Finder{
	Name:    "beanstalk-environments",
	Service: "elasticbeanstalk",
	Reads:   "environments' SecurityGroups option settings and tags (DescribeEnvironments, DescribeConfigurationSettings, ListTagsForResource)",
	IAM:     []string{"elasticbeanstalk:DescribeEnvironments", "elasticbeanstalk:DescribeConfigurationSettings", "elasticbeanstalk:ListTagsForResource"},
	Kinds:   []resource.Kind{Environment},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findBeanstalkEnvironments(ctx, eb.NewFromConfig(cfg), t)
	},
}

func findBeanstalkEnvironments(ctx context.Context, api BeanstalkAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listBeanstalkEnvironments(ctx, api, t)
	svc.SetOwners(out, "elasticbeanstalk:ListTagsForResource", func(u usage.Usage) string { return u.ARN },
		func(arn string) (map[string]string, error) {
			res, err := api.ListTagsForResource(ctx, &eb.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
			if err != nil {
				return nil, err
			}
			tags := map[string]string{}
			for _, tg := range res.ResourceTags {
				tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			// Beanstalk tags the environment with its own name: no outside
			// owner. Dropped before the owner is decided, so that a stack's
			// or a ManagedBy tag behind it still counts.
			delete(tags, "elasticbeanstalk:environment-name")
			return tags, nil
		})
	return out, err
}

func listBeanstalkEnvironments(ctx context.Context, api BeanstalkAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	in := &eb.DescribeEnvironmentsInput{IncludeDeleted: aws.Bool(false), MaxRecords: aws.Int32(100)}
	for {
		page, err := api.DescribeEnvironments(ctx, in)
		if err != nil {
			return out, err
		}
		for _, env := range page.Environments {
			if env.Status == ebtypes.EnvironmentStatusTerminated || env.Status == ebtypes.EnvironmentStatusTerminating {
				continue
			}
			found, err := beanstalkEnvironmentUsers(ctx, api, t, env)
			out = append(out, found...)
			if err != nil {
				return out, err
			}
		}
		if aws.ToString(page.NextToken) == "" {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

func beanstalkEnvironmentUsers(ctx context.Context, api BeanstalkAPI, t usage.Target, env ebtypes.EnvironmentDescription) ([]usage.Usage, error) {
	name := aws.ToString(env.EnvironmentName)
	res, err := api.DescribeConfigurationSettings(ctx, &eb.DescribeConfigurationSettingsInput{
		ApplicationName: env.ApplicationName, EnvironmentName: env.EnvironmentName})
	if err != nil {
		return nil, err
	}
	var out []usage.Usage
	seen := map[string]bool{}
	for _, cs := range res.ConfigurationSettings {
		named := beanstalkNames(t, cs.OptionSettings)
		for _, o := range cs.OptionSettings {
			key := aws.ToString(o.Namespace) + "/" + aws.ToString(o.OptionName)
			what, ok := beanstalkGroupOptions[key]
			if !ok {
				continue
			}
			for _, u := range svc.Users(t, svc.ByName(named, splitRefs(aws.ToString(o.Value))), usage.Usage{Kind: usage.KindLatent,
				ResourceKind: Environment, ResourceID: name, ARN: aws.ToString(env.EnvironmentArn),
				Detail: what + " (" + key + ")",
				Change: usage.ChangeDeployment}) {
				if !seen[u.GroupID+"/"+key] {
					seen[u.GroupID+"/"+key] = true
					out = append(out, u)
				}
			}
		}
	}
	return out, nil
}

// beanstalkNames is t for resolving the group name "default" in an
// environment's options: the default group of its VPC (aws:ec2:vpc
// VPCId) when it names one — none when that VPC's default group is not a
// target — else the default VPC's, as the mover resolves it.
func beanstalkNames(t usage.Target, opts []ebtypes.ConfigurationOptionSetting) usage.Target {
	for _, o := range opts {
		if aws.ToString(o.Namespace) != "aws:ec2:vpc" || aws.ToString(o.OptionName) != "VPCId" || aws.ToString(o.Value) == "" {
			continue
		}
		t.DefaultVPCGroup = ""
		for _, g := range t.GroupIDs {
			if t.VpcOf[g] == aws.ToString(o.Value) {
				t.DefaultVPCGroup = g
			}
		}
	}
	return t
}
