// Package apigateway is everything defaultsg knows about Amazon API Gateway: VPC links, seen through their interfaces.
package apigateway

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCLink is the one resource kind of apigateway the tool reports.
const VPCLink resource.Kind = "apigateway.vpc-link"

// Service lists the kind, interface signature and fallbacks of apigateway.
var Service = svc.Service{
	Name:       "apigateway",
	Kinds:      []svc.KindDef{{Kind: VPCLink, Name: "API Gateway VPC link", Manual: svc.Manual{Recreate: true}}},
	Signatures: []svc.Signature{{Kind: VPCLink, Change: usage.ChangeReplacement, Match: svc.IfType(types.NetworkInterfaceTypeApiGatewayManaged, nil)}},
}
