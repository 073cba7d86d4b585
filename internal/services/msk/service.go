// Package msk is everything defaultsg knows about Amazon MSK: clusters, whose groups are fixed at creation.
package msk

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Cluster resource.Kind = "msk.cluster"
)

// Service lists the kinds, finders and default-group fallbacks of kafka.
var Service = svc.Service{
	Name: "kafka",
	Kinds: []svc.KindDef{
		{Kind: Cluster, Name: "MSK cluster", Manual: svc.Manual{Recreate: true}},
	},
	Finders:   []usage.Finder{Clusters},
	Fallbacks: []string{"kafka:CreateCluster"},
}
