package beanstalk

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	eb "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeBeanstalk serves one environment a page and its option settings.
type fakeBeanstalk struct {
	envs []ebtypes.EnvironmentDescription
	opts map[string][]ebtypes.ConfigurationOptionSetting
	tags map[string]map[string]string // by ARN; an ARN absent is AccessDenied
}

func (f *fakeBeanstalk) ListTagsForResource(_ context.Context, in *eb.ListTagsForResourceInput, _ ...func(*eb.Options)) (*eb.ListTagsForResourceOutput, error) {
	tags, ok := f.tags[aws.ToString(in.ResourceArn)]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "not authorized"}
	}
	out := &eb.ListTagsForResourceOutput{ResourceArn: in.ResourceArn}
	for k, v := range tags {
		out.ResourceTags = append(out.ResourceTags, ebtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out, nil
}

func (f *fakeBeanstalk) DescribeEnvironments(_ context.Context, in *eb.DescribeEnvironmentsInput, _ ...func(*eb.Options)) (*eb.DescribeEnvironmentsOutput, error) {
	if aws.ToBool(in.IncludeDeleted) {
		return nil, svctest.Unexpected("DescribeEnvironments with deleted environments")
	}
	i := len(aws.ToString(in.NextToken))
	out := &eb.DescribeEnvironmentsOutput{Environments: f.envs[i : i+1]}
	if i+1 < len(f.envs) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeBeanstalk) DescribeConfigurationSettings(_ context.Context, in *eb.DescribeConfigurationSettingsInput, _ ...func(*eb.Options)) (*eb.DescribeConfigurationSettingsOutput, error) {
	if aws.ToString(in.ApplicationName) != "app" {
		return nil, svctest.Unexpected("DescribeConfigurationSettings without the application")
	}
	return &eb.DescribeConfigurationSettingsOutput{ConfigurationSettings: []ebtypes.ConfigurationSettingsDescription{
		{OptionSettings: f.opts[aws.ToString(in.EnvironmentName)]}}}, nil
}

func TestBeanstalkEnvironmentsOptionSettings(t *testing.T) {
	env := func(name string, st ebtypes.EnvironmentStatus) ebtypes.EnvironmentDescription {
		return ebtypes.EnvironmentDescription{EnvironmentName: aws.String(name), ApplicationName: aws.String("app"), Status: st,
			EnvironmentArn: aws.String("arn:env/app/" + name)}
	}
	opt := func(ns, value string) ebtypes.ConfigurationOptionSetting {
		return ebtypes.ConfigurationOptionSetting{Namespace: aws.String(ns), OptionName: aws.String("SecurityGroups"), Value: aws.String(value)}
	}
	f := &fakeBeanstalk{
		envs: []ebtypes.EnvironmentDescription{env("web", "Ready"), env("old", "Terminated"), env("api", "Ready"),
			env("stack", "Ready"), env("hidden", "Ready"), env("vpc2", "Ready"), env("tf", "Ready")},
		opts: map[string][]ebtypes.ConfigurationOptionSetting{
			"web": {opt("aws:autoscaling:launchconfiguration", "sg-x, default"), opt("aws:elbv2:loadbalancer", "sg-x"),
				opt("aws:elasticbeanstalk:environment", "sg-def")},
			"old":    {opt("aws:autoscaling:launchconfiguration", "sg-def")},
			"api":    {opt("aws:elb:loadbalancer", "sg-def2,sg-def2")},
			"stack":  {opt("aws:autoscaling:launchconfiguration", "sg-def")},
			"hidden": {opt("aws:autoscaling:launchconfiguration", "sg-def")},
			"tf":     {opt("aws:autoscaling:launchconfiguration", "sg-def")},
			// "default" in a VPC the environment names: that VPC's group.
			"vpc2": {opt("aws:autoscaling:launchconfiguration", "default"),
				{Namespace: aws.String("aws:ec2:vpc"), OptionName: aws.String("VPCId"), Value: aws.String("vpc-2")}},
		},
		tags: map[string]map[string]string{
			"arn:env/app/web":   {"elasticbeanstalk:environment-name": "web", "elasticbeanstalk:environment-id": "e-1"},
			"arn:env/app/api":   {},
			"arn:env/app/stack": {"elasticbeanstalk:environment-name": "stack", "aws:cloudformation:stack-name": "shop"},
			"arn:env/app/vpc2":  {},
			// Beanstalk's own tag beside an outside owner's: the owner counts.
			"arn:env/app/tf": {"elasticbeanstalk:environment-name": "tf", "ManagedBy": "Terraform"},
		},
	}
	target := svctest.Target
	target.VpcOf = map[string]string{"sg-def": "vpc-1", "sg-def2": "vpc-2"}
	us, err := findBeanstalkEnvironments(context.Background(), f, target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:web:latent sg-def2:api:latent sg-def:stack:latent sg-def:hidden:latent sg-def2:vpc2:latent sg-def:tf:latent" {
		t.Fatalf("got %q", got)
	}
	// Its own Beanstalk tag is no outside owner: apply moves it through
	// Beanstalk, as a deployment.
	if us[0].ManagedBy != "" || us[0].Change != "deployment" || us[1].ManagedBy != "" {
		t.Fatalf("got %+v", us[:2])
	}
	// A stack's environment stays a step in the stack; unread tags are said.
	if us[2].ManagedBy != "cloudformation:shop" || us[3].ManagedBy != "unknown: elasticbeanstalk:ListTagsForResource failed (AccessDenied)" {
		t.Fatalf("got %q, %q", us[2].ManagedBy, us[3].ManagedBy)
	}
	if us[5].ManagedBy != "terraform" {
		t.Fatalf("an environment tagged ManagedBy=Terraform: owner %q, want terraform (apply must not update it)", us[5].ManagedBy)
	}
}
