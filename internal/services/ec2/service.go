// Package ec2 is everything defaultsg knows about Amazon EC2's own users of
// a security group: instances and their interfaces, launch templates, VPC
// endpoints, EC2 Instance Connect, Client VPN and Verified Access endpoints,
// EC2 Fleets, Spot Fleets and Spot Instance requests, and other
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
	Fleet                   resource.Kind = "ec2.fleet"
	SpotFleet               resource.Kind = "ec2.spot-fleet"
	VerifiedAccessEndpoint  resource.Kind = "ec2.verified-access-endpoint"
	SpotRequest             resource.Kind = "ec2.spot-instance-request"
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
		{Kind: LaunchTemplate, Name: "Launch template", Mover: &launchTemplateMover, Manual: svc.Manual{Text: templateStep}},
		{Kind: LaunchTemplateVersion, Name: "Launch template version", Manual: svc.Manual{Text: oldVersionStep}},
		{Kind: VPCEndpoint, Name: "VPC endpoint", Mover: &vpcEndpointMover},
		{Kind: InstanceConnectEndpoint, Name: "EC2 Instance Connect endpoint", Mover: &instanceConnectMover, Manual: svc.Manual{API: "ec2:ModifyInstanceConnectEndpoint"}},
		{Kind: ClientVPNEndpoint, Name: "Client VPN endpoint", Mover: &clientVPNMover},
		{Kind: SecurityGroupRule, Name: "Security group rule", Manual: svc.Manual{API: "ec2:AuthorizeSecurityGroupIngress/Egress (a copy naming the replacement)"}},
		{Kind: PeeredVPCRule, Name: "Peered VPC rule", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "A rule in peered VPC " + u.ResourceID + " names " + u.GroupID + ": in the peer account, add the same rule naming the replacement group."
		}}},
		{Kind: Fleet, Name: "EC2 Fleet", Manual: svc.Manual{Text: fleetStep}},
		{Kind: SpotFleet, Name: "Spot Fleet request", Manual: svc.Manual{Text: spotFleetStep}},
		{Kind: SpotRequest, Name: "Spot Instance request", Manual: svc.Manual{Recreate: true, Text: spotRequestStep}},
		{Kind: VerifiedAccessEndpoint, Name: "Verified Access endpoint", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "Verified Access endpoint " + u.ResourceID + " cannot change its security groups (ModifyVerifiedAccessEndpoint has no such field): " +
				"create an endpoint (ec2:CreateVerifiedAccessEndpoint) in the same Verified Access group with the replacement group instead of " + u.GroupID +
				", move its application domain's DNS to it, then delete this one."
		}}},
	},
	Finders: []usage.Finder{SecurityGroupReferences, PeeredReferences, LaunchTemplates, VPCEndpoints,
		InstanceConnectEndpoints, ClientVPNEndpoints, Fleets, SpotFleets, SpotRequests, VerifiedAccessEndpoints},
	Signatures: signatures,
	Fallbacks: []string{"ec2:RunInstances", "ec2:CreateFleet", "ec2:RequestSpotFleet", "ec2:RequestSpotInstances", "ec2:CreateVpcEndpoint", "ec2:CreateClientVpnEndpoint",
		"ec2:CreateInstanceConnectEndpoint"},
}

// templateStep is the manual step of a default version apply does not
// move: one naming no group and no subnet, whose VPC is its launcher's.
func templateStep(u usage.Usage) string {
	return fmt.Sprintf("Launch template %s, %s. Find who launches it (Auto Scaling groups, fleets and RunInstances callers; usage lists each on its VPC's group), "+
		"then create a version that names the replacement group of that VPC (on the network interface with DeviceIndex 0 when it has interfaces, "+
		"else SecurityGroupIds) and make it the default (ec2:CreateLaunchTemplateVersion, ec2:ModifyLaunchTemplate); launchers in several VPCs need a template each.",
		u.ResourceID, u.Detail)
}

func oldVersionStep(u usage.Usage) string {
	return fmt.Sprintf("Launch template %s, %s, is not the default version and versions are immutable: once no Auto Scaling group or user launches it, delete it (ec2:DeleteLaunchTemplateVersions); apply moves the default version.",
		u.ResourceID, u.Detail)
}

// fleetStep: a fleet's overrides cannot name groups (ModifyFleet changes
// only LaunchTemplateConfigs and capacity, and only for type maintain).
func fleetStep(u usage.Usage) string {
	return fmt.Sprintf("EC2 Fleet %s launches into %s %s. Fleet overrides cannot name security groups: create a launch template version that names the replacement group "+
		"(on the network interface with DeviceIndex 0 when the template has interfaces), then make it the template's default version "+
		"if the fleet launches $Default, or point the fleet at it with ec2:ModifyFleet LaunchTemplateConfigs (fleets of type maintain only; "+
		"a request or instant fleet cannot be modified: delete it and create a new one).", u.ResourceID, u.GroupID, u.Detail)
}

// spotFleetStep: ModifySpotFleetRequest changes LaunchTemplateConfigs only
// for requests made with launch templates (type maintain); inline launch
// specifications are fixed.
func spotFleetStep(u usage.Usage) string {
	return fmt.Sprintf("Spot Fleet request %s launches into %s %s. With launch templates: create a launch template version that names the replacement group "+
		"and make it the default or point the request at it (ec2:ModifySpotFleetRequest LaunchTemplateConfigs, type maintain only). "+
		"Inline launch specifications cannot change: cancel the request (ec2:CancelSpotFleetRequests) and request a new fleet naming the replacement group.",
		u.ResourceID, u.GroupID, u.Detail)
}
