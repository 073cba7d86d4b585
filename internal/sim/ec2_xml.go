package sim

import "fmt"

// EC2 response shapes. Element names are those the SDK's generated
// deserializers (service/ec2/deserializers.go) read; lists are
// <name><item>...</item></name>.

// items is an EC2 list; it is always written, empty or not, as EC2 does.
type items[T any] struct {
	Item []T `xml:"item"`
}

type xTag struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

func xTags(tags []Tag) *items[xTag] {
	if len(tags) == 0 {
		return nil // EC2 omits tagSet on untagged groups, VPCs, interfaces
	}
	out := &items[xTag]{Item: []xTag{}}
	for _, t := range tags {
		out.Item = append(out.Item, xTag{t.Key, t.Value})
	}
	return out
}

type xUserIDGroupPair struct {
	Description            string `xml:"description,omitempty"`
	GroupID                string `xml:"groupId,omitempty"`
	GroupName              string `xml:"groupName,omitempty"`
	PeeringStatus          string `xml:"peeringStatus,omitempty"`
	UserID                 string `xml:"userId,omitempty"`
	VpcID                  string `xml:"vpcId,omitempty"`
	VpcPeeringConnectionID string `xml:"vpcPeeringConnectionId,omitempty"`
}

type xIPRange struct {
	CidrIP      string `xml:"cidrIp"`
	Description string `xml:"description,omitempty"`
}

type xIPv6Range struct {
	CidrIPv6    string `xml:"cidrIpv6"`
	Description string `xml:"description,omitempty"`
}

type xPrefixListID struct {
	Description  string `xml:"description,omitempty"`
	PrefixListID string `xml:"prefixListId"`
}

type xIPPermission struct {
	IPProtocol    string                  `xml:"ipProtocol"`
	FromPort      *int32                  `xml:"fromPort,omitempty"`
	ToPort        *int32                  `xml:"toPort,omitempty"`
	Groups        items[xUserIDGroupPair] `xml:"groups"`
	IPRanges      items[xIPRange]         `xml:"ipRanges"`
	IPv6Ranges    items[xIPv6Range]       `xml:"ipv6Ranges"`
	PrefixListIDs items[xPrefixListID]    `xml:"prefixListIds"`
}

// xPermissions groups rules into IpPermissions by protocol and ports, in
// order of first appearance, as DescribeSecurityGroups shows them. Ports
// are omitted for protocol -1, as EC2 does.
func xPermissions(rules []SecurityGroupRule) items[xIPPermission] {
	out := items[xIPPermission]{Item: []xIPPermission{}}
	index := map[string]int{}
	for _, r := range rules {
		k := fmt.Sprintf("%s|%d|%d", r.Protocol, r.FromPort, r.ToPort)
		i, ok := index[k]
		if !ok {
			p := xIPPermission{IPProtocol: r.Protocol}
			if r.Protocol != "-1" {
				from, to := r.FromPort, r.ToPort
				p.FromPort, p.ToPort = &from, &to
			}
			out.Item = append(out.Item, p)
			i = len(out.Item) - 1
			index[k] = i
		}
		p := &out.Item[i]
		switch {
		case r.CidrIPv4 != "":
			p.IPRanges.Item = append(p.IPRanges.Item, xIPRange{r.CidrIPv4, r.Description})
		case r.CidrIPv6 != "":
			p.IPv6Ranges.Item = append(p.IPv6Ranges.Item, xIPv6Range{r.CidrIPv6, r.Description})
		case r.PrefixListID != "":
			p.PrefixListIDs.Item = append(p.PrefixListIDs.Item, xPrefixListID{r.Description, r.PrefixListID})
		case r.Group != nil:
			g := r.Group
			p.Groups.Item = append(p.Groups.Item, xUserIDGroupPair{Description: r.Description, GroupID: g.GroupID,
				PeeringStatus: g.PeeringStatus, UserID: g.UserID, VpcID: g.VpcID, VpcPeeringConnectionID: g.VpcPeeringConnectionID})
		}
	}
	return out
}

