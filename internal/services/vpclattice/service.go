// Package vpclattice is everything defaultsg knows about Amazon VPC
// Lattice: service-network VPC associations, whose security groups filter
// the VPC's traffic to the service network without any network interface,
// so only the association itself shows it holds a group; and resource
// gateways, found through ListResourceGateways. Both are moved in place.
package vpclattice

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ServiceNetworkVPCAssociation resource.Kind = "vpclattice.service-network-vpc-association"
	ResourceGateway              resource.Kind = "vpclattice.resource-gateway"
)

// Service lists the kinds and finders of VPC Lattice. No interface
// signature: AWS documents no description for a resource gateway's
// interfaces (docs/FIDELITY.md); the finder names the gateway.
var Service = svc.Service{
	Name: "vpc-lattice",
	Kinds: []svc.KindDef{
		{Kind: ServiceNetworkVPCAssociation, Name: "VPC Lattice service network VPC association", Mover: &associationMover},
		{Kind: ResourceGateway, Name: "VPC Lattice resource gateway", Mover: &gatewayMover},
	},
	Finders: []usage.Finder{ServiceNetworkVPCAssociations, ResourceGateways},
}
