// Package elasticache is everything defaultsg knows about Amazon ElastiCache: cache clusters and serverless caches.
package elasticache

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Cluster resource.Kind = "elasticache.cluster"
	// ReplicationGroupMember is a node cluster of a replication group.
	ReplicationGroupMember resource.Kind = "elasticache.replication-group-member"
	ServerlessCache        resource.Kind = "elasticache.serverless-cache"
)

// Service lists the kinds, finders and default-group fallbacks of elasticache.
var Service = svc.Service{
	Name: "elasticache",
	Kinds: []svc.KindDef{
		{Kind: Cluster, Name: "ElastiCache cluster", Mover: &clusterMover},
		{Kind: ReplicationGroupMember, Name: "ElastiCache replication group member", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "Cache cluster " + u.ResourceID + " belongs to replication group " + u.Parent +
				": call elasticache:ModifyReplicationGroup on " + u.Parent + " with the replacement group in SecurityGroupIds (ApplyImmediately), keeping its other groups."
		}}},
		{Kind: ServerlessCache, Name: "ElastiCache serverless cache", Mover: &serverlessMover},
	},
	Signatures: []svc.Signature{
		{Kind: Cluster, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Cluster},
			Match: svc.DescRegexp(regexp.MustCompile(`^ElastiCache (.+)$`))},
	},
	Finders:   []usage.Finder{Clusters, ServerlessCaches},
	Fallbacks: []string{"elasticache:CreateServerlessCache"},
}
