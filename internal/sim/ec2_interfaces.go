package sim

import (
	"net/http"
	"strings"
)

// maxGroupsPerInterface is EC2's default quota.
const maxGroupsPerInterface = 5

type xGroupIdentifier struct {
	GroupID   string `xml:"groupId"`
	GroupName string `xml:"groupName"`
}

type xAttachment struct {
	AttachmentID        string `xml:"attachmentId"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
	DeviceIndex         int32  `xml:"deviceIndex"`
	InstanceID          string `xml:"instanceId,omitempty"`
	InstanceOwnerID     string `xml:"instanceOwnerId,omitempty"`
	Status              string `xml:"status"`
}

type xNetworkInterface struct {
	NetworkInterfaceID string                  `xml:"networkInterfaceId"`
	SubnetID           string                  `xml:"subnetId"`
	VpcID              string                  `xml:"vpcId"`
	AvailabilityZone   string                  `xml:"availabilityZone"`
	Description        string                  `xml:"description"`
	OwnerID            string                  `xml:"ownerId"`
	RequesterID        string                  `xml:"requesterId,omitempty"`
	RequesterManaged   bool                    `xml:"requesterManaged"`
	Status             string                  `xml:"status"`
	MacAddress         string                  `xml:"macAddress"`
	PrivateIPAddress   string                  `xml:"privateIpAddress"`
	SourceDestCheck    bool                    `xml:"sourceDestCheck"`
	GroupSet           items[xGroupIdentifier] `xml:"groupSet"`
	Attachment         *xAttachment            `xml:"attachment,omitempty"`
	InterfaceType      string                  `xml:"interfaceType"`
	TagSet             items[xTag]             `xml:"tagSet"`
}

func (st *regionState) xInterface(n *NetworkInterface) xNetworkInterface {
	x := xNetworkInterface{NetworkInterfaceID: n.ID, SubnetID: n.SubnetID, VpcID: n.VpcID,
		AvailabilityZone: n.AvailabilityZone, Description: n.Description, OwnerID: n.OwnerID,
		RequesterID: n.RequesterID, RequesterManaged: n.RequesterManaged, Status: n.Status,
		MacAddress: n.MacAddress, PrivateIPAddress: n.PrivateIPAddress, SourceDestCheck: true,
		GroupSet: items[xGroupIdentifier]{Item: []xGroupIdentifier{}}, InterfaceType: n.InterfaceType,
		TagSet: items[xTag]{Item: []xTag{}}}
	for _, id := range n.Groups {
		name := ""
		if g := st.groups[id]; g != nil {
			name = g.Name
		}
		x.GroupSet.Item = append(x.GroupSet.Item, xGroupIdentifier{id, name})
	}
	if a := n.Attachment; a != nil {
		x.Attachment = &xAttachment{AttachmentID: a.ID, DeviceIndex: a.DeviceIndex,
			InstanceID: a.InstanceID, InstanceOwnerID: a.InstanceOwnerID, Status: a.Status}
	}
	if t := xTags(n.Tags); t != nil {
		x.TagSet = *t
	}
	return x
}

var interfaceFilter = filterer[*NetworkInterface]{
	fields: fields[*NetworkInterface]{
		"network-interface-id": func(n *NetworkInterface) []string { return one(n.ID) },
		"group-id":             func(n *NetworkInterface) []string { return n.Groups },
		"vpc-id":               func(n *NetworkInterface) []string { return one(n.VpcID) },
		"subnet-id":            func(n *NetworkInterface) []string { return one(n.SubnetID) },
		"availability-zone":    func(n *NetworkInterface) []string { return one(n.AvailabilityZone) },
		"owner-id":             func(n *NetworkInterface) []string { return one(n.OwnerID) },
		"interface-type":       func(n *NetworkInterface) []string { return one(n.InterfaceType) },
		"requester-managed":    func(n *NetworkInterface) []string { return boolStr(n.RequesterManaged) },
		"requester-id":         func(n *NetworkInterface) []string { return one(n.RequesterID) },
		"description":          func(n *NetworkInterface) []string { return one(n.Description) },
		"status":               func(n *NetworkInterface) []string { return one(n.Status) },
		"private-ip-address":   func(n *NetworkInterface) []string { return one(n.PrivateIPAddress) },
		"attachment.instance-id": func(n *NetworkInterface) []string {
			if n.Attachment == nil {
				return nil
			}
			return one(n.Attachment.InstanceID)
		},
		"attachment.instance-owner-id": func(n *NetworkInterface) []string {
			if n.Attachment == nil {
				return nil
			}
			return one(n.Attachment.InstanceOwnerID)
		},
	},
	tags: func(n *NetworkInterface) []Tag { return n.Tags },
}

func describeNetworkInterfaces(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.enis, "NetworkInterfaceId", eniNotFound, interfaceFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Interfaces items[xNetworkInterface] `xml:"networkInterfaceSet"`
		NextToken  string                   `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Interfaces.Item = []xNetworkInterface{}
	for _, id := range ids {
		out.Interfaces.Item = append(out.Interfaces.Item, st.xInterface(st.enis[id]))
	}
	return out, nil
}

