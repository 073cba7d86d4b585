// Package batch is everything defaultsg knows about AWS Batch: compute environments, whose instances are launched later.
package batch

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ComputeEnvironment resource.Kind = "batch.compute-environment"
)

// Service lists the kinds, finders and default-group fallbacks of batch.
var Service = svc.Service{
	Name: "batch",
	Kinds: []svc.KindDef{
		{Kind: ComputeEnvironment, Name: "Batch compute environment", Manual: svc.Manual{API: "batch:UpdateComputeEnvironment"}},
	},
	Finders: []usage.Finder{ComputeEnvironments},
}
