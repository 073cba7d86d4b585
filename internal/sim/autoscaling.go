package sim

import (
	"net/http"
	"strings"
	"time"
)

// Auto Scaling (awsQuery, 2011-01-01): the Describe actions the usage
// finders read, and StartInstanceRefresh (instance_refresh.go). Element
// names follow the SDK's response snapshots.

var autoscalingOps = map[string]op{
	"DescribeAutoScalingGroups":    regionLocked(describeAutoScalingGroups),
	"DescribeLaunchConfigurations": regionLocked(describeLaunchConfigurations),
	"StartInstanceRefresh":         regionLocked(startInstanceRefresh),
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
	DefaultCooldown         int                      `xml:"DefaultCooldown"`
	AvailabilityZones       []string                 `xml:"AvailabilityZones>member"`
	VPCZoneIdentifier       string                   `xml:"VPCZoneIdentifier,omitempty"`
	HealthCheckType         string                   `xml:"HealthCheckType"`
	CreatedTime             string                   `xml:"CreatedTime"`
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
	groups, _ := selected(c.state.asgs, func(g autoScalingGroup) string { return g.Name }, formList(c, "AutoScalingGroupNames"))
	from, to, next, err := autoscalingPager.page(c, c.Form.Get, len(groups))
	if err != nil {
		return nil, err
	}
	res := describeASGsResult{Groups: []xmlAutoScalingGroup{}, NextToken: next}
	for _, g := range groups[from:to] {
		x := xmlAutoScalingGroup{AutoScalingGroupARN: g.ARN, AutoScalingGroupName: g.Name,
			LaunchConfigurationName: g.LaunchConfiguration, MaxSize: 1, DefaultCooldown: 300,
			AvailabilityZones: []string{c.Region + "a"}, VPCZoneIdentifier: strings.Join(g.Subnets, ","),
			HealthCheckType: "EC2", CreatedTime: created.Format(time.RFC3339)}
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
	CreatedTime             string   `xml:"CreatedTime"`
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
	lcs, _ := selected(c.state.launchConfigs, func(l launchConfig) string { return l.Name }, names)
	from, to, next, err := autoscalingPager.page(c, c.Form.Get, len(lcs))
	if err != nil {
		return nil, err
	}
	res := describeLCsResult{LaunchConfigurations: []xmlLaunchConfiguration{}, NextToken: next}
	for _, l := range lcs[from:to] {
		res.LaunchConfigurations = append(res.LaunchConfigurations, xmlLaunchConfiguration{
			LaunchConfigurationARN: l.ARN, LaunchConfigurationName: l.Name, ImageID: "ami-0123456789abcdef0",
			InstanceType: "t3.micro", SecurityGroups: l.SecurityGroups, CreatedTime: created.Format(time.RFC3339)})
	}
	return res, nil
}

// autoScalingSpecs are Auto Scaling's part of a region's scenario.
type autoScalingSpecs struct {
	LaunchConfigurations []LaunchConfigurationSpec `yaml:"launch_configurations"`
	AutoScalingGroups    []AutoScalingGroupSpec    `yaml:"autoscaling_groups"`
}

// autoScalingState is Auto Scaling's part of a regionState; only instance
// refreshes are added, under the region lock.
type autoScalingState struct {
	launchConfigs []launchConfig
	asgs          []autoScalingGroup
	// refreshes are the instance refreshes started, by group name; the
	// simulator runs no instances, so one stays in progress.
	refreshes map[string]string
}

// LaunchConfigurationSpec is an Auto Scaling launch configuration.
type LaunchConfigurationSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// GroupNames are returned verbatim in SecurityGroups, as the API
	// returns group names a configuration was created with ("default").
	GroupNames []string `yaml:"group_names"`
}

// LaunchTemplateRef names a launch template and version, as an Auto
// Scaling group holds it. The template is not checked: it is EC2's.
type LaunchTemplateRef struct {
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
	Version string `yaml:"version"` // a number, $Latest or $Default
}

