// Package memorydb is everything defaultsg knows about Amazon MemoryDB:
// clusters, found through DescribeClusters and moved in place with
// UpdateCluster.
package memorydb

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Cluster is a MemoryDB cluster.
const Cluster resource.Kind = "memorydb.cluster"

// Service lists the kind and finder of memorydb. No interface signature:
// AWS documents no description for MemoryDB's interfaces
// (docs/FIDELITY.md); the finder names the cluster.
var Service = svc.Service{
	Name:    "memorydb",
	Kinds:   []svc.KindDef{{Kind: Cluster, Name: "MemoryDB cluster", Mover: &clusterMover}},
	Finders: []usage.Finder{Clusters},
}
