package guard

import (
	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// IPPermission is one rule in the shape AuthorizeSecurityGroupIngress/Egress
// take as JSON (the AWS CLI's --ip-permissions), so a record restores with
// the AWS CLI alone (docs/GUARD.md, "Restoring").
type IPPermission struct {
	IpProtocol       string         `json:"IpProtocol"`
	FromPort         *int32         `json:"FromPort,omitempty"`
	ToPort           *int32         `json:"ToPort,omitempty"`
	IpRanges         []cidrRange    `json:"IpRanges,omitempty"`
	Ipv6Ranges       []cidr6Range   `json:"Ipv6Ranges,omitempty"`
	PrefixListIds    []prefixList   `json:"PrefixListIds,omitempty"`
	UserIdGroupPairs []groupPairRef `json:"UserIdGroupPairs,omitempty"`
}

type cidrRange struct {
	CidrIp      string `json:"CidrIp"`
	Description string `json:"Description,omitempty"`
}

type cidr6Range struct {
	CidrIpv6    string `json:"CidrIpv6"`
	Description string `json:"Description,omitempty"`
}

type prefixList struct {
	PrefixListId string `json:"PrefixListId"`
	Description  string `json:"Description,omitempty"`
}

type groupPairRef struct {
	GroupId                string `json:"GroupId"`
	UserId                 string `json:"UserId,omitempty"`
	VpcId                  string `json:"VpcId,omitempty"`
	VpcPeeringConnectionId string `json:"VpcPeeringConnectionId,omitempty"`
	Description            string `json:"Description,omitempty"`
}

// restorePermissions splits rules into the ingress and egress permissions
// that re-create them, one permission per rule (each keeps its description).
func restorePermissions(rules []sgrule.Rule) (in, eg []IPPermission) {
	for _, r := range rules {
		p := r.IPPermission()
		out := IPPermission{IpProtocol: aws.ToString(p.IpProtocol)}
		if out.IpProtocol != "-1" {
			out.FromPort, out.ToPort = p.FromPort, p.ToPort
		}
		for _, x := range p.IpRanges {
			out.IpRanges = append(out.IpRanges, cidrRange{aws.ToString(x.CidrIp), aws.ToString(x.Description)})
		}
		for _, x := range p.Ipv6Ranges {
			out.Ipv6Ranges = append(out.Ipv6Ranges, cidr6Range{aws.ToString(x.CidrIpv6), aws.ToString(x.Description)})
		}
		for _, x := range p.PrefixListIds {
			out.PrefixListIds = append(out.PrefixListIds, prefixList{aws.ToString(x.PrefixListId), aws.ToString(x.Description)})
		}
		for _, x := range p.UserIdGroupPairs {
			out.UserIdGroupPairs = append(out.UserIdGroupPairs, groupPairRef{aws.ToString(x.GroupId), aws.ToString(x.UserId),
				aws.ToString(x.VpcId), aws.ToString(x.VpcPeeringConnectionId), aws.ToString(x.Description)})
		}
		if r.Egress {
			eg = append(eg, out)
		} else {
			in = append(in, out)
		}
	}
	return in, eg
}
