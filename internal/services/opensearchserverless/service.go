// Package opensearchserverless is everything defaultsg knows about Amazon
// OpenSearch Serverless: its VPC endpoints, found through ListVpcEndpoints
// and BatchGetVpcEndpoint. UpdateVpcEndpoint changes their groups in
// place; apply does not call it yet, so the plan names it.
package opensearchserverless

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCEndpoint is an OpenSearch Serverless VPC endpoint.
const VPCEndpoint resource.Kind = "opensearchserverless.vpc-endpoint"

// Service lists the kind and finder of OpenSearch Serverless (IAM
// namespace aoss).
var Service = svc.Service{
	Name: "aoss",
	Kinds: []svc.KindDef{{Kind: VPCEndpoint, Name: "OpenSearch Serverless VPC endpoint", Manual: svc.Manual{Text: func(u usage.Usage) string {
		return "Call aoss:UpdateVpcEndpoint on OpenSearch Serverless VPC endpoint " + u.ResourceID +
			" with the replacement group in addSecurityGroupIds and " + u.GroupID + " in removeSecurityGroupIds."
	}}}},
	Finders: []usage.Finder{VPCEndpoints},
}
