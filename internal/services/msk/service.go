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
		{Kind: Cluster, Name: "MSK cluster", Manual: svc.Manual{Recreate: true, Text: func(u usage.Usage) string {
			return "MSK cluster " + u.ResourceID + " cannot change its security groups in place: MSK takes them only in CreateCluster " +
				"(BrokerNodeGroupInfo.SecurityGroups, or a serverless cluster's VpcConfigs), and no kafka Update* call accepts them. " +
				"Create a cluster with the replacement group, move topics and clients to it (MSK Replicator or MirrorMaker 2), then delete this one."
		}}},
	},
	Finders:   []usage.Finder{Clusters},
	Fallbacks: []string{"kafka:CreateCluster"},
}
