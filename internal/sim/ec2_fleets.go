package sim

import (
	"slices"
	"sort"
	"strings"
)

// EC2 Fleets and Spot Fleets (DescribeFleets, DescribeSpotFleetRequests):
// read-only. A fleet launches from launch templates, whose overrides may
// name subnets (never groups); a Spot Fleet also from inline launch
// specifications, which carry groups, a subnet and network interfaces.
// Subnet ids in a SubnetId field may be comma-separated, as AWS allows.

// EC2FleetSpec is an EC2 Fleet.
type EC2FleetSpec struct {
	ID              string            `yaml:"id"`    // pin the fleet- id
	State           string            `yaml:"state"` // FleetStateCode; default active
	Type            string            `yaml:"type"`  // request, maintain (default) or instant
	LaunchTemplates []FleetTemplate   `yaml:"launch_templates"`
	Tags            map[string]string `yaml:"tags"`
}

// FleetTemplate is a fleet's launch template config: the template and
// version, and its overrides' subnets (names or ids, one override each).
type FleetTemplate struct {
	LaunchTemplateRef `yaml:",inline"`
	Subnets           []string `yaml:"subnets"`
}

// SpotFleetSpec is a Spot Fleet request.
type SpotFleetSpec struct {
	ID                   string            `yaml:"id"`    // pin the sfr- id
	State                string            `yaml:"state"` // BatchState; default active
	LaunchSpecifications []SpotLaunchSpec  `yaml:"launch_specifications"`
	LaunchTemplates      []FleetTemplate   `yaml:"launch_templates"`
	Tags                 map[string]string `yaml:"tags"`
}

// SpotLaunchSpec is an inline launch specification: groups (omitted =
// none), a subnet, and network interfaces.
type SpotLaunchSpec struct {
	Placement  `yaml:",inline"`
	Subnet     string                  `yaml:"subnet"`
	Interfaces []TemplateInterfaceSpec `yaml:"interfaces"`
}

type fleetTemplate struct {
	Ref     LaunchTemplateRef
	Subnets []string
}

type ec2Fleet struct {
	ID, State, Type string
	Templates       []fleetTemplate
	Tags            []Tag
}

type spotLaunchSpec struct {
	Groups     []string
	SubnetID   string
	Interfaces []templateInterface
}

type spotFleet struct {
	ID, State string
	Specs     []spotLaunchSpec
	Templates []fleetTemplate
	Tags      []Tag
}

var fleetStates = []string{"submitted", "active", "deleted", "failed", "deleted_running", "deleted_terminating", "modifying"}
var spotFleetStates = []string{"submitted", "active", "cancelled", "failed", "cancelled_running", "cancelled_terminating", "modifying"}

func (b *builder) addFleets() error {
	b.st.ec2Fleets, b.st.spotFleets = map[string]*ec2Fleet{}, map[string]*spotFleet{}
	for i, f := range b.res.EC2Fleets {
		at := path{"ec2_fleets", i}
		id, err := b.pinOrUUID(f.ID, "fleet", append(at, "id"))
		if err != nil {
			return err
		}
		fl := &ec2Fleet{ID: id, State: orDefault(f.State, "active"), Type: orDefault(f.Type, "maintain"), Tags: tagsOf(f.Tags, "")}
		if !slices.Contains(fleetStates, fl.State) {
			return b.errAt(append(at, "state"), "state %q is not one of %v", f.State, fleetStates)
		}
		if !slices.Contains([]string{"request", "maintain", "instant"}, fl.Type) {
			return b.errAt(append(at, "type"), "type %q is not request, maintain or instant", f.Type)
		}
		if fl.Templates, err = b.fleetTemplates(f.LaunchTemplates, at); err != nil {
			return err
		}
		b.st.ec2Fleets[id] = fl
	}
	for i, f := range b.res.SpotFleets {
		at := path{"spot_fleets", i}
		id, err := b.pinOrUUID(f.ID, "sfr", append(at, "id"))
		if err != nil {
			return err
		}
		sf := &spotFleet{ID: id, State: orDefault(f.State, "active"), Tags: tagsOf(f.Tags, "")}
		if !slices.Contains(spotFleetStates, sf.State) {
			return b.errAt(append(at, "state"), "state %q is not one of %v", f.State, spotFleetStates)
		}
		if (len(f.LaunchSpecifications) == 0) == (len(f.LaunchTemplates) == 0) {
			return b.errAt(at, "exactly one of launch_specifications and launch_templates is required")
		}
		for j, ls := range f.LaunchSpecifications {
			spec, err := b.spotLaunchSpec(ls, append(append(path{}, at...), "launch_specifications", j))
			if err != nil {
				return err
			}
			sf.Specs = append(sf.Specs, spec)
		}
		if sf.Templates, err = b.fleetTemplates(f.LaunchTemplates, at); err != nil {
			return err
		}
		b.st.spotFleets[id] = sf
	}
	return nil
}