func eniNotFound(id string) *apiError {
	if !validID(id, "eni") {
		return notFound("InvalidNetworkInterfaceId.Malformed", "Invalid id: \"%s\" (expecting \"eni-...\")", id)
	}
	return notFound("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '%s' does not exist", id)
}

func (st *regionState) eniParam(c *call) (*NetworkInterface, *apiError) {
	id := c.Form.Get("NetworkInterfaceId")
	if id == "" {
		return nil, missingParameter("NetworkInterfaceId")
	}
	n := st.enis[id]
	if n == nil {
		return nil, eniNotFound(id)
	}
	return n, nil
}

// checkGroups validates an interface's group list: each exists, is in the
// interface's VPC, and there are at most five.
func (st *regionState) checkGroups(vpcID, subnetID string, ids []string) ([]string, *apiError) {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		g, e := st.group(id)
		if e != nil {
			return nil, e
		}
		if g.VpcID != vpcID {
			return nil, errf(http.StatusBadRequest, "InvalidParameter",
				"Security group %s and subnet %s belong to different networks.", id, subnetID)
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) > maxGroupsPerInterface {
		return nil, errf(http.StatusBadRequest, "SecurityGroupsPerInterfaceLimitExceeded",
			"You have exceeded the maximum number of security groups allowed per network interface.")
	}
	return out, nil
}

func createNetworkInterface(c *call, st *regionState) (any, *apiError) {
	subnetID := c.Form.Get("SubnetId")
	if subnetID == "" {
		return nil, missingParameter("SubnetId")
	}
	sn := st.subnets[subnetID]
	if sn == nil {
		return nil, notFound("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", subnetID)
	}
	groups := list(c.Form, "SecurityGroupId")
	if len(groups) == 0 {
		if def := st.groupByName(sn.VpcID, "default"); def != nil {
			groups = []string{def.ID}
		}
	}
	groups, e := st.checkGroups(sn.VpcID, sn.ID, groups)
	if e != nil {
		return nil, e
	}
	typ := c.Form.Get("InterfaceType")
	if typ == "" {
		typ = "interface"
	}
	n := st.newInterface(st.ids.next("eni"), sn, groups)
	n.Description, n.InterfaceType = c.Form.Get("Description"), typ
	n.Tags = tagSpecs(c.Form, "network-interface")
	st.enis[n.ID] = n
	return &struct {
		ec2Meta
		Interface xNetworkInterface `xml:"networkInterface"`
	}{Interface: st.xInterface(n)}, nil
}

// newInterface makes an available interface with a deterministic address.
func (st *regionState) newInterface(id string, sn *Subnet, groups []string) *NetworkInterface {
	return &NetworkInterface{ID: id, VpcID: sn.VpcID, SubnetID: sn.ID, AvailabilityZone: sn.AvailabilityZone,
		OwnerID: st.account, InterfaceType: "interface", Status: "available", Groups: groups,
		PrivateIPAddress: st.nextAddress(sn), MacAddress: "02:" + colonPairs(st.ids.hexN("mac", 10))}
}

func colonPairs(h string) string {
	var parts []string
	for i := 0; i+2 <= len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

func modifyNetworkInterfaceAttribute(c *call, st *regionState) (any, *apiError) {
	n, e := st.eniParam(c)
	if e != nil {
		return nil, e
	}
	groups := list(c.Form, "SecurityGroupId")
	desc, hasDesc := c.Form["Description.Value"]
	if len(groups) == 0 && !hasDesc && c.Form.Get("SourceDestCheck.Value") == "" {
		return nil, invalidParameterCombination("No attributes specified.")
	}
	if n.RequesterManaged {
		return nil, errf(http.StatusBadRequest, "OperationNotPermitted", "You are not allowed to manage 'ela-attach' attachments.")
	}
	if len(groups) > 0 {
		checked, e := st.checkGroups(n.VpcID, n.SubnetID, groups)
		if e != nil {
			return nil, e
		}
		n.Groups = checked
	}
	if hasDesc {
		n.Description = desc[0]
	}
	return &ec2Return{Return: true}, nil
}

func deleteNetworkInterface(c *call, st *regionState) (any, *apiError) {
	n, e := st.eniParam(c)
	if e != nil {
		return nil, e
	}
	if n.Attachment != nil || n.Status == "in-use" {
		return nil, errf(http.StatusBadRequest, "InvalidNetworkInterface.InUse", "The network interface '%s' is currently in use.", n.ID)
	}
	delete(st.enis, n.ID)
	return &ec2Return{Return: true}, nil
}
