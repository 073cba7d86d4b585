package sim

import (
	"net/http"
	"slices"
	"strings"
)

// VPC endpoints, EC2 Instance Connect endpoints and Client VPN endpoints:
// resources that carry security groups (reference table A). A VPC
// endpoint's groups change with ModifyVpcEndpoint, an Instance Connect
// endpoint's with ModifyInstanceConnectEndpoint; Client VPN endpoints are
// read here (ec2_client_vpn_update.go changes them).

type xVpcEndpoint struct {
	VpcEndpointID     string                  `xml:"vpcEndpointId"`
	VpcEndpointType   string                  `xml:"vpcEndpointType"`
	VpcID             string                  `xml:"vpcId"`
	ServiceName       string                  `xml:"serviceName"`
	State             string                  `xml:"state"`
	GroupSet          items[xGroupIdentifier] `xml:"groupSet"`
	SubnetIDSet       items[string]           `xml:"subnetIdSet"`
	PrivateDNSEnabled bool                    `xml:"privateDnsEnabled"`
	RequesterManaged  bool                    `xml:"requesterManaged"`
	OwnerID           string                  `xml:"ownerId"`
	CreationTimestamp string                  `xml:"creationTimestamp"`
	TagSet            *items[xTag]            `xml:"tagSet,omitempty"`
}

var vpcEndpointFilter = filterer[*vpcEndpoint]{
	fields: fields[*vpcEndpoint]{
		"vpc-endpoint-id":    func(e *vpcEndpoint) []string { return one(e.ID) },
		"vpc-endpoint-type":  func(e *vpcEndpoint) []string { return one(e.Type) },
		"vpc-id":             func(e *vpcEndpoint) []string { return one(e.VpcID) },
		"service-name":       func(e *vpcEndpoint) []string { return one(e.Service) },
		"vpc-endpoint-state": func(*vpcEndpoint) []string { return one("available") },
	},
	tags: func(e *vpcEndpoint) []Tag { return e.Tags },
}

