// Package beanstalk is everything defaultsg knows about Elastic Beanstalk: environments, which own the resources they create and are moved by an environment update (UpdateEnvironment option settings, a rolling deployment).
package beanstalk

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Environment resource.Kind = "beanstalk.environment"
)

// Service lists the kinds, finders and default-group fallbacks of elasticbeanstalk.
var Service = svc.Service{
	Name: "elasticbeanstalk",
	Kinds: []svc.KindDef{
		{Kind: Environment, Name: "Elastic Beanstalk environment", Mover: &environmentMover, Manual: svc.Manual{API: "elasticbeanstalk:UpdateEnvironment"}},
	},
	Finders: []usage.Finder{Environments},
}
