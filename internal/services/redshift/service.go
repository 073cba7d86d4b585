// Package redshift is everything defaultsg knows about Amazon Redshift: provisioned clusters and their Redshift-managed VPC endpoints, both moved in place (ModifyCluster, ModifyEndpointAccess).
package redshift

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Cluster resource.Kind = "redshift.cluster"
	// EndpointAccess is a Redshift-managed VPC endpoint of a cluster.
	EndpointAccess resource.Kind = "redshift.endpoint-access"
)

// Service lists the kinds, finders and default-group fallbacks of redshift.
var Service = svc.Service{
	Name: "redshift",
	Kinds: []svc.KindDef{
		{Kind: Cluster, Name: "Redshift cluster", Mover: &clusterMover},
		{Kind: EndpointAccess, Name: "Redshift-managed VPC endpoint", Mover: &endpointMover, Manual: svc.Manual{API: "redshift:ModifyEndpointAccess"}},
	},
	Signatures: []svc.Signature{
		{Kind: Cluster, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Cluster}, Match: svc.DescPrefix("RedshiftNetworkInterface")},
	},
	Finders:   []usage.Finder{Clusters, Endpoints},
	Fallbacks: []string{"redshift:CreateCluster, RestoreFromClusterSnapshot"},
}
