// Package sgrule is the one model of a security group rule used everywhere:
// audit reports, backups, restore and plans. It keeps every field AWS returns
// so a rule can be re-created exactly, and renders rules for humans.
package sgrule

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// Rule is one security group rule exactly as DescribeSecurityGroupRules
// returns it. Exactly one of CidrIPv4, CidrIPv6, PrefixListID, Group is set.
type Rule struct {
	RuleID      string    `json:"rule_id"`
	Egress      bool      `json:"egress"`
	Protocol    string    `json:"protocol"` // "-1" (all), "tcp", "udp", "icmp", "icmpv6" or a number
	FromPort    int32     `json:"from_port"`
	ToPort      int32     `json:"to_port"`
	CidrIPv4    string    `json:"cidr_ipv4,omitempty"`
	CidrIPv6    string    `json:"cidr_ipv6,omitempty"`
	PrefixList  string    `json:"prefix_list_id,omitempty"`
	Group       *GroupRef `json:"referenced_group,omitempty"`
	Description string    `json:"description,omitempty"`
}

// GroupRef is a rule's peer security group (ReferencedGroupInfo).
type GroupRef struct {
	GroupID                string `json:"group_id"`
	UserID                 string `json:"user_id,omitempty"`
	VpcID                  string `json:"vpc_id,omitempty"`
	VpcPeeringConnectionID string `json:"vpc_peering_connection_id,omitempty"`
	PeeringStatus          string `json:"peering_status,omitempty"`
}

// FromEC2 converts an SDK rule.
func FromEC2(r types.SecurityGroupRule) Rule {
	out := Rule{
		RuleID:      aws.ToString(r.SecurityGroupRuleId),
		Egress:      aws.ToBool(r.IsEgress),
		Protocol:    aws.ToString(r.IpProtocol),
		FromPort:    aws.ToInt32(r.FromPort),
		ToPort:      aws.ToInt32(r.ToPort),
		CidrIPv4:    aws.ToString(r.CidrIpv4),
		CidrIPv6:    aws.ToString(r.CidrIpv6),
		PrefixList:  aws.ToString(r.PrefixListId),
		Description: aws.ToString(r.Description),
	}
	if g := r.ReferencedGroupInfo; g != nil {
		out.Group = &GroupRef{
			GroupID:                aws.ToString(g.GroupId),
			UserID:                 aws.ToString(g.UserId),
			VpcID:                  aws.ToString(g.VpcId),
			VpcPeeringConnectionID: aws.ToString(g.VpcPeeringConnectionId),
			PeeringStatus:          aws.ToString(g.PeeringStatus),
		}
	}
	return out
}

// Direction is "inbound" or "outbound".
func (r Rule) Direction() string {
	if r.Egress {
		return "outbound"
	}
	return "inbound"
}

// Key identifies what a rule allows, ignoring its id and description: two
// rules with the same key are the same permission to AWS (a duplicate).
func (r Rule) Key() string {
	// A group peer is identified by its id alone: AWS reports the owner
	// (UserId) on some reads and not others, and treats the same group id
	// as the same permission either way.
	peer := r.Peer("")
	if r.Group != nil {
		peer = "group:" + r.Group.GroupID
	}
	return fmt.Sprintf("%t|%s|%d|%d|%s", r.Egress, normProto(r.Protocol), r.FromPort, r.ToPort, peer)
}

// Equal reports whether two rules are the same permission with the same
// description (rule ids may differ after a restore).
func (r Rule) Equal(o Rule) bool {
	return r.Key() == o.Key() && r.Description == o.Description
}

// Peer renders the source/destination; selfID marks a reference to the
// rule's own group as "self".
func (r Rule) Peer(selfID string) string {
	switch {
	case r.CidrIPv4 != "":
		return r.CidrIPv4
	case r.CidrIPv6 != "":
		return r.CidrIPv6
	case r.PrefixList != "":
		return r.PrefixList
	case r.Group != nil:
		if selfID != "" && r.Group.GroupID == selfID {
			return "self"
		}
		s := r.Group.GroupID
		if r.Group.UserID != "" {
			s = r.Group.UserID + "/" + s
		}
		if r.Group.VpcPeeringConnectionID != "" {
			s += " via " + r.Group.VpcPeeringConnectionID
		}
		return s
	}
	return "?"
}

// Ports renders protocol and port range: "all traffic", "tcp/443",
// "udp/1000-2000", "icmp type 8 code -1".
func (r Rule) Ports() string {
	p := normProto(r.Protocol)
	switch {
	case p == "-1":
		return "all traffic"
	case p == "icmp" || p == "icmpv6":
		if r.FromPort == -1 {
			return p + " all"
		}
		return fmt.Sprintf("%s type %d code %d", p, r.FromPort, r.ToPort)
	case r.FromPort == -1 || (r.FromPort == 0 && r.ToPort == 65535):
		return p + " all ports"
	case r.FromPort == r.ToPort:
		return fmt.Sprintf("%s/%d", p, r.FromPort)
	default:
		return fmt.Sprintf("%s/%d-%d", p, r.FromPort, r.ToPort)
	}
}

// Summary is the human form of a rule, e.g. "inbound all traffic from self"
// or "outbound tcp/443 to 10.0.0.0/8 (\"proxy\")".
func (r Rule) Summary(selfID string) string {
	prep := "from"
	if r.Egress {
		prep = "to"
	}
	s := fmt.Sprintf("%s %s %s %s", r.Direction(), r.Ports(), prep, r.Peer(selfID))
	if r.Description != "" {
		s += fmt.Sprintf(" (%q)", r.Description)
	}
	return s
}

func normProto(p string) string {
	switch strings.ToLower(p) {
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	case "", "all":
		return "-1"
	}
	return strings.ToLower(p)
}

// Sort orders rules deterministically: inbound before outbound, then by
// permission, then by id.
func Sort(rules []Rule) {
	sort.SliceStable(rules, func(i, j int) bool {
		a, b := rules[i], rules[j]
		if a.Egress != b.Egress {
			return !a.Egress
		}
		if ka, kb := a.Key(), b.Key(); ka != kb {
			return ka < kb
		}
		return a.RuleID < b.RuleID
	})
}
