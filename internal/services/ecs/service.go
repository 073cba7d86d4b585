// Package ecs is everything defaultsg knows about Amazon ECS: awsvpc services, and the interfaces of running tasks.
package ecs

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ECSService resource.Kind = "ecs.service"
	Task       resource.Kind = "ecs.task"
)

// Service lists the kinds, finders and default-group fallbacks of ecs.
var Service = svc.Service{
	Name: "ecs",
	Kinds: []svc.KindDef{
		{Kind: ECSService, Name: "ECS service", Mover: &serviceMover},
		{Kind: Task, Name: "ECS task", Manual: svc.Manual{Redeploy: true}},
	},
	Signatures: []svc.Signature{
		{Kind: Task, Change: usage.ChangeDeployment,
			Match: svc.DescRegexp(regexp.MustCompile(`^(arn:aws[a-z-]*:ecs:[^:]+:\d+:attachment/[0-9a-f-]+)$`))},
	},
	Finders:   []usage.Finder{Services},
	Fallbacks: []string{"ecs:RunTask, CreateService (awsvpc without securityGroups)"},
}
