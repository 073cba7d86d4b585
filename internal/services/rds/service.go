// Package rds is everything defaultsg knows about Amazon RDS (and the
// engines that share its API: Aurora, Neptune, DocumentDB): DB instances,
// DB clusters, RDS Proxy, and the interfaces they create.
package rds

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Instance resource.Kind = "rds.instance"
	Cluster  resource.Kind = "rds.cluster"
	Proxy    resource.Kind = "rds.proxy"
	// ClusterMember is a DB instance of an Aurora, Neptune or DocumentDB
	// cluster: it has its cluster's groups and moves with it.
	ClusterMember resource.Kind = "rds.cluster-member"
	// Database is an interface RDS created for an instance or a cluster; its
	// description does not say which.
	Database resource.Kind = "rds.database"
)

// Service lists the kinds, finders, signatures and fallbacks of RDS.
var Service = svc.Service{
	Name: "rds",
	Kinds: []svc.KindDef{
		{Kind: Instance, Name: "RDS DB instance", Mover: &instanceMover},
		{Kind: Cluster, Name: "RDS DB cluster", Mover: &clusterMover},
		{Kind: Proxy, Name: "RDS Proxy", Mover: &proxyMover},
		{Kind: ClusterMember, Name: "RDS DB cluster member", MovedWith: []resource.Kind{Cluster}, Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "RDS DB instance " + u.ResourceID + " is a member of cluster " + u.Parent + " and has its groups: move the cluster (rds:ModifyDBCluster), never the instance."
		}}},
		{Kind: Database, Name: "RDS database", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "An RDS interface (" + u.Interface + ") that does not name its instance or cluster: move the RDS instance or cluster in its VPC that uses " + u.GroupID + "; its interfaces follow."
		}}},
	},
	Finders: []usage.Finder{Instances, Clusters, Proxies},
	Signatures: []svc.Signature{
		{Kind: Proxy, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Proxy},
			Match: svc.DescRegexp(regexp.MustCompile(`^Network interface for DBProxy (.+)$`))},
		{Kind: Database, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Instance, Cluster},
			Match: svc.DescPrefix("RDSNetworkInterface")},
	},
	Fallbacks: []string{"rds:CreateDBInstance, CreateDBInstanceReadReplica, RestoreDBInstance*, CreateDBProxyEndpoint", "neptune:CreateDBInstance"},
}
