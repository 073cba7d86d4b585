// Package kinesisanalytics is everything defaultsg knows about Amazon
// Managed Service for Apache Flink (Kinesis Data Analytics v2):
// applications whose VPC configuration places their workers in a group
// each time they run. A stopped application holds no interface, so only
// its configuration shows it.
package kinesisanalytics

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Application resource.Kind = "kinesisanalytics.application"
)

// Service lists the kinds and finder of Managed Service for Apache Flink.
var Service = svc.Service{
	Name: "kinesisanalytics",
	Kinds: []svc.KindDef{
		{Kind: Application, Name: "Managed Service for Apache Flink application", Mover: &applicationMover},
	},
	Finders: []usage.Finder{Applications},
}
