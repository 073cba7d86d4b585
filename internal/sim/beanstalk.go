package sim

import (
	"net/http"
	"strings"
)

// Elastic Beanstalk (awsQuery, 2010-12-01): DescribeEnvironments and
// DescribeConfigurationSettings of a running environment. Lists use
// member elements.

var beanstalkOps = map[string]op{
	"DescribeEnvironments":          describeBeanstalkEnvironments,
	"DescribeConfigurationSettings": describeBeanstalkConfiguration,
}

var beanstalkPager = pager{"MaxRecords", "NextToken", 1, 1000, 1000, "InvalidParameterValue"}

type xmlBeanstalkEnv struct {
	EnvironmentName string `xml:"EnvironmentName"`
	EnvironmentID   string `xml:"EnvironmentId"`
	EnvironmentArn  string `xml:"EnvironmentArn"`
	ApplicationName string `xml:"ApplicationName"`
	Status          string `xml:"Status"`
	Health          string `xml:"Health"`
}

type describeBeanstalkEnvironmentsResult struct {
	Environments []xmlBeanstalkEnv `xml:"Environments>member"`
	NextToken    string            `xml:"NextToken,omitempty"`
}

func describeBeanstalkEnvironments(c *call) (any, *apiError) {
	var envs []beanstalkEnv
	for _, e := range c.state.analytics.beanstalk {
		if app := c.Form.Get("ApplicationName"); app == "" || app == e.Application {
			envs = append(envs, e)
		}
	}
	from, to, next, err := beanstalkPager.page(c, c.Form.Get, len(envs))
	if err != nil {
		return nil, err
	}
	res := describeBeanstalkEnvironmentsResult{Environments: []xmlBeanstalkEnv{}, NextToken: next}
	for _, e := range envs[from:to] {
		res.Environments = append(res.Environments, xmlBeanstalkEnv{EnvironmentName: e.Name, EnvironmentID: e.ID,
			EnvironmentArn: e.ARN, ApplicationName: e.Application, Status: "Ready", Health: "Green"})
	}
	return res, nil
}

type xmlOptionSetting struct {
	Namespace    string `xml:"Namespace"`
	OptionName   string `xml:"OptionName"`
	ResourceName string `xml:"ResourceName,omitempty"`
	Value        string `xml:"Value"`
}

type xmlConfigurationSettings struct {
	ApplicationName string             `xml:"ApplicationName"`
	EnvironmentName string             `xml:"EnvironmentName"`
	DeploymentState string             `xml:"DeploymentStatus"`
	OptionSettings  []xmlOptionSetting `xml:"OptionSettings>member"`
}

type describeBeanstalkConfigurationResult struct {
	ConfigurationSettings []xmlConfigurationSettings `xml:"ConfigurationSettings>member"`
}

func describeBeanstalkConfiguration(c *call) (any, *apiError) {
	app, name := c.Form.Get("ApplicationName"), c.Form.Get("EnvironmentName")
	if app == "" {
		return nil, errf(http.StatusBadRequest, "MissingParameter", "ApplicationName is required")
	}
	for _, e := range c.state.analytics.beanstalk {
		if e.Application != app || e.Name != name {
			continue
		}
		opts := []xmlOptionSetting{
			{Namespace: "aws:autoscaling:launchconfiguration", OptionName: "SecurityGroups", Value: strings.Join(e.InstanceGroups, ",")},
			{Namespace: "aws:elasticbeanstalk:environment", OptionName: "LoadBalancerType", Value: e.LBType},
		}
		if e.LBType == "classic" {
			opts = append(opts, xmlOptionSetting{Namespace: "aws:elb:loadbalancer", OptionName: "SecurityGroups", Value: strings.Join(e.LBGroups, ",")})
		} else {
			opts = append(opts, xmlOptionSetting{Namespace: "aws:elbv2:loadbalancer", OptionName: "SecurityGroups", Value: strings.Join(e.LBGroups, ",")})
		}
		return describeBeanstalkConfigurationResult{ConfigurationSettings: []xmlConfigurationSettings{{ApplicationName: app,
			EnvironmentName: name, DeploymentState: "deployed", OptionSettings: opts}}}, nil
	}
	return nil, errf(http.StatusBadRequest, "InvalidParameterValue", "No Environment found for EnvironmentName = '%s'.", name)
}
