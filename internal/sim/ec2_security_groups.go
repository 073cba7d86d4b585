package sim

import (
	"net/http"
	"sort"
	"strings"
)

func describeSecurityGroups(c *call, st *regionState) (any, *apiError) {
	fs := filters(c.Form)
	if e := groupFilter.check(fs); e != nil {
		return nil, e
	}
	candidates := sortedKeys(st.groups)
	ids, names := list(c.Form, "GroupId"), list(c.Form, "GroupName")
	if len(ids)+len(names) > 0 {
		set := map[string]bool{}
		for _, id := range ids {
			if _, e := st.group(id); e != nil {
				return nil, e
			}
			set[id] = true
		}
		for _, n := range names {
			g, e := st.groupInDefaultVPC(n)
			if e != nil {
				return nil, e
			}
			set[g.ID] = true
		}
		candidates = sortedKeys(set)
	}
	var matched []string
	for _, id := range candidates {
		if groupFilter.match(fs, st.groups[id]) {
			matched = append(matched, id)
		}
	}
	pageIDs, next, e := page(c, matched)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Groups    items[xSecurityGroup] `xml:"securityGroupInfo"`
		NextToken string                `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Groups.Item = []xSecurityGroup{}
	for _, id := range pageIDs {
		out.Groups.Item = append(out.Groups.Item, st.xGroup(st.groups[id]))
	}
	return out, nil
}

func createSecurityGroup(c *call, st *regionState) (any, *apiError) {
	name, desc := c.Form.Get("GroupName"), c.Form.Get("GroupDescription")
	if name == "" {
		return nil, missingParameter("GroupName")
	}
	if desc == "" {
		return nil, missingParameter("GroupDescription")
	}
	if name == "default" {
		return nil, invalidParameterValue("Invalid value 'default' for groupName. You may not create a security group named default.")
	}
	if strings.HasPrefix(name, "sg-") {
		return nil, invalidParameterValue("Group names may not be in the format sg-*.")
	}
	vpc, e := st.vpcParam(c.Form.Get("VpcId"))
	if e != nil {
		return nil, e
	}
	if st.groupByName(vpc.ID, name) != nil {
		return nil, notFound("InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'", name, vpc.ID)
	}
	g := &SecurityGroup{ID: st.ids.next("sg"), Name: name, Description: desc, VpcID: vpc.ID,
		OwnerID: st.account, Tags: tagSpecs(c.Form, "security-group")}
	g.Rules = st.defaultEgressRules(vpc)
	st.groups[g.ID] = g
	return &struct {
		ec2Meta
		GroupID          string       `xml:"groupId"`
		SecurityGroupArn string       `xml:"securityGroupArn"`
		TagSet           *items[xTag] `xml:"tagSet,omitempty"`
	}{GroupID: g.ID, SecurityGroupArn: st.arn("security-group", g.ID), TagSet: xTags(g.Tags)}, nil
}

// defaultEgressRules are the egress rules of a new group: all traffic to
// 0.0.0.0/0, and to ::/0 in a VPC with an IPv6 CIDR.
func (st *regionState) defaultEgressRules(vpc *Vpc) []SecurityGroupRule {
	rules := []SecurityGroupRule{{ID: st.ids.next("sgr"), Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv4: "0.0.0.0/0"}}
	if vpc.Ipv6CidrBlock != "" {
		rules = append(rules, SecurityGroupRule{ID: st.ids.next("sgr"), Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, CidrIPv6: "::/0"})
	}
	return rules
}

// vpcParam resolves a VpcId parameter; "" is the default VPC.
func (st *regionState) vpcParam(id string) (*Vpc, *apiError) {
	if id == "" {
		if v := st.defaultVPC(); v != nil {
			return v, nil
		}
		return nil, notFound("VPCIdNotSpecified", "No default VPC for this user")
	}
	if v := st.vpcs[id]; v != nil {
		return v, nil
	}
	if !validID(id, "vpc") {
		return nil, notFound("InvalidVpcID.Malformed", "Invalid id: \"%s\"", id)
	}
	return nil, notFound("InvalidVpcID.NotFound", "The vpc ID '%s' does not exist", id)
}

func deleteSecurityGroup(c *call, st *regionState) (any, *apiError) {
	g, e := st.groupParam(c.Form)
	if e != nil {
		return nil, e
	}
	if g.IsDefault() {
		return nil, errf(http.StatusBadRequest, "CannotDelete",
			"the specified group: \"%s\" name: \"default\" cannot be deleted by a user", g.ID)
	}
	if dep := st.dependent(g.ID); dep != "" {
		return nil, errf(http.StatusBadRequest, "DependencyViolation", "resource %s has a dependent object (%s)", g.ID, dep)
	}
	delete(st.groups, g.ID)
	return &struct {
		ec2Meta
		Return  bool   `xml:"return"`
		GroupID string `xml:"groupId"`
	}{Return: true, GroupID: g.ID}, nil
}

// dependent names an interface using group id, or another group whose rule
// references it; "" if none. A group's reference to itself does not count.
func (st *regionState) dependent(id string) string {
	for _, eniID := range sortedKeys(st.enis) {
		for _, gid := range st.enis[eniID].Groups {
			if gid == id {
				return eniID
			}
		}
	}
	var refs []string
	for _, g := range st.groups {
		if g.ID == id {
			continue
		}
		for _, r := range g.Rules {
			if r.Group != nil && r.Group.GroupID == id {
				refs = append(refs, g.ID)
				break
			}
		}
	}
	sort.Strings(refs)
	if len(refs) > 0 {
		return refs[0]
	}
	return ""
}
