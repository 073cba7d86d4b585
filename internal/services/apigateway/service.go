// Package apigateway is everything defaultsg knows about Amazon API
// Gateway: VPC links V2 (HTTP and REST APIs' private integrations), found
// through GetVpcLinks and seen through their interfaces. VPC links V2 are
// immutable, so a user is recreated. VPC links V1 point at a Network Load
// Balancer and hold no group of their own.
package apigateway

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCLink is the one resource kind of apigateway the tool reports.
const VPCLink resource.Kind = "apigateway.vpc-link"

// Service lists the kind, finder and interface signature of apigateway.
var Service = svc.Service{
	Name: "apigateway",
	Kinds: []svc.KindDef{{Kind: VPCLink, Name: "API Gateway VPC link", Manual: svc.Manual{Text: func(u usage.Usage) string {
		// "VPC links V2 are immutable. After you create a VPC link V2, you
		// can't change its subnets or security groups." (developer guide)
		return "API Gateway VPC link " + u.ResourceID + " cannot change its security groups (VPC links V2 are immutable): " +
			"create a VPC link (apigateway:CreateVpcLink, API Gateway V2) in the same subnets with the replacement group instead of " + u.GroupID +
			", point each private integration that uses this one at it (UpdateIntegration ConnectionId), then delete this link."
	}}}},
	Finders: []usage.Finder{VPCLinks},
	// The interfaces have their own type and do not name their link.
	Signatures: []svc.Signature{{Kind: VPCLink, Change: usage.ChangeReplacement,
		Match: svc.IfType(types.NetworkInterfaceTypeApiGatewayManaged, nil)}},
}
