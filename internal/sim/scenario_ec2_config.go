package sim

// Scenario specs of the EC2 resources that hold a security group without
// being an interface themselves (launch templates, endpoints) and of
// references from peered VPCs, served by the EC2 handlers in
// ec2_launch_templates.go, ec2_endpoints.go and ec2_references.go.

// LaunchTemplateSpec is a launch template and its versions 1..n.
type LaunchTemplateSpec struct {
	Name           string                      `yaml:"name"`
	ID             string                      `yaml:"id"`              // pin the lt- id
	DefaultVersion int64                       `yaml:"default_version"` // default 1
	Tags           map[string]string           `yaml:"tags"`
	Versions       []LaunchTemplateVersionSpec `yaml:"versions"`
}

// LaunchTemplateVersionSpec is one version's network settings. Groups are
// SecurityGroupIds (omitted = none); GroupNames are returned verbatim in
// SecurityGroups; Interfaces are NetworkInterfaces[].Groups.
type LaunchTemplateVersionSpec struct {
	Placement  `yaml:",inline"`
	GroupNames []string    `yaml:"group_names"`
	Interfaces []Placement `yaml:"interfaces"`
}

// VPCEndpointSpec is a VPC endpoint. Interface endpoints with omitted
// groups get the VPC's default group, as CreateVpcEndpoint does; gateway
// endpoints take no groups.
type VPCEndpointSpec struct {
	ID        string `yaml:"id"`      // pin the vpce- id
	Service   string `yaml:"service"` // default com.amazonaws.<region>.s3
	Type      string `yaml:"type"`    // Interface (default) or Gateway
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// EndpointSpec is an EC2 Instance Connect endpoint or a Client VPN
// endpoint; omitted groups are the VPC's default group, as their create
// calls fall back to it.
type EndpointSpec struct {
	ID          string `yaml:"id"` // pin the eice- / cvpn-endpoint- id
	Description string `yaml:"description"`
	Placement   `yaml:",inline"`
	Tags        map[string]string `yaml:"tags"`
}

// PeeredReferenceSpec says a group of this region is referenced by a rule
// in a peered VPC or across a transit gateway: what
// DescribeSecurityGroupReferences reports. Exactly one of Peering and
// TransitGateway is set.
type PeeredReferenceSpec struct {
	Group          string `yaml:"group"` // name ("vpc/name" if ambiguous) or sg- id; "default" = the default VPC's
	VPC            string `yaml:"vpc"`   // VPC the group name is looked up in; omitted = the default VPC
	ReferencingVPC string `yaml:"referencing_vpc"`
	Peering        string `yaml:"peering"`
	TransitGateway string `yaml:"transit_gateway"`
}
