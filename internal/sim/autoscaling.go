package sim

import "net/http"

// Auto Scaling (awsQuery, 2011-01-01): the Describe actions the usage
// finders read. Element names follow the SDK's response snapshots.

var autoscalingOps = map[string]op{
	"DescribeAutoScalingGroups":    describeAutoScalingGroups,
	"DescribeLaunchConfigurations": describeLaunchConfigurations,
}

type xmlLaunchTemplateSpec struct {
	LaunchTemplateID   string `xml:"LaunchTemplateId,omitempty"`
	LaunchTemplateName string `xml:"LaunchTemplateName,omitempty"`
	Version            string `xml:"Version,omitempty"`
}

type xmlOverride struct {
	InstanceType                string                 `xml:"InstanceType,omitempty"`
	LaunchTemplateSpecification *xmlLaunchTemplateSpec `xml:"LaunchTemplateSpecification,omitempty"`
}

type xmlMixedInstancesPolicy struct {
	LaunchTemplateSpecification xmlLaunchTemplateSpec `xml:"LaunchTemplate>LaunchTemplateSpecification"`
	Overrides                   []xmlOverride         `xml:"LaunchTemplate>Overrides>member"`
}

type xmlASGTag struct {
	Key               string `xml:"Key"`
	Value             string `xml:"Value"`
	ResourceID        string `xml:"ResourceId"`
	ResourceType      string `xml:"ResourceType"`
	PropagateAtLaunch bool   `xml:"PropagateAtLaunch"`
}

type xmlAutoScalingGroup struct {
	AutoScalingGroupARN     string                   `xml:"AutoScalingGroupARN"`
	AutoScalingGroupName    string                   `xml:"AutoScalingGroupName"`
	LaunchConfigurationName string                   `xml:"LaunchConfigurationName,omitempty"`
	LaunchTemplate          *xmlLaunchTemplateSpec   `xml:"LaunchTemplate,omitempty"`
	MixedInstancesPolicy    *xmlMixedInstancesPolicy `xml:"MixedInstancesPolicy,omitempty"`
	MinSize                 int                      `xml:"MinSize"`
	MaxSize                 int                      `xml:"MaxSize"`
	DesiredCapacity         int                      `xml:"DesiredCapacity"`
	Tags                    []xmlASGTag              `xml:"Tags>member"`
}

type describeASGsResult struct {
	Groups    []xmlAutoScalingGroup `xml:"AutoScalingGroups>member"`
	NextToken string                `xml:"NextToken,omitempty"`
}

func ltSpec(r LaunchTemplateRef) xmlLaunchTemplateSpec {
	return xmlLaunchTemplateSpec{LaunchTemplateID: r.ID, LaunchTemplateName: r.Name, Version: r.Version}
}

func describeAutoScalingGroups(c *call) (any, *apiError) {
	groups, _ := selected(c.state.svc.asgs, func(g autoScalingGroup) string { return g.Name }, formList(c, "AutoScalingGroupNames"))
	from, to, next, err := autoscalingPager.page(c, c.Form.Get, len(groups))
	if err != nil {
		return nil, err
	}
	res := describeASGsResult{Groups: []xmlAutoScalingGroup{}, NextToken: next}
	for _, g := range groups[from:to] {
		x := xmlAutoScalingGroup{AutoScalingGroupARN: g.ARN, AutoScalingGroupName: g.Name,
			LaunchConfigurationName: g.LaunchConfiguration, MaxSize: 1}
		if g.LaunchTemplate != nil {
			s := ltSpec(*g.LaunchTemplate)
			x.LaunchTemplate = &s
		}
		if m := g.Mixed; m != nil {
			x.MixedInstancesPolicy = &xmlMixedInstancesPolicy{LaunchTemplateSpecification: ltSpec(m.LaunchTemplate)}
			for _, o := range m.Overrides {
				s := ltSpec(o)
				x.MixedInstancesPolicy.Overrides = append(x.MixedInstancesPolicy.Overrides,
					xmlOverride{InstanceType: "m5.large", LaunchTemplateSpecification: &s})
			}
		}
		for _, t := range g.Tags {
			x.Tags = append(x.Tags, xmlASGTag{Key: t.Key, Value: t.Value, ResourceID: g.Name, ResourceType: "auto-scaling-group"})
		}
		res.Groups = append(res.Groups, x)
	}
	return res, nil
}

type xmlLaunchConfiguration struct {
	LaunchConfigurationARN  string   `xml:"LaunchConfigurationARN"`
	LaunchConfigurationName string   `xml:"LaunchConfigurationName"`
	ImageID                 string   `xml:"ImageId"`
	InstanceType            string   `xml:"InstanceType"`
	SecurityGroups          []string `xml:"SecurityGroups>member"`
}

type describeLCsResult struct {
	LaunchConfigurations []xmlLaunchConfiguration `xml:"LaunchConfigurations>member"`
	NextToken            string                   `xml:"NextToken,omitempty"`
}

func describeLaunchConfigurations(c *call) (any, *apiError) {
	names := formList(c, "LaunchConfigurationNames")
	if len(names) > 50 {
		return nil, errf(http.StatusBadRequest, "ValidationError", "LaunchConfigurationNames: at most 50 names")
	}
	lcs, _ := selected(c.state.svc.launchConfigs, func(l launchConfig) string { return l.Name }, names)
	from, to, next, err := autoscalingPager.page(c, c.Form.Get, len(lcs))
	if err != nil {
		return nil, err
	}
	res := describeLCsResult{LaunchConfigurations: []xmlLaunchConfiguration{}, NextToken: next}
	for _, l := range lcs[from:to] {
		res.LaunchConfigurations = append(res.LaunchConfigurations, xmlLaunchConfiguration{
			LaunchConfigurationARN: l.ARN, LaunchConfigurationName: l.Name, ImageID: "ami-0123456789abcdef0",
			InstanceType: "t3.micro", SecurityGroups: l.SecurityGroups})
	}
	return res, nil
}