func describeVpcEndpoints(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.vpcEndpoints, "VpcEndpointId", func(id string) *apiError {
		return notFound("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '%s' does not exist", id)
	}, vpcEndpointFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Endpoints items[xVpcEndpoint] `xml:"vpcEndpointSet"`
		NextToken string              `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Endpoints.Item = []xVpcEndpoint{}
	for _, id := range ids {
		ep := st.vpcEndpoints[id]
		x := xVpcEndpoint{VpcEndpointID: ep.ID, VpcEndpointType: ep.Type, VpcID: ep.VpcID, ServiceName: ep.Service,
			State: "available", SubnetIDSet: items[string]{Item: ep.Subnets}, PrivateDNSEnabled: ep.Type == "Interface",
			OwnerID: st.account, CreationTimestamp: ec2Created, TagSet: xTags(ep.Tags)}
		x.GroupSet.Item = []xGroupIdentifier{}
		for _, g := range ep.Groups {
			x.GroupSet.Item = append(x.GroupSet.Item, xGroupIdentifier{GroupID: g, GroupName: st.groupName(g)})
		}
		out.Endpoints.Item = append(out.Endpoints.Item, x)
	}
	return out, nil
}

// modifyVpcEndpoint adds and removes an interface endpoint's groups
// (AddSecurityGroupId.N, RemoveSecurityGroupId.N) and moves its
// interfaces: those whose description names the endpoint ("VPC Endpoint
// Interface vpce-..."). The other changes ModifyVpcEndpoint can make
// (subnets, route tables, policy, DNS) are accepted and not simulated.
func modifyVpcEndpoint(c *call, st *regionState) (any, *apiError) {
	id := c.Form.Get("VpcEndpointId")
	if id == "" {
		return nil, missingParameter("VpcEndpointId")
	}
	ep := st.vpcEndpoints[id]
	if ep == nil {
		return nil, notFound("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '%s' does not exist", id)
	}
	add, remove := list(c.Form, "AddSecurityGroupId"), list(c.Form, "RemoveSecurityGroupId")
	if len(add)+len(remove) == 0 {
		return &ec2Return{Return: true}, nil
	}
	if ep.Type != "Interface" {
		return nil, errf(http.StatusBadRequest, "InvalidParameter",
			"Security groups are supported only for Interface endpoints; %s is a %s endpoint.", id, ep.Type)
	}
	for _, gid := range append(slices.Clone(add), remove...) {
		g, e := st.group(gid)
		if e != nil {
			return nil, e
		}
		if g.VpcID != ep.VpcID {
			return nil, notFound("InvalidGroup.NotFound", "The security group '%s' does not exist in VPC '%s'", gid, ep.VpcID)
		}
	}
	next := []string{}
	for _, gid := range append(slices.Clone(ep.Groups), add...) {
		if !slices.Contains(remove, gid) && !slices.Contains(next, gid) {
			next = append(next, gid)
		}
	}
	if len(next) > maxGroupsPerInterface {
		return nil, errf(http.StatusBadRequest, "SecurityGroupsPerInterfaceLimitExceeded",
			"You have exceeded the maximum number of security groups allowed per network interface.")
	}
	st.retarget(func(n *NetworkInterface) bool { return slices.Contains(strings.Fields(n.Description), id) }, next)
	ep.Groups = next
	return &ec2Return{Return: true}, nil
}

func (st *regionState) groupName(id string) string {
	if g := st.groups[id]; g != nil {
		return g.Name
	}
	return ""
}

type xInstanceConnectEndpoint struct {
	OwnerID                    string        `xml:"ownerId"`
	InstanceConnectEndpointID  string        `xml:"instanceConnectEndpointId"`
	InstanceConnectEndpointArn string        `xml:"instanceConnectEndpointArn"`
	State                      string        `xml:"state"`
	VpcID                      string        `xml:"vpcId"`
	SubnetID                   string        `xml:"subnetId"`
	AvailabilityZone           string        `xml:"availabilityZone"`
	CreatedAt                  string        `xml:"createdAt"`
	PreserveClientIP           bool          `xml:"preserveClientIp"`
	SecurityGroupIDSet         items[string] `xml:"securityGroupIdSet"`
	TagSet                     *items[xTag]  `xml:"tagSet,omitempty"`
}

// endpointFilter serves both endpoint kinds; idName is the kind's id filter.
func endpointFilter(idName string) filterer[*ec2Endpoint] {
	return filterer[*ec2Endpoint]{
		fields: fields[*ec2Endpoint]{
			idName:   func(e *ec2Endpoint) []string { return one(e.ID) },
			"vpc-id": func(e *ec2Endpoint) []string { return one(e.VpcID) },
		},
		tags: func(e *ec2Endpoint) []Tag { return e.Tags },
	}
}

func describeInstanceConnectEndpoints(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.eices, "InstanceConnectEndpointId", func(id string) *apiError {
		return notFound("InvalidInstanceConnectEndpointId.NotFound", "The instance connect endpoint ID '%s' does not exist", id)
	}, endpointFilter("instance-connect-endpoint-id"))
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Endpoints items[xInstanceConnectEndpoint] `xml:"instanceConnectEndpointSet"`
		NextToken string                          `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Endpoints.Item = []xInstanceConnectEndpoint{}
	for _, id := range ids {
		ep := st.eices[id]
		state := "create-complete"
		switch {
		case ep.Updating > 0:
			ep.Updating--
			state = "update-in-progress"
		case ep.Updated:
			state = "update-complete"
		}
		out.Endpoints.Item = append(out.Endpoints.Item, xInstanceConnectEndpoint{OwnerID: st.account,
			InstanceConnectEndpointID: ep.ID, InstanceConnectEndpointArn: ep.ARN, State: state,
			VpcID: ep.VpcID, SubnetID: ep.SubnetID, AvailabilityZone: ep.AZ, CreatedAt: ec2Created,
			SecurityGroupIDSet: items[string]{Item: ep.Groups}, TagSet: xTags(ep.Tags)})
	}
	return out, nil
}

