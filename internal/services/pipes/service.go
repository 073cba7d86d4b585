// Package pipes is everything defaultsg knows about EventBridge Pipes: pipes whose ECS targets run awsvpc tasks later.
package pipes

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Pipe resource.Kind = "pipes.pipe"
)

// Service lists the kinds, finders and default-group fallbacks of pipes.
var Service = svc.Service{
	Name: "pipes",
	Kinds: []svc.KindDef{
		{Kind: Pipe, Name: "EventBridge pipe", Mover: &pipeMover},
	},
	Finders:   []usage.Finder{Pipes},
	Fallbacks: []string{"pipes:CreatePipe (ECS target, awsvpc without SecurityGroups)"},
}
