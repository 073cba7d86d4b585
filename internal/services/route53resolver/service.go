// Package route53resolver is everything defaultsg knows about Route 53 Resolver: endpoints, seen through their interfaces.
package route53resolver

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Endpoint is the one resource kind of route53resolver the tool reports.
const Endpoint resource.Kind = "route53resolver.endpoint"

// Service lists the kind, interface signature and fallbacks of route53resolver.
var Service = svc.Service{
	Name:       "route53resolver",
	Kinds:      []svc.KindDef{{Kind: Endpoint, Name: "Route 53 Resolver endpoint", Manual: svc.Manual{Recreate: true}}},
	Signatures: []svc.Signature{{Kind: Endpoint, Change: usage.ChangeReplacement, Match: svc.DescRegexp(regexp.MustCompile(`^Route 53 Resolver: (rslvr-[a-z]+-[0-9a-f]+)`))}},
}
