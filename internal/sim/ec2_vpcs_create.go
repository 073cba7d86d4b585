package sim

import (
	"fmt"
	"net/http"
	"net/netip"
)

// createVpc makes a VPC the way AWS does: no subnets, and a default
// security group with the default rules, which is what tools under test
// must then find and close.
func createVpc(c *call, st *regionState) (any, *apiError) {
	cidr := c.Form.Get("CidrBlock")
	if cidr == "" {
		return nil, missingParameter("CidrBlock")
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() || p.Bits() < 16 || p.Bits() > 28 {
		return nil, notFound("InvalidVpc.Range", "The CIDR '%s' is invalid.", cidr)
	}
	vpc := &Vpc{ID: st.ids.next("vpc"), OwnerID: st.account, CidrBlock: p.Masked().String(), Tags: tagSpecs(c.Form, "vpc")}
	if boolParam(c.Form, "AmazonProvidedIpv6CidrBlock") {
		vpc.Ipv6CidrBlock = fmt.Sprintf("2600:1f%s:%s:%s00::/56", st.ids.hexN("v6a", 2), st.ids.hexN("v6b", 4), st.ids.hexN("v6c", 2))
	}
	st.vpcs[vpc.ID] = vpc
	g := &SecurityGroup{ID: st.ids.next("sg"), Name: "default", Description: "default VPC security group",
		VpcID: vpc.ID, OwnerID: st.account}
	g.Rules = append([]SecurityGroupRule{{ID: st.ids.next("sgr"), Protocol: "-1", FromPort: -1, ToPort: -1,
		Group: &GroupRef{GroupID: g.ID, UserID: st.account}}}, st.defaultEgressRules(vpc)...)
	st.groups[g.ID] = g
	return &struct {
		ec2Meta
		Vpc xVpc `xml:"vpc"`
	}{Vpc: st.xVpc(vpc)}, nil
}

// deleteVpc refuses while anything but the default group is left in it.
func deleteVpc(c *call, st *regionState) (any, *apiError) {
	if c.Form.Get("VpcId") == "" {
		return nil, missingParameter("VpcId")
	}
	vpc, e := st.vpcParam(c.Form.Get("VpcId"))
	if e != nil {
		return nil, e
	}
	dependent := func() bool {
		for _, s := range st.subnets {
			if s.VpcID == vpc.ID {
				return true
			}
		}
		for _, g := range st.groups {
			if g.VpcID == vpc.ID && !g.IsDefault() {
				return true
			}
		}
		return false
	}
	if dependent() {
		return nil, errf(http.StatusBadRequest, "DependencyViolation", "The vpc '%s' has dependencies and cannot be deleted.", vpc.ID)
	}
	for id, g := range st.groups {
		if g.VpcID == vpc.ID {
			delete(st.groups, id)
		}
	}
	delete(st.vpcs, vpc.ID)
	return &ec2Return{Return: true}, nil
}

func createSubnet(c *call, st *regionState) (any, *apiError) {
	if c.Form.Get("VpcId") == "" {
		return nil, missingParameter("VpcId")
	}
	vpc, e := st.vpcParam(c.Form.Get("VpcId"))
	if e != nil {
		return nil, e
	}
	p, err := netip.ParsePrefix(c.Form.Get("CidrBlock"))
	vp, _ := netip.ParsePrefix(vpc.CidrBlock)
	if err != nil || !p.Addr().Is4() || p.Bits() < vp.Bits() || p.Bits() > 28 || !vp.Contains(p.Addr()) {
		return nil, notFound("InvalidSubnet.Range", "The CIDR '%s' is invalid.", c.Form.Get("CidrBlock"))
	}
	for _, s := range st.subnets {
		if q, err := netip.ParsePrefix(s.CidrBlock); err == nil && s.VpcID == vpc.ID && q.Overlaps(p) {
			return nil, notFound("InvalidSubnet.Conflict", "The CIDR '%s' conflicts with another subnet", p)
		}
	}
	az := c.Form.Get("AvailabilityZone")
	if az == "" {
		az = st.region + "a"
	}
	sn := &Subnet{ID: st.ids.next("subnet"), VpcID: vpc.ID, OwnerID: st.account, CidrBlock: p.Masked().String(),
		AvailabilityZone: az, Tags: tagSpecs(c.Form, "subnet")}
	st.subnets[sn.ID] = sn
	return &struct {
		ec2Meta
		Subnet xSubnet `xml:"subnet"`
	}{Subnet: st.xSubnet(sn)}, nil
}

func deleteSubnet(c *call, st *regionState) (any, *apiError) {
	id := c.Form.Get("SubnetId")
	if id == "" {
		return nil, missingParameter("SubnetId")
	}
	if st.subnets[id] == nil {
		return nil, notFound("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
	}
	for _, n := range st.enis {
		if n.SubnetID == id {
			return nil, errf(http.StatusBadRequest, "DependencyViolation", "The subnet '%s' has dependencies and cannot be deleted.", id)
		}
	}
	delete(st.subnets, id)
	return &ec2Return{Return: true}, nil
}
