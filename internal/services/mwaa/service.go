// Package mwaa is everything defaultsg knows about Amazon MWAA: Airflow environments.
package mwaa

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Environment resource.Kind = "mwaa.environment"
)

// Service lists the kinds, finders and default-group fallbacks of airflow.
var Service = svc.Service{
	Name: "airflow",
	Kinds: []svc.KindDef{
		{Kind: Environment, Name: "MWAA environment", Mover: &environmentMover},
	},
	Finders: []usage.Finder{Environments},
}
