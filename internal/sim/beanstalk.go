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
	for _, e := range c.state.beanstalkEnvs {
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
	for _, e := range c.state.beanstalkEnvs {
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

// beanstalkSpecs are Elastic Beanstalk's part of a region's scenario.
type beanstalkSpecs struct {
	BeanstalkEnvironments []BeanstalkEnvironmentSpec `yaml:"beanstalk_environments"`
}

// beanstalkState is Beanstalk's part of a regionState; never changed.
type beanstalkState struct {
	beanstalkEnvs []beanstalkEnv
}

// BeanstalkEnvironmentSpec is an Elastic Beanstalk environment. Its
// option settings name groups by id or name, verbatim, as Beanstalk
// stores them: InstanceGroups go to
// aws:autoscaling:launchconfiguration/SecurityGroups and LBGroups to the
// load balancer namespace of LBType.
type BeanstalkEnvironmentSpec struct {
	Name        string `yaml:"name"`
	Application string `yaml:"application"` // default "app"
	VPC         string `yaml:"vpc"`         // VPC name or id; omitted = the default VPC
	// InstanceGroups and LBGroups are group names ("default"), scenario
	// names or sg- ids; names are resolved in VPC when they name a
	// scenario group, else kept verbatim.
	InstanceGroups []string `yaml:"instance_groups"`
	LBGroups       []string `yaml:"lb_groups"`
	LBType         string   `yaml:"lb_type"` // application (default) or classic
}

type beanstalkEnv struct {
	Name, ID, ARN, Application, VpcID string
	LBType                            string
	InstanceGroups, LBGroups          []string // as the option values list them
}

func (b *builder) addBeanstalk() error {
	seen := map[string]bool{}
	for i, e := range b.res.BeanstalkEnvironments {
		at := path{"beanstalk_environments", i}
		if err := b.unique(seen, e.Name, at); err != nil {
			return err
		}
		vpcID, err := b.vpcOf(e.VPC, append(at, "vpc"))
		if err != nil {
			return err
		}
		app, lbType := e.Application, e.LBType
		if app == "" {
			app = "app"
		}
		switch lbType {
		case "":
			lbType = "application"
		case "application", "classic":
		default:
			return b.errAt(append(at, "lb_type"), "lb_type %q is not application or classic", lbType)
		}
		env := beanstalkEnv{Name: e.Name, ID: "e-" + b.st.ids.hexN("", 10), Application: app, VpcID: vpcID, LBType: lbType,
			InstanceGroups: b.groupRefs(vpcID, e.InstanceGroups), LBGroups: b.groupRefs(vpcID, e.LBGroups)}
		env.ARN = b.arn("elasticbeanstalk", "environment/"+app+"/"+e.Name)
		b.st.beanstalkEnvs = append(b.st.beanstalkEnvs, env)
	}
	return nil
}

// groupRefs resolves scenario group names in vpcID to ids and keeps other
// references (ids, "default" in a non-default VPC) verbatim, as Beanstalk
// option values hold whatever the user wrote.
func (b *builder) groupRefs(vpcID string, refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		if g := b.findGroup(vpcID, ref); g != nil && ref != "default" {
			ref = g.ID
		}
		out = append(out, ref)
	}
	return out
}