type xSecurityGroup struct {
	OwnerID             string               `xml:"ownerId"`
	GroupName           string               `xml:"groupName"`
	GroupID             string               `xml:"groupId"`
	GroupDescription    string               `xml:"groupDescription"`
	IPPermissions       items[xIPPermission] `xml:"ipPermissions"`
	IPPermissionsEgress items[xIPPermission] `xml:"ipPermissionsEgress"`
	VpcID               string               `xml:"vpcId"`
	SecurityGroupArn    string               `xml:"securityGroupArn"`
	TagSet              *items[xTag]         `xml:"tagSet,omitempty"`
}

func (st *regionState) xGroup(g *SecurityGroup) xSecurityGroup {
	return xSecurityGroup{OwnerID: g.OwnerID, GroupName: g.Name, GroupID: g.ID, GroupDescription: g.Description,
		IPPermissions: xPermissions(g.Ingress()), IPPermissionsEgress: xPermissions(g.Egress()),
		VpcID: g.VpcID, SecurityGroupArn: st.arn("security-group", g.ID), TagSet: xTags(g.Tags)}
}

func (st *regionState) arn(kind, id string) string {
	return fmt.Sprintf("arn:aws:ec2:%s:%s:%s/%s", st.region, st.account, kind, id)
}

type xReferencedGroup struct {
	GroupID                string `xml:"groupId"`
	PeeringStatus          string `xml:"peeringStatus,omitempty"`
	UserID                 string `xml:"userId,omitempty"`
	VpcID                  string `xml:"vpcId,omitempty"`
	VpcPeeringConnectionID string `xml:"vpcPeeringConnectionId,omitempty"`
}

type xSecurityGroupRule struct {
	SecurityGroupRuleID  string            `xml:"securityGroupRuleId"`
	GroupID              string            `xml:"groupId"`
	GroupOwnerID         string            `xml:"groupOwnerId"`
	IsEgress             bool              `xml:"isEgress"`
	IPProtocol           string            `xml:"ipProtocol"`
	FromPort             int32             `xml:"fromPort"`
	ToPort               int32             `xml:"toPort"`
	CidrIPv4             string            `xml:"cidrIpv4,omitempty"`
	CidrIPv6             string            `xml:"cidrIpv6,omitempty"`
	PrefixListID         string            `xml:"prefixListId,omitempty"`
	ReferencedGroupInfo  *xReferencedGroup `xml:"referencedGroupInfo,omitempty"`
	Description          string            `xml:"description,omitempty"`
	TagSet               items[xTag]       `xml:"tagSet"`
	SecurityGroupRuleArn string            `xml:"securityGroupRuleArn"`
}

func (st *regionState) xRule(g *SecurityGroup, r SecurityGroupRule) xSecurityGroupRule {
	x := xSecurityGroupRule{SecurityGroupRuleID: r.ID, GroupID: g.ID, GroupOwnerID: g.OwnerID, IsEgress: r.Egress,
		IPProtocol: r.Protocol, FromPort: r.FromPort, ToPort: r.ToPort, CidrIPv4: r.CidrIPv4, CidrIPv6: r.CidrIPv6,
		PrefixListID: r.PrefixListID, Description: r.Description, TagSet: items[xTag]{Item: []xTag{}},
		SecurityGroupRuleArn: st.arn("security-group-rule", r.ID)}
	if t := xTags(r.Tags); t != nil {
		x.TagSet = *t
	}
	if g := r.Group; g != nil {
		x.ReferencedGroupInfo = &xReferencedGroup{GroupID: g.GroupID, PeeringStatus: g.PeeringStatus,
			UserID: g.UserID, VpcID: g.VpcID, VpcPeeringConnectionID: g.VpcPeeringConnectionID}
	}
	return x
}
