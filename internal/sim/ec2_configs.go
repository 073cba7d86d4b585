package sim

import "fmt"

// EC2 configurations that hold groups without an interface of their own:
// launch templates, VPC endpoints, EC2 Instance Connect and Client VPN
// endpoints, references to groups from peered VPCs, EC2 Fleets and Spot
// Fleets (ec2_fleets.go), Spot Instance requests (ec2_spot_requests.go). Their scenario
// part, state and builder; the handlers are in ec2_launch_templates.go,
// ec2_endpoints.go and ec2_references.go.

// ec2ConfigSpecs are the EC2 configurations' part of a region's scenario.
type ec2ConfigSpecs struct {
	LaunchTemplates          []LaunchTemplateSpec         `yaml:"launch_templates"`
	VPCEndpoints             []VPCEndpointSpec            `yaml:"vpc_endpoints"`
	InstanceConnectEndpoints []EndpointSpec               `yaml:"instance_connect_endpoints"`
	ClientVPNEndpoints       []EndpointSpec               `yaml:"client_vpn_endpoints"`
	PeeredReferences         []PeeredReferenceSpec        `yaml:"peered_references"`
	EC2Fleets                []EC2FleetSpec               `yaml:"ec2_fleets"`
	SpotFleets               []SpotFleetSpec              `yaml:"spot_fleets"`
	VerifiedAccessEndpoints  []VerifiedAccessEndpointSpec `yaml:"verified_access_endpoints"`
	SpotRequests             []SpotRequestSpec            `yaml:"spot_instance_requests"`
}

// ec2ConfigState is their part of a regionState: maps by id, paged in id
// order like every EC2 Describe, changed (CreateLaunchTemplateVersion,
// ModifyLaunchTemplate, ModifyVpcEndpoint) under the region lock like
// every EC2 op.
type ec2ConfigState struct {
	launchTemplates map[string]*launchTemplate
	vpcEndpoints    map[string]*vpcEndpoint
	eices           map[string]*ec2Endpoint
	clientVPNs      map[string]*ec2Endpoint
	sgReferences    []sgReference
	ec2Fleets       map[string]*ec2Fleet
	spotFleets      map[string]*spotFleet
	verifiedAccess  map[string]*ec2Endpoint
	spotRequests    map[string]*spotRequest
}

