// Package redshift is everything defaultsg knows about Amazon Redshift: clusters.
package redshift

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Cluster resource.Kind = "redshift.cluster"
)

// Service lists the kinds, finders and default-group fallbacks of redshift.
var Service = svc.Service{
	Name: "redshift",
	Kinds: []svc.KindDef{
		{Kind: Cluster, Name: "Redshift cluster", Mover: &clusterMover},
	},
	Signatures: []svc.Signature{
		{Kind: Cluster, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Cluster}, Match: svc.DescPrefix("RedshiftNetworkInterface")},
	},
	Finders:   []usage.Finder{Clusters},
	Fallbacks: []string{"redshift:CreateCluster, RestoreFromClusterSnapshot"},
}
