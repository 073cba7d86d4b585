// Package dms is everything defaultsg knows about AWS DMS: replication instances and DMS Serverless replication configs.
package dms

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ReplicationInstance resource.Kind = "dms.replication-instance"
	ReplicationConfig   resource.Kind = "dms.replication-config"
)

// Service lists the kinds, finders and default-group fallbacks of dms.
var Service = svc.Service{
	Name: "dms",
	Kinds: []svc.KindDef{
		{Kind: ReplicationInstance, Name: "DMS replication instance", Mover: &instanceMover},
		{Kind: ReplicationConfig, Name: "DMS Serverless replication config", Mover: &configMover},
	},
	Signatures: []svc.Signature{
		{Kind: ReplicationInstance, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{ReplicationInstance}, Match: svc.DescPrefix("DMSNetworkInterface")},
	},
	Finders: []usage.Finder{ReplicationInstances, ReplicationConfigs},
}