// MixedInstancesSpec is an Auto Scaling group's mixed instances policy.
type MixedInstancesSpec struct {
	LaunchTemplate LaunchTemplateRef   `yaml:"launch_template"`
	Overrides      []LaunchTemplateRef `yaml:"overrides"` // each override's own template, if any
}

// AutoScalingGroupSpec is an Auto Scaling group; exactly one of its
// launch sources is set.
type AutoScalingGroupSpec struct {
	Name                string              `yaml:"name"`
	LaunchConfiguration string              `yaml:"launch_configuration"`
	LaunchTemplate      *LaunchTemplateRef  `yaml:"launch_template"`
	MixedInstances      *MixedInstancesSpec `yaml:"mixed_instances"`
	Tags                map[string]string   `yaml:"tags"`
	// VPC and Subnets are VPCZoneIdentifier: the subnets (names or ids) in
	// the VPC, or the VPC's first subnet when only vpc is given; neither
	// leaves VPCZoneIdentifier out (the default VPC's default subnets).
	VPC     string   `yaml:"vpc"`
	Subnets []string `yaml:"subnets"`
}

type launchConfig struct {
	Name, ARN      string
	SecurityGroups []string // ids, then the names given verbatim
}

type autoScalingGroup struct {
	Name, ARN, LaunchConfiguration string
	LaunchTemplate                 *LaunchTemplateRef
	Mixed                          *MixedInstancesSpec
	Tags                           []Tag
	Subnets                        []string // VPCZoneIdentifier
}

func (b *builder) addAutoScaling() error {
	st, seen := b.st, map[string]bool{}
	for i, lc := range b.res.LaunchConfigurations {
		at := path{"launch_configurations", i}
		if err := b.unique(seen, lc.Name, at); err != nil {
			return err
		}
		_, ids, err := b.placed(lc.Placement, false, at)
		if err != nil {
			return err
		}
		st.launchConfigs = append(st.launchConfigs, launchConfig{Name: lc.Name,
			ARN:            b.arn("autoscaling", "launchConfiguration:"+b.uuid()+":launchConfigurationName/"+lc.Name),
			SecurityGroups: append(ids, lc.GroupNames...)})
	}
	names := map[string]bool{}
	for i, g := range b.res.AutoScalingGroups {
		at := path{"autoscaling_groups", i}
		if err := b.unique(names, g.Name, at); err != nil {
			return err
		}
		sources := 0
		for _, set := range []bool{g.LaunchConfiguration != "", g.LaunchTemplate != nil, g.MixedInstances != nil} {
			if set {
				sources++
			}
		}
		if sources != 1 {
			return b.errAt(at, "exactly one of launch_configuration, launch_template, mixed_instances is required")
		}
		if g.LaunchConfiguration != "" && !seen[g.LaunchConfiguration] {
			return b.errAt(append(at, "launch_configuration"), "no launch configuration %q", g.LaunchConfiguration)
		}
		subnets, err := b.asgSubnets(g, at)
		if err != nil {
			return err
		}
		st.asgs = append(st.asgs, autoScalingGroup{Name: g.Name, Subnets: subnets,
			ARN:                 b.arn("autoscaling", "autoScalingGroup:"+b.uuid()+":autoScalingGroupName/"+g.Name),
			LaunchConfiguration: g.LaunchConfiguration, LaunchTemplate: g.LaunchTemplate, Mixed: g.MixedInstances,
			Tags: tagsOf(g.Tags, "")})
	}
	return nil
}

// asgSubnets resolves an Auto Scaling group's VPCZoneIdentifier.
func (b *builder) asgSubnets(g AutoScalingGroupSpec, at path) ([]string, error) {
	if g.VPC == "" && len(g.Subnets) == 0 {
		return nil, nil
	}
	vpcID, err := b.vpcOf(g.VPC, append(append(path{}, at...), "vpc"))
	if err != nil {
		return nil, err
	}
	refs := g.Subnets
	if len(refs) == 0 {
		refs = []string{""}
	}
	var out []string
	for j, ref := range refs {
		sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
		if err != nil {
			return nil, err
		}
		out = append(out, sn.ID)
	}
	return out, nil
}
