// Package eventbridge is everything defaultsg knows about EventBridge: rules whose ECS targets run awsvpc tasks later.
package eventbridge

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Rule resource.Kind = "eventbridge.rule"
)

// Service lists the kinds, finders and default-group fallbacks of events.
var Service = svc.Service{
	Name: "events",
	Kinds: []svc.KindDef{
		{Kind: Rule, Name: "EventBridge rule", Mover: &ruleMover},
	},
	Finders:   []usage.Finder{ECSTargets},
	Fallbacks: []string{"events:PutTargets (ECS target, awsvpc without SecurityGroups)"},
}
