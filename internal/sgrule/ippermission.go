package sgrule

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// IPPermission returns the one-rule IpPermission that re-creates r with
// AuthorizeSecurityGroupIngress/Egress, description included.
func (r Rule) IPPermission() types.IpPermission {
	p := types.IpPermission{
		IpProtocol: aws.String(r.Protocol),
		FromPort:   aws.Int32(r.FromPort),
		ToPort:     aws.Int32(r.ToPort),
	}
	desc := optional(r.Description)
	switch {
	case r.CidrIPv4 != "":
		p.IpRanges = []types.IpRange{{CidrIp: aws.String(r.CidrIPv4), Description: desc}}
	case r.CidrIPv6 != "":
		p.Ipv6Ranges = []types.Ipv6Range{{CidrIpv6: aws.String(r.CidrIPv6), Description: desc}}
	case r.PrefixList != "":
		p.PrefixListIds = []types.PrefixListId{{PrefixListId: aws.String(r.PrefixList), Description: desc}}
	case r.Group != nil:
		p.UserIdGroupPairs = []types.UserIdGroupPair{{
			GroupId:                aws.String(r.Group.GroupID),
			UserId:                 optional(r.Group.UserID),
			VpcId:                  optional(r.Group.VpcID),
			VpcPeeringConnectionId: optional(r.Group.VpcPeeringConnectionID),
			Description:            desc,
		}}
	}
	return p
}

// IPPermissions converts rules one permission each, so every rule keeps its
// own description.
func IPPermissions(rules []Rule) []types.IpPermission {
	out := make([]types.IpPermission, len(rules))
	for i, r := range rules {
		out[i] = r.IPPermission()
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}
