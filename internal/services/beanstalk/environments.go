package beanstalk

import (
	"context"
	"strings"

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
var Environments = usage.Finder{
	Name:    "beanstalk-environments",
	Service: "elasticbeanstalk",
	Reads:   "environments' SecurityGroups option settings (DescribeEnvironments, DescribeConfigurationSettings)",
	IAM:     []string{"elasticbeanstalk:DescribeEnvironments", "elasticbeanstalk:DescribeConfigurationSettings"},
	Kinds:   []resource.Kind{Environment},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findBeanstalkEnvironments(ctx, eb.NewFromConfig(cfg), t)
	},
}

func findBeanstalkEnvironments(ctx context.Context, api BeanstalkAPI, t usage.Target) ([]usage.Usage, error) {
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
		for _, o := range cs.OptionSettings {
			key := aws.ToString(o.Namespace) + "/" + aws.ToString(o.OptionName)
			what, ok := beanstalkGroupOptions[key]
			if !ok {
				continue
			}
			var refs []string
			for _, r := range strings.Split(aws.ToString(o.Value), ",") {
				if r = strings.TrimSpace(r); r != "" {
					refs = append(refs, r)
				}
			}
			for _, u := range svc.Users(t, svc.ByName(t, refs), usage.Usage{Kind: usage.KindLatent,
				ResourceKind: Environment, ResourceID: name, ARN: aws.ToString(env.EnvironmentArn),
				Detail:    what + " (" + key + ")",
				ManagedBy: "elasticbeanstalk:" + name, Change: usage.ChangeDeployment}) {
				if !seen[u.GroupID+"/"+key] {
					seen[u.GroupID+"/"+key] = true
					out = append(out, u)
				}
			}
		}
	}
	return out, nil
}