// addEC2Configs builds them in this order (generated ids depend on it).
func (b *builder) addEC2Configs() error {
	b.st.ec2ConfigState = ec2ConfigState{launchTemplates: map[string]*launchTemplate{}, vpcEndpoints: map[string]*vpcEndpoint{},
		eices: map[string]*ec2Endpoint{}, clientVPNs: map[string]*ec2Endpoint{}}
	for _, step := range []func() error{b.addLaunchTemplates, b.addVPCEndpoints, b.addEC2Endpoints, b.addPeeredReferences, b.addFleets, b.addVerifiedAccessEndpoints, b.addSpotRequests} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

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
// SecurityGroups; Interfaces are NetworkInterfaces, by device index. A
// version naming no group at all launches into the default group of its
// interface's subnet's VPC (or the default VPC's): RunInstances does.
type LaunchTemplateVersionSpec struct {
	Placement  `yaml:",inline"`
	GroupNames []string                `yaml:"group_names"`
	Interfaces []TemplateInterfaceSpec `yaml:"interfaces"`
}

// TemplateInterfaceSpec is one of a version's NetworkInterfaces: its
// groups (omitted = none) and its SubnetId (a subnet name or id in the
// VPC; omitted = none). Its VPC is the version's unless it names one.
type TemplateInterfaceSpec struct {
	Placement `yaml:",inline"`
	Subnet    string `yaml:"subnet"`
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

type launchTemplate struct {
	ID, Name       string
	DefaultVersion int64
	Tags           []Tag
	Versions       []launchTemplateData // version n is Versions[n-1]
}

type launchTemplateData struct {
	GroupIDs, GroupNames []string
	Interfaces           []templateInterface
	Description          string // VersionDescription
}

// templateInterface is a version's network interface specification.
type templateInterface struct {
	DeviceIndex int
	SubnetID    string
	Groups      []string
}

type vpcEndpoint struct {
	ID, Type, Service, VpcID string
	Subnets, Groups          []string
	Tags                     []Tag
}

// ec2Endpoint is an EC2 Instance Connect endpoint or a Client VPN endpoint.
type ec2Endpoint struct {
	ID, ARN, Description, VpcID, SubnetID, AZ string
	Groups                                    []string
	Tags                                      []Tag
	// Updating is how many more reads show an Instance Connect endpoint
	// update-in-progress after ModifyInstanceConnectEndpoint; Updated
	// makes it update-complete afterwards.
	Updating int
	Updated  bool
}

func (b *builder) addLaunchTemplates() error {
	seen := map[string]bool{}
	for i, t := range b.res.LaunchTemplates {
		at := path{"launch_templates", i}
		if err := b.unique(seen, t.Name, at); err != nil {
			return err
		}
		id, err := b.pinOrNext(t.ID, "lt", append(at, "id"))
		if err != nil {
			return err
		}
		if len(t.Versions) == 0 {
			return b.errAt(append(at, "versions"), "a launch template has at least one version")
		}
		def := t.DefaultVersion
		if def == 0 {
			def = 1
		}
		if def < 1 || def > int64(len(t.Versions)) {
			return b.errAt(append(at, "default_version"), "default_version %d is not one of versions 1..%d", def, len(t.Versions))
		}
		lt := &launchTemplate{ID: id, Name: t.Name, DefaultVersion: def, Tags: tagsOf(t.Tags, "")}
		for j, v := range t.Versions {
			vat := append(append(path{}, at...), "versions", j)
			_, ids, err := b.placed(v.Placement, false, vat)
			if err != nil {
				return err
			}
			d := launchTemplateData{GroupIDs: ids, GroupNames: v.GroupNames}
			for k, ni := range v.Interfaces {
				nat := append(append(path{}, vat...), "interfaces", k)
				if ni.VPC == "" {
					ni.VPC = v.VPC // an interface sits in its version's VPC unless it says
				}
				vpcID, nids, err := b.placed(ni.Placement, false, nat)
				if err != nil {
					return err
				}
				ti := templateInterface{DeviceIndex: k, Groups: nids}
				if ni.Subnet != "" {
					sn, err := b.subnetOf(vpcID, ni.Subnet, append(nat, "subnet"))
					if err != nil {
						return err
					}
					ti.SubnetID = sn.ID
				}
				d.Interfaces = append(d.Interfaces, ti)
			}
			lt.Versions = append(lt.Versions, d)
		}
		b.st.launchTemplates[id] = lt
	}
	return nil
}

func (b *builder) addVPCEndpoints() error {
	for i, e := range b.res.VPCEndpoints {
		at := path{"vpc_endpoints", i}
		typ := e.Type
		if typ == "" {
			typ = "Interface"
		}
		if typ != "Interface" && typ != "Gateway" && typ != "GatewayLoadBalancer" {
			return b.errAt(append(at, "type"), "type %q is not Interface, Gateway or GatewayLoadBalancer", e.Type)
		}
		if typ != "Interface" && len(e.Groups) > 0 {
			return b.errAt(append(at, "groups"), "only interface endpoints take security groups")
		}
		id, err := b.pinOrNext(e.ID, "vpce", append(at, "id"))
		if err != nil {
			return err
		}
		vpcID, ids, err := b.placed(e.Placement, typ == "Interface", at)
		if err != nil {
			return err
		}
		svcName := e.Service
		if svcName == "" {
			svcName = "com.amazonaws." + b.st.region + ".s3"
		}
		ep := &vpcEndpoint{ID: id, Type: typ, Service: svcName, VpcID: vpcID, Groups: ids, Tags: tagsOf(e.Tags, "")}
		if typ == "Interface" {
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			ep.Subnets = []string{sn.ID}
		}
		b.st.vpcEndpoints[id] = ep
	}
	return nil
}

// addEC2Endpoints builds Instance Connect and Client VPN endpoints: both
// are a VPC, a subnet and groups that default to the VPC's default group.
func (b *builder) addEC2Endpoints() error {
	for _, list := range []struct {
		key, prefix string
		specs       []EndpointSpec
		out         map[string]*ec2Endpoint
	}{{"instance_connect_endpoints", "eice", b.res.InstanceConnectEndpoints, b.st.eices},
		{"client_vpn_endpoints", "cvpn-endpoint", b.res.ClientVPNEndpoints, b.st.clientVPNs}} {
		for i, e := range list.specs {
			at := path{list.key, i}
			id, err := b.pinOrNext(e.ID, list.prefix, append(at, "id"))
			if err != nil {
				return err
			}
			vpcID, ids, err := b.placed(e.Placement, true, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			ep := &ec2Endpoint{ID: id, Description: e.Description, VpcID: vpcID, SubnetID: sn.ID, AZ: sn.AvailabilityZone,
				Groups: ids, Tags: tagsOf(e.Tags, "")}
			if list.prefix == "eice" {
				ep.ARN = fmt.Sprintf("arn:aws:ec2:%s:%s:instance-connect-endpoint/%s", b.st.region, b.st.account, id)
			}
			list.out[id] = ep
		}
	}
	return nil
}
