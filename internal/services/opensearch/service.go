// Package opensearch is everything defaultsg knows about OpenSearch Service: domains with a VPC endpoint.
package opensearch

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Domain resource.Kind = "opensearch.domain"
)

// Service lists the kinds, finders and default-group fallbacks of es.
var Service = svc.Service{
	Name: "es",
	Kinds: []svc.KindDef{
		{Kind: Domain, Name: "OpenSearch domain", Mover: &domainMover},
	},
	Signatures: []svc.Signature{
		{Kind: Domain, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Domain},
			Match: svc.DescRegexp(regexp.MustCompile(`^ES (.+)$`))},
	},
	Finders:   []usage.Finder{Domains},
	Fallbacks: []string{"es:CreateDomain (VPC)"},
}
