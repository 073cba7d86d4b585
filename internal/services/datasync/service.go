// Package datasync is everything defaultsg knows about AWS DataSync:
// EFS and FSx locations, whose security groups DataSync puts on the
// interfaces it creates each time a task using them runs.
package datasync

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Location resource.Kind = "datasync.location"
)

// Service lists the kinds and finder of DataSync.
var Service = svc.Service{
	Name: "datasync",
	Kinds: []svc.KindDef{
		// The UpdateLocation* calls leave the security groups as created.
		{Kind: Location, Name: "DataSync location", Manual: svc.Manual{Recreate: true}},
	},
	Finders: []usage.Finder{Locations},
}
