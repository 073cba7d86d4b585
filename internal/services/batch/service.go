// Package batch is everything defaultsg knows about AWS Batch: compute environments, whose instances are launched later.
package batch

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	// ComputeEnvironment is a managed EC2 or Spot compute environment.
	ComputeEnvironment resource.Kind = "batch.compute-environment"
	// FargateComputeEnvironment is a managed FARGATE or FARGATE_SPOT one,
	// whose groups UpdateComputeEnvironment changes in place.
	FargateComputeEnvironment resource.Kind = "batch.fargate-compute-environment"
)

// Service lists the kinds, finders and default-group fallbacks of batch.
var Service = svc.Service{
	Name: "batch",
	Kinds: []svc.KindDef{
		{Kind: ComputeEnvironment, Name: "Batch compute environment", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "Batch compute environment " + u.ResourceID + " runs on EC2 instances: UpdateComputeEnvironment changes its groups only by an infrastructure update " +
				"that replaces every instance (it needs the AWSServiceRoleForBatch service role and allocation strategy BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED " +
				"or SPOT_PRICE_CAPACITY_OPTIMIZED, and stops jobs still running after the update policy's jobExecutionTimeoutMinutes, 30 by default), so apply does not start it. " +
				"Run that update when no long job is running, or create a compute environment with the replacement group and put it in the job queues in place of this one."
		}}},
		{Kind: FargateComputeEnvironment, Name: "Batch Fargate compute environment", Mover: &fargateMover},
	},
	Finders: []usage.Finder{ComputeEnvironments},
}
