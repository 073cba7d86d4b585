// Package redshiftserverless is everything defaultsg knows about Amazon
// Redshift Serverless: workgroups and their managed VPC endpoints (endpoint
// access), found through ListWorkgroups and ListEndpointAccess, and moved
// in place (UpdateWorkgroup, UpdateEndpointAccess).
package redshiftserverless

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Workgroup      resource.Kind = "redshiftserverless.workgroup"
	EndpointAccess resource.Kind = "redshiftserverless.endpoint-access"
)

// Service lists the kinds and finders of Redshift Serverless. No interface
// signature: AWS documents no description for its interfaces
// (docs/FIDELITY.md); the finders name the owners.
var Service = svc.Service{
	Name: "redshift-serverless",
	Kinds: []svc.KindDef{
		{Kind: Workgroup, Name: "Redshift Serverless workgroup", Mover: &workgroupMover, Manual: svc.Manual{API: "redshift-serverless:UpdateWorkgroup"}},
		{Kind: EndpointAccess, Name: "Redshift Serverless managed VPC endpoint", Mover: &endpointMover, Manual: svc.Manual{API: "redshift-serverless:UpdateEndpointAccess"}},
	},
	Finders: []usage.Finder{Workgroups, Endpoints},
}
