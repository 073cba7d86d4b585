// Package vpclattice is everything defaultsg knows about Amazon VPC
// Lattice: service-network VPC associations, whose security groups filter
// the VPC's traffic to the service network without any network interface,
// so only the association itself shows it holds a group.
package vpclattice

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ServiceNetworkVPCAssociation resource.Kind = "vpclattice.service-network-vpc-association"
)

// Service lists the kinds and finder of VPC Lattice.
var Service = svc.Service{
	Name: "vpc-lattice",
	Kinds: []svc.KindDef{
		{Kind: ServiceNetworkVPCAssociation, Name: "VPC Lattice service network VPC association",
			Manual: svc.Manual{API: "vpc-lattice:UpdateServiceNetworkVpcAssociation"}},
	},
	Finders: []usage.Finder{ServiceNetworkVPCAssociations},
}
