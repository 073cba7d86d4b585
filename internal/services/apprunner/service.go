// Package apprunner is everything defaultsg knows about App Runner: VPC connectors, which cannot change their groups (recreate).
package apprunner

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	VPCConnector resource.Kind = "apprunner.vpc-connector"
)

// Service lists the kinds, finders and default-group fallbacks of apprunner.
var Service = svc.Service{
	Name: "apprunner",
	Kinds: []svc.KindDef{
		{Kind: VPCConnector, Name: "App Runner VPC connector", Manual: svc.Manual{Recreate: true}},
	},
	Finders:   []usage.Finder{VPCConnectors},
	Fallbacks: []string{"apprunner:CreateVpcConnector"},
}
