// Package ec2 is everything defaultsg knows about Amazon EC2's own users of
// a security group: instances and their interfaces, launch templates, VPC
// endpoints, EC2 Instance Connect, Client VPN and Verified Access endpoints, and other
// groups' rules that reference a default group. It also attributes every
// network interface to its owner, with the signatures of all services.
package ec2

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Instance                resource.Kind = "ec2.instance"
	Interface               resource.Kind = "ec2.interface"
	UnattributedInterface   resource.Kind = "ec2.unattributed-interface"
	LaunchTemplate          resource.Kind = "ec2.launch-template"
	LaunchTemplateVersion   resource.Kind = "ec2.launch-template-version"
	VPCEndpoint             resource.Kind = "ec2.vpc-endpoint"
	InstanceConnectEndpoint resource.Kind = "ec2.instance-connect-endpoint"
	ClientVPNEndpoint       resource.Kind = "ec2.client-vpn-endpoint"
	SecurityGroupRule       resource.Kind = "ec2.security-group-rule"
	PeeredVPCRule           resource.Kind = "ec2.peered-vpc-rule"
	VerifiedAccessEndpoint  resource.Kind = "ec2.verified-access-endpoint"
)

// Service lists EC2's kinds, finders, signatures and fallbacks. The
// network-interface finder is not among Finders: it needs every service's
// signatures, so the registry builds it (NetworkInterfaces).
var Service = svc.Service{
	Name: "ec2",
	Kinds: []svc.KindDef{
		{Kind: Instance, Name: "EC2 instance", Mover: &interfaceMover},
		{Kind: Interface, Name: "Network interface (unattached)", Mover: &interfaceMover},
		{Kind: UnattributedInterface, Name: "Unattributed network interface", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "Owner of the interface unknown (" + u.Detail + "): find the resource, move it, and re-run usage."
		}}},
		{Kind: LaunchTemplate, Name: "Launch template", Mover: &launchTemplateMover},
		{Kind: LaunchTemplateVersion, Name: "Launch template version", Manual: svc.Manual{Text: oldVersionStep}},
		{Kind: VPCEndpoint, Name: "VPC endpoint", Mover: &vpcEndpointMover},
		{Kind: InstanceConnectEndpoint, Name: "EC2 Instance Connect endpoint", Manual: svc.Manual{API: "ec2:ModifyInstanceConnectEndpoint"}},
		{Kind: ClientVPNEndpoint, Name: "Client VPN endpoint", Manual: svc.Manual{API: "ec2:ModifyClientVpnEndpoint"}},
		{Kind: SecurityGroupRule, Name: "Security group rule", Manual: svc.Manual{API: "ec2:AuthorizeSecurityGroupIngress/Egress (a copy naming the replacement)"}},
		{Kind: PeeredVPCRule, Name: "Peered VPC rule", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "A rule in peered VPC " + u.ResourceID + " names " + u.GroupID + ": in the peer account, add the same rule naming the replacement group."
		}}},
		{Kind: VerifiedAccessEndpoint, Name: "Verified Access endpoint", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "Verified Access endpoint " + u.ResourceID + " cannot change its security groups (ModifyVerifiedAccessEndpoint has no such field): " +
				"create an endpoint (ec2:CreateVerifiedAccessEndpoint) in the same Verified Access group with the replacement group instead of " + u.GroupID +
				", move its application domain's DNS to it, then delete this one."
		}}},
	},
	Finders: []usage.Finder{SecurityGroupReferences, PeeredReferences, LaunchTemplates, VPCEndpoints,
		InstanceConnectEndpoints, ClientVPNEndpoints, VerifiedAccessEndpoints},
	Signatures: signatures,
	Fallbacks: []string{"ec2:RunInstances", "ec2:CreateVpcEndpoint", "ec2:CreateClientVpnEndpoint",
		"ec2:CreateInstanceConnectEndpoint"},
}

func oldVersionStep(u usage.Usage) string {
	return fmt.Sprintf("Launch template %s, %s, is not the default version and versions are immutable: once no Auto Scaling group or user launches it, delete it (ec2:DeleteLaunchTemplateVersions); apply moves the default version.",
		u.ResourceID, u.Detail)
}
