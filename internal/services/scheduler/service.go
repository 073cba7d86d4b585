// Package scheduler is everything defaultsg knows about EventBridge Scheduler: schedules whose ECS targets run awsvpc tasks later.
package scheduler

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Schedule resource.Kind = "scheduler.schedule"
)

// Service lists the kinds, finders and default-group fallbacks of scheduler.
var Service = svc.Service{
	Name: "scheduler",
	Kinds: []svc.KindDef{
		{Kind: Schedule, Name: "EventBridge schedule", Mover: &scheduleMover},
	},
	Finders:   []usage.Finder{Schedules},
	Fallbacks: []string{"scheduler:CreateSchedule (ECS target, awsvpc without SecurityGroups)"},
}
