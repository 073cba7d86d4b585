// Package sfn is everything defaultsg knows about AWS Step Functions: state
// machines whose definition runs ECS tasks in awsvpc mode. The task exists
// only while an execution runs it, so between runs nothing else shows the
// state machine holds a default group.
package sfn

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	StateMachine resource.Kind = "sfn.state-machine"
	Version      resource.Kind = "sfn.state-machine-version"
)

// Service lists the kinds, finder and default-group fallback of Step Functions.
var Service = svc.Service{
	Name: "states",
	Kinds: []svc.KindDef{
		// The groups are a literal in the definition: a new definition
		// (UpdateStateMachine) is the change; AWS has no group-only edit.
		{Kind: StateMachine, Name: "Step Functions state machine", Mover: &stateMachineMover, Manual: svc.Manual{API: "states:UpdateStateMachine"}},
		{Kind: Version, Name: "Step Functions state machine version", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "State machine version " + u.ResourceID + " is immutable: publish a version whose definition uses the replacement group " +
				"(states:UpdateStateMachine with publish), point its aliases at it (states:UpdateStateMachineAlias), " +
				"then delete this one (states:DeleteStateMachineVersion)."
		}}},
	},
	Finders:   []usage.Finder{StateMachines},
	Fallbacks: []string{"ecs:RunTask from a Step Functions Task state (awsvpc without SecurityGroups)"},
}