// spotLaunchSpec resolves an inline launch specification (a Spot Fleet's
// or a Spot Instance request's).
func (b *builder) spotLaunchSpec(ls SpotLaunchSpec, lat path) (spotLaunchSpec, error) {
	vpcID, ids, err := b.placed(ls.Placement, false, lat)
	if err != nil {
		return spotLaunchSpec{}, err
	}
	spec := spotLaunchSpec{Groups: ids}
	if ls.Subnet != "" {
		sn, err := b.subnetOf(vpcID, ls.Subnet, append(lat, "subnet"))
		if err != nil {
			return spotLaunchSpec{}, err
		}
		spec.SubnetID = sn.ID
	}
	for k, ni := range ls.Interfaces {
		nat := append(append(path{}, lat...), "interfaces", k)
		if ni.VPC == "" {
			ni.VPC = ls.VPC
		}
		nvpc, nids, err := b.placed(ni.Placement, false, nat)
		if err != nil {
			return spotLaunchSpec{}, err
		}
		ti := templateInterface{DeviceIndex: k, Groups: nids}
		if ni.Subnet != "" {
			sn, err := b.subnetOf(nvpc, ni.Subnet, append(nat, "subnet"))
			if err != nil {
				return spotLaunchSpec{}, err
			}
			ti.SubnetID = sn.ID
		}
		spec.Interfaces = append(spec.Interfaces, ti)
	}
	return spec, nil
}

// pinOrUUID is a pinned id, or prefix-<uuid> as fleet and Spot Fleet ids are.
func (b *builder) pinOrUUID(id, prefix string, at path) (string, error) {
	if id == "" {
		return prefix + "-" + b.uuid(), nil
	}
	if !strings.HasPrefix(id, prefix+"-") {
		return "", b.errAt(at, "id %q does not start with %s-", id, prefix)
	}
	return id, nil
}

