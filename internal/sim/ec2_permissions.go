package sim

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// permission is one IpPermission of a request: a protocol and port range
// with any number of sources, each of which becomes one rule.
type permission struct {
	protocol         string
	fromPort, toPort *int32
	sources          []source
}

// source is one peer of a permission; exactly one field of cidr4, cidr6,
// prefixList and group (or groupName) is set.
type source struct {
	cidr4, cidr6, prefixList, description string
	group                                 *GroupRef
	groupName                             string // resolved to group by the handler
}

var protocolNames = map[string]string{"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1"}

// normalizeProtocol returns the form AWS stores: names for the four
// protocols it names, -1 for all, otherwise the number.
func normalizeProtocol(p string) (string, *apiError) {
	p = strings.ToLower(strings.TrimSpace(p))
	if n, ok := protocolNames[p]; ok {
		return n, nil
	}
	switch p {
	case "-1", "tcp", "udp", "icmp", "icmpv6":
		return p, nil
	}
	if n, err := strconv.Atoi(p); err == nil && n >= 0 && n <= 255 {
		return strconv.Itoa(n), nil
	}
	if p == "" {
		p = "null"
	}
	return "", invalidParameterValue("Invalid value '%s' for IP protocol. Unknown protocol.", p)
}

// normalizePorts applies AWS's port rules: tcp/udp need a range within
// 0-65535, icmp takes type/code (-1 = all), other protocols have none.
func normalizePorts(proto string, from, to *int32) (int32, int32, *apiError) {
	switch proto {
	case "tcp", "udp":
		if from == nil || to == nil {
			return 0, 0, invalidParameterValue("Invalid value for portRange. Must specify both from and to ports with TCP/UDP.")
		}
		if *from < 0 || *from > 65535 || *to < 0 || *to > 65535 || *from > *to {
			return 0, 0, invalidParameterValue("Invalid value for portRange. from port %d, to port %d.", *from, *to)
		}
		return *from, *to, nil
	case "icmp", "icmpv6":
		f, t := int32(-1), int32(-1)
		if from != nil {
			f = *from
		}
		if to != nil {
			t = *to
		}
		if f < -1 || f > 255 || t < -1 || t > 255 {
			return 0, 0, invalidParameterValue("Invalid value for ICMP type %d or code %d.", f, t)
		}
		return f, t, nil
	}
	return -1, -1, nil
}

// newRule validates one source of a permission and makes its rule (without
// an id).
func newRule(g *SecurityGroup, egress bool, p permission, src source) (SecurityGroupRule, *apiError) {
	proto, e := normalizeProtocol(p.protocol)
	if e != nil {
		return SecurityGroupRule{}, e
	}
	from, to, e := normalizePorts(proto, p.fromPort, p.toPort)
	if e != nil {
		return SecurityGroupRule{}, e
	}
	r := SecurityGroupRule{Egress: egress, Protocol: proto, FromPort: from, ToPort: to, Description: src.description,
		CidrIPv4: src.cidr4, CidrIPv6: src.cidr6, PrefixListID: src.prefixList, Group: src.group}
	n := 0
	for _, set := range []bool{r.CidrIPv4 != "", r.CidrIPv6 != "", r.PrefixListID != "", r.Group != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return r, invalidParameterValue("Each rule of group %s needs exactly one of a CIDR, an IPv6 CIDR, a prefix list or a group", g.ID)
	}
	if r.CidrIPv4 != "" {
		if pfx, err := netip.ParsePrefix(r.CidrIPv4); err != nil || !pfx.Addr().Is4() {
			return r, invalidParameterValue("CIDR block %s is malformed", r.CidrIPv4)
		}
	}
	if r.CidrIPv6 != "" {
		if pfx, err := netip.ParsePrefix(r.CidrIPv6); err != nil || pfx.Addr().Is4() {
			return r, invalidParameterValue("CIDR block %s is malformed", r.CidrIPv6)
		}
	}
	if r.PrefixListID != "" && !strings.HasPrefix(r.PrefixListID, "pl-") {
		return r, notFound("InvalidPrefixListId.Malformed", "The prefix list ID '%s' is malformed", r.PrefixListID)
	}
	return r, nil
}

// ruleKey identifies a rule for duplicate detection and revoke-by-content:
// direction, protocol, ports and peer. Descriptions are not part of it.
func ruleKey(r SecurityGroupRule) string {
	peer := "4:" + r.CidrIPv4
	switch {
	case r.CidrIPv6 != "":
		peer = "6:" + r.CidrIPv6
	case r.PrefixListID != "":
		peer = "pl:" + r.PrefixListID
	case r.Group != nil:
		peer = "sg:" + r.Group.GroupID
	}
	return fmt.Sprintf("%t|%s|%d|%d|%s", r.Egress, r.Protocol, r.FromPort, r.ToPort, peer)
}

func hasRule(g *SecurityGroup, r SecurityGroupRule) bool {
	k := ruleKey(r)
	for _, x := range g.Rules {
		if ruleKey(x) == k {
			return true
		}
	}
	return false
}

// describeRule renders a rule the way InvalidPermission errors quote it.
func describeRule(r SecurityGroupRule) string {
	peer := r.CidrIPv4 + r.CidrIPv6 + r.PrefixListID
	if r.Group != nil {
		peer = r.Group.GroupID
	}
	return fmt.Sprintf("peer: %s, %s, from port: %d, to port: %d, ALLOW", peer, strings.ToUpper(r.Protocol), r.FromPort, r.ToPort)
}