type xClientVpnEndpoint struct {
	ClientVpnEndpointID string        `xml:"clientVpnEndpointId"`
	Description         string        `xml:"description,omitempty"`
	StatusCode          string        `xml:"status>code"`
	CreationTime        string        `xml:"creationTime"`
	ClientCidrBlock     string        `xml:"clientCidrBlock"`
	VpnProtocol         string        `xml:"vpnProtocol"`
	TransportProtocol   string        `xml:"transportProtocol"`
	VpnPort             int           `xml:"vpnPort"`
	SecurityGroupIDSet  items[string] `xml:"securityGroupIdSet"`
	VpcID               string        `xml:"vpcId"`
	TagSet              *items[xTag]  `xml:"tagSet,omitempty"`
}

func describeClientVpnEndpoints(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.clientVPNs, "ClientVpnEndpointId", func(id string) *apiError {
		return notFound("InvalidClientVpnEndpointId.NotFound", "Endpoint %s does not exist", id)
	}, endpointFilter("endpoint-id"))
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Endpoints items[xClientVpnEndpoint] `xml:"clientVpnEndpoint"`
		NextToken string                    `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Endpoints.Item = []xClientVpnEndpoint{}
	for _, id := range ids {
		ep := st.clientVPNs[id]
		out.Endpoints.Item = append(out.Endpoints.Item, xClientVpnEndpoint{ClientVpnEndpointID: ep.ID, Description: ep.Description,
			StatusCode: "available", CreationTime: "2024-01-01T00:00:00", ClientCidrBlock: "10.200.0.0/22",
			VpnProtocol: "openvpn", TransportProtocol: "udp", VpnPort: 443,
			SecurityGroupIDSet: items[string]{Item: ep.Groups}, VpcID: ep.VpcID, TagSet: xTags(ep.Tags)})
	}
	return out, nil
}

// modifyInstanceConnectEndpoint replaces the endpoint's groups
// (SecurityGroupId.N, "The new set of groups you specify replaces the
// current set. You must specify at least one group", API reference; the
// model allows 16); IpAddressType and PreserveClientIp are accepted and not
// modelled. The endpoint is update-in-progress for the next read, then
// update-complete; another change meanwhile is refused (the simulator's
// choice: AWS documents no code, IncorrectState is EC2's usual one). Its
// interface moves at once.
func modifyInstanceConnectEndpoint(c *call, st *regionState) (any, *apiError) {
	id := c.Form.Get("InstanceConnectEndpointId")
	if id == "" {
		return nil, missingParameter("InstanceConnectEndpointId")
	}
	ep := st.eices[id]
	if ep == nil {
		return nil, notFound("InvalidInstanceConnectEndpointId.NotFound", "The instance connect endpoint ID '%s' does not exist", id)
	}
	ids := list(c.Form, "SecurityGroupId")
	if len(ids) == 0 {
		return &ec2Return{Return: true}, nil
	}
	if len(ids) > 16 {
		return nil, invalidParameterValue("SecurityGroupIds: at most 16 groups")
	}
	if ep.Updating > 0 {
		return nil, errf(http.StatusBadRequest, "IncorrectState", "The instance connect endpoint '%s' is in state update-in-progress.", id)
	}
	next := dedupe(ids)
	for _, gid := range next {
		g, e := st.group(gid)
		if e != nil {
			return nil, e
		}
		if g.VpcID != ep.VpcID {
			return nil, notFound("InvalidGroup.NotFound", "The security group '%s' does not exist in VPC '%s'", gid, ep.VpcID)
		}
	}
	st.retarget(func(n *NetworkInterface) bool { return strings.Contains(n.Description, id) }, next)
	ep.Groups, ep.Updating, ep.Updated = next, settlingReads, true
	return &ec2Return{Return: true}, nil
}
