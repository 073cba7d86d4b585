package cdk

import "strings"

// accessNames are the construct-API members that return a VPC's default
// group id: the L2 Vpc's (vpcDefaultSecurityGroup in each language's
// spelling) and the L1 CfnVPC's attribute.
var accessNames = map[string]bool{
	"vpcDefaultSecurityGroup": true, "vpc_default_security_group": true,
	"getVpcDefaultSecurityGroup": true, "VpcDefaultSecurityGroup": true,
	"attrDefaultSecurityGroup": true, "attr_default_security_group": true,
	"getAttrDefaultSecurityGroup": true, "AttrDefaultSecurityGroup": true,
}

// lockdownNames are the VpcProps member that removes the default group's
// rules (on by default with the @aws-cdk/aws-ec2:restrictDefaultSecurityGroup
// feature flag).
var lockdownNames = map[string]bool{
	"restrictDefaultSecurityGroup": true, "restrict_default_security_group": true, "RestrictDefaultSecurityGroup": true,
}

// norm folds the spellings of one name across languages:
// securityGroupIds, security_group_ids, SecurityGroupIds -> securitygroupids.
func norm(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// groupsKeys are properties (or Java builder methods) that place a resource
// in security groups.
var groupsKeys = map[string]bool{
	"securitygroups": true, "securitygroupids": true, "securitygroup": true, "vpcsecuritygroupids": true,
	"vpcsecuritygroups": true, "groupset": true, "securitygroupidlist": true,
}

// peerKeys are rule properties whose value is the other side of the rule.
var peerKeys = map[string]bool{
	"sourcesecuritygroupid": true, "destinationsecuritygroupid": true, "sourcesecuritygroupownerid": false,
}

// ruleAdders are methods that add a rule to the group they are called on
// (ISecurityGroup.addIngressRule, connections.allowFrom, ...); called with
// the default group as an argument they make it a peer instead.
func ruleAdder(name string) bool {
	switch norm(name) {
	case "addingressrule", "addegressrule", "allowfrom", "allowto", "allowfromanyipv4", "allowtoanyipv4",
		"allowdefaultportfrom", "allowdefaultportto", "allowdefaultportfromanyipv4", "allowinternally", "allowdefaultportinternally":
		return true
	}
	return false
}

// peerCalls turn a group id into a rule peer.
func peerCall(name string) bool {
	switch norm(name) {
	case "securitygroupid", "peersecuritygroupid": // ec2.Peer.securityGroupId(id), Go awsec2.Peer_SecurityGroupId
		return true
	}
	return ruleAdder(name)
}

// wrapper calls return an ISecurityGroup for an id: rules added to their
// result are rules on the default group.
func wrapper(name string) bool {
	n := norm(name)
	return n == "fromsecuritygroupid" || n == "securitygroupfromsecuritygroupid" || n == "fromlookupbyid"
}
