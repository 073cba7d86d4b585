// Package emr is everything defaultsg knows about Amazon EMR: clusters, whose groups are fixed at launch.
package emr

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Cluster resource.Kind = "emr.cluster"
)

// Service lists the kinds, finders and default-group fallbacks of elasticmapreduce.
var Service = svc.Service{
	Name: "elasticmapreduce",
	Kinds: []svc.KindDef{
		{Kind: Cluster, Name: "EMR cluster", Manual: svc.Manual{Recreate: true}},
	},
	Finders: []usage.Finder{Clusters},
}