// fleetTemplates resolves the templates' override subnets, in any VPC.
func (b *builder) fleetTemplates(specs []FleetTemplate, at path) ([]fleetTemplate, error) {
	var out []fleetTemplate
	for j, ft := range specs {
		tat := append(append(path{}, at...), "launch_templates", j)
		if (ft.ID == "") == (ft.Name == "") {
			return nil, b.errAt(tat, "exactly one of id and name is required")
		}
		t := fleetTemplate{Ref: ft.LaunchTemplateRef}
		for k, ref := range ft.Subnets {
			id := ref
			if named, ok := b.subnetNames[ref]; ok {
				id = named
			}
			if b.st.subnets[id] == nil {
				return nil, b.errAt(append(tat, "subnets", k), "no subnet %q", ref)
			}
			t.Subnets = append(t.Subnets, id)
		}
		out = append(out, t)
	}
	return out, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

type xFleetTemplateSpec struct {
	LaunchTemplateID   string `xml:"launchTemplateId,omitempty"`
	LaunchTemplateName string `xml:"launchTemplateName,omitempty"`
	Version            string `xml:"version,omitempty"`
}

type xFleetOverride struct {
	InstanceType string `xml:"instanceType"`
	SubnetID     string `xml:"subnetId,omitempty"`
}

type xFleetTemplateConfig struct {
	Spec      xFleetTemplateSpec     `xml:"launchTemplateSpecification"`
	Overrides *items[xFleetOverride] `xml:"overrides,omitempty"`
}

func xFleetTemplates(ts []fleetTemplate) *items[xFleetTemplateConfig] {
	out := &items[xFleetTemplateConfig]{Item: []xFleetTemplateConfig{}}
	for _, t := range ts {
		c := xFleetTemplateConfig{Spec: xFleetTemplateSpec{LaunchTemplateID: t.Ref.ID, LaunchTemplateName: t.Ref.Name, Version: t.Ref.Version}}
		if len(t.Subnets) > 0 {
			c.Overrides = &items[xFleetOverride]{}
			for _, sn := range t.Subnets {
				c.Overrides.Item = append(c.Overrides.Item, xFleetOverride{InstanceType: "m5.large", SubnetID: sn})
			}
		}
		out.Item = append(out.Item, c)
	}
	return out
}

type xTargetCapacity struct {
	Total       int    `xml:"totalTargetCapacity"`
	DefaultType string `xml:"defaultTargetCapacityType"`
}

type xFleet struct {
	FleetID        string                       `xml:"fleetId"`
	FleetState     string                       `xml:"fleetState"`
	Type           string                       `xml:"type"`
	CreateTime     string                       `xml:"createTime"`
	ActivityStatus string                       `xml:"activityStatus,omitempty"`
	Configs        *items[xFleetTemplateConfig] `xml:"launchTemplateConfigs"`
	TargetCapacity xTargetCapacity              `xml:"targetCapacitySpecification"`
	TagSet         *items[xTag]                 `xml:"tagSet,omitempty"`
}

var fleetFilter = filterer[*ec2Fleet]{
	fields: fields[*ec2Fleet]{
		"fleet-state": func(f *ec2Fleet) []string { return one(f.State) },
		"type":        func(f *ec2Fleet) []string { return one(f.Type) },
	},
	tags: func(f *ec2Fleet) []Tag { return f.Tags },
}

func describeFleets(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.ec2Fleets, "FleetId", func(id string) *apiError {
		return notFound("InvalidFleetId.NotFound", "The fleet ID '%s' does not exist", id)
	}, fleetFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Fleets    items[xFleet] `xml:"fleetSet"`
		NextToken string        `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Fleets.Item = []xFleet{}
	for _, id := range ids {
		f := st.ec2Fleets[id]
		out.Fleets.Item = append(out.Fleets.Item, xFleet{FleetID: f.ID, FleetState: f.State, Type: f.Type, CreateTime: ec2Created,
			ActivityStatus: "fulfilled", Configs: xFleetTemplates(f.Templates),
			TargetCapacity: xTargetCapacity{Total: 1, DefaultType: "spot"}, TagSet: xTags(f.Tags)})
	}
	return out, nil
}

// xSpotInterface is InstanceNetworkInterfaceSpecification: its groups are
// <SecurityGroupId> elements in a <SecurityGroupId> list, as the model's
// locationNames say.
type xSpotInterface struct {
	DeviceIndex int      `xml:"deviceIndex"`
	SubnetID    string   `xml:"subnetId,omitempty"`
	Groups      []string `xml:"SecurityGroupId>SecurityGroupId"`
}

type xSpotLaunchSpec struct {
	ImageID      string                   `xml:"imageId"`
	InstanceType string                   `xml:"instanceType"`
	SubnetID     string                   `xml:"subnetId,omitempty"`
	GroupSet     *items[xGroupIdentifier] `xml:"groupSet,omitempty"`
	Interfaces   *items[xSpotInterface]   `xml:"networkInterfaceSet,omitempty"`
}

type xSpotFleetConfigData struct {
	AllocationStrategy string                       `xml:"allocationStrategy"`
	IamFleetRole       string                       `xml:"iamFleetRole"`
	TargetCapacity     int                          `xml:"targetCapacity"`
	Type               string                       `xml:"type"`
	LaunchSpecs        *items[xSpotLaunchSpec]      `xml:"launchSpecifications,omitempty"`
	Configs            *items[xFleetTemplateConfig] `xml:"launchTemplateConfigs,omitempty"`
}

type xSpotFleet struct {
	ActivityStatus string               `xml:"activityStatus,omitempty"`
	CreateTime     string               `xml:"createTime"`
	Config         xSpotFleetConfigData `xml:"spotFleetRequestConfig"`
	ID             string               `xml:"spotFleetRequestId"`
	State          string               `xml:"spotFleetRequestState"`
	TagSet         *items[xTag]         `xml:"tagSet,omitempty"`
}

// describeSpotFleetRequests takes no filters (the API has none), only ids
// and MaxResults/NextToken.
func describeSpotFleetRequests(c *call, st *regionState) (any, *apiError) {
	ids := sortedKeys(st.spotFleets)
	if asked := list(c.Form, "SpotFleetRequestId"); len(asked) > 0 {
		for _, id := range asked {
			if st.spotFleets[id] == nil {
				return nil, notFound("InvalidSpotFleetRequestId.NotFound", "The spot fleet request ID '%s' does not exist", id)
			}
		}
		ids = dedupe(asked)
		sort.Strings(ids)
	}
	ids, next, e := page(c, ids)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Configs   items[xSpotFleet] `xml:"spotFleetRequestConfigSet"`
		NextToken string            `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Configs.Item = []xSpotFleet{}
	for _, id := range ids {
		f := st.spotFleets[id]
		x := xSpotFleet{ActivityStatus: "fulfilled", CreateTime: ec2Created, ID: f.ID, State: f.State, TagSet: xTags(f.Tags),
			Config: xSpotFleetConfigData{AllocationStrategy: "capacityOptimized", TargetCapacity: 1, Type: "maintain",
				IamFleetRole: "arn:aws:iam::" + st.account + ":role/aws-ec2-spot-fleet-tagging-role"}}
		if len(f.Specs) > 0 {
			x.Config.LaunchSpecs = &items[xSpotLaunchSpec]{}
		}
		for _, s := range f.Specs {
			x.Config.LaunchSpecs.Item = append(x.Config.LaunchSpecs.Item, st.xSpotLaunchSpec(s))
		}
		if len(f.Templates) > 0 {
			x.Config.Configs = xFleetTemplates(f.Templates)
		}
		out.Configs.Item = append(out.Configs.Item, x)
	}
	return out, nil
}

// xSpotLaunchSpec is an inline launch specification as Spot Fleet requests
// and Spot Instance requests show it.
func (st *regionState) xSpotLaunchSpec(s spotLaunchSpec) xSpotLaunchSpec {
	xs := xSpotLaunchSpec{ImageID: "ami-0123456789abcdef0", InstanceType: "m5.large", SubnetID: s.SubnetID}
	if len(s.Groups) > 0 {
		xs.GroupSet = &items[xGroupIdentifier]{}
		for _, g := range s.Groups {
			xs.GroupSet.Item = append(xs.GroupSet.Item, xGroupIdentifier{GroupID: g, GroupName: st.groupName(g)})
		}
	}
	if len(s.Interfaces) > 0 {
		xs.Interfaces = &items[xSpotInterface]{}
		for _, ni := range s.Interfaces {
			xs.Interfaces.Item = append(xs.Interfaces.Item, xSpotInterface{DeviceIndex: ni.DeviceIndex, SubnetID: ni.SubnetID, Groups: ni.Groups})
		}
	}
	return xs
}
