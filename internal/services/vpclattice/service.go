// Package vpclattice is everything defaultsg knows about Amazon VPC
// Lattice: resource gateways, found through ListResourceGateways.
// UpdateResourceGateway changes their groups in place; apply does not call
// it yet, so the plan names it.
package vpclattice

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ResourceGateway is a VPC Lattice resource gateway.
const ResourceGateway resource.Kind = "vpclattice.resource-gateway"

// Service lists the kind and finder of VPC Lattice. No interface
// signature: AWS documents no description for a resource gateway's
// interfaces (docs/FIDELITY.md); the finder names the gateway.
var Service = svc.Service{
	Name:    "vpc-lattice",
	Kinds:   []svc.KindDef{{Kind: ResourceGateway, Name: "VPC Lattice resource gateway", Manual: svc.Manual{API: "vpc-lattice:UpdateResourceGateway"}}},
	Finders: []usage.Finder{ResourceGateways},
}
