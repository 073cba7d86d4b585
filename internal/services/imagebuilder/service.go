// Package imagebuilder is everything defaultsg knows about EC2 Image
// Builder: infrastructure configurations, which launch a build instance
// (RunInstances) each time a pipeline runs. Between runs nothing else
// shows they hold a group.
package imagebuilder

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	InfrastructureConfiguration resource.Kind = "imagebuilder.infrastructure-configuration"
)

// Service lists the kinds, finder and default-group fallback of Image Builder.
var Service = svc.Service{
	Name: "imagebuilder",
	Kinds: []svc.KindDef{
		{Kind: InfrastructureConfiguration, Name: "Image Builder infrastructure configuration", Mover: &configurationMover},
	},
	Finders:   []usage.Finder{InfrastructureConfigurations},
	Fallbacks: []string{"imagebuilder:CreateInfrastructureConfiguration (without securityGroupIds)"},
}
