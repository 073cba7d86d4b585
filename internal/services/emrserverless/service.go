// Package emrserverless is everything defaultsg knows about Amazon EMR
// Serverless: applications whose workers, started for each job run or
// kept as pre-initialized capacity, get interfaces in the application's
// VPC configuration.
package emrserverless

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Application resource.Kind = "emrserverless.application"
)

// Service lists the kinds, finder and default-group fallback of EMR Serverless.
var Service = svc.Service{
	Name: "emr-serverless",
	Kinds: []svc.KindDef{
		{Kind: Application, Name: "EMR Serverless application", Mover: &applicationMover},
	},
	Finders:   []usage.Finder{Applications},
	Fallbacks: []string{"emr-serverless:CreateApplication (subnetIds without securityGroupIds)"},
}
