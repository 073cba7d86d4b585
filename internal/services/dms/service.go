// Package dms is everything defaultsg knows about AWS DMS: replication instances.
package dms

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ReplicationInstance resource.Kind = "dms.replication-instance"
)

// Service lists the kinds, finders and default-group fallbacks of dms.
var Service = svc.Service{
	Name: "dms",
	Kinds: []svc.KindDef{
		{Kind: ReplicationInstance, Name: "DMS replication instance", Mover: &instanceMover},
	},
	Signatures: []svc.Signature{
		{Kind: ReplicationInstance, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{ReplicationInstance}, Match: svc.DescPrefix("DMSNetworkInterface")},
	},
	Finders: []usage.Finder{ReplicationInstances},
}
