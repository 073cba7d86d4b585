// Package dax is everything defaultsg knows about Amazon DynamoDB Accelerator: clusters, seen through their interfaces.
package dax

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Cluster is the one resource kind of dax the tool reports.
const Cluster resource.Kind = "dax.cluster"

// Service lists the kind, interface signature and fallbacks of dax.
var Service = svc.Service{
	Name:       "dax",
	Kinds:      []svc.KindDef{{Kind: Cluster, Name: "DAX cluster", Manual: svc.Manual{API: "dax:UpdateCluster"}}},
	Signatures: []svc.Signature{{Kind: Cluster, Change: usage.ChangeInPlace, Match: svc.DescPrefix("DAX")}},
	Fallbacks:  []string{"dax:CreateCluster"},
}
