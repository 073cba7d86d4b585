// Package glue is everything defaultsg knows about AWS Glue: connections, whose jobs create interfaces while they run.
package glue

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Connection resource.Kind = "glue.connection"
	JobRun     resource.Kind = "glue.job-run"
)

// Service lists the kinds, finders and default-group fallbacks of glue.
var Service = svc.Service{
	Name: "glue",
	Kinds: []svc.KindDef{
		{Kind: Connection, Name: "Glue connection", Mover: &connectionMover},
		{Kind: JobRun, Name: "Glue job run", Manual: svc.Manual{Redeploy: true}},
	},
	Signatures: []svc.Signature{
		{Kind: JobRun, Change: usage.ChangeInPlace,
			Match: svc.DescRegexp(regexp.MustCompile(`^Attached to Glue using role: (.+)$`))},
	},
	Finders: []usage.Finder{Connections},
}
