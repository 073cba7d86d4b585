// Package route53resolver is everything defaultsg knows about Route 53
// Resolver: inbound and outbound endpoints, found through
// ListResolverEndpoints and through the interfaces they create. An
// endpoint's groups are fixed at creation (UpdateResolverEndpoint has no
// group field), so a user is recreated.
package route53resolver

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Endpoint is the one resource kind of route53resolver the tool reports.
const Endpoint resource.Kind = "route53resolver.endpoint"

// Service lists the kind, finder and interface signature of route53resolver.
var Service = svc.Service{
	Name: "route53resolver",
	Kinds: []svc.KindDef{{Kind: Endpoint, Name: "Route 53 Resolver endpoint", Manual: svc.Manual{Text: func(u usage.Usage) string {
		return "Route 53 Resolver endpoint " + u.ResourceID + " cannot change its security groups (UpdateResolverEndpoint has no such field): " +
			"create a new endpoint (route53resolver:CreateResolverEndpoint) in the same subnets with the replacement group instead of " + u.GroupID +
			"; point the rules that use this one at it (route53resolver:UpdateResolverRule, ResolverEndpointId) for an outbound endpoint, " +
			"or the on-premises forwarders at its addresses for an inbound one; then delete this endpoint."
	}}}},
	Finders: []usage.Finder{Endpoints},
	// "Route 53 Resolver: rslvr-in-…:rni-…": the endpoint id.
	Signatures: []svc.Signature{{Kind: Endpoint, Change: usage.ChangeReplacement,
		Match: svc.DescRegexp(regexp.MustCompile(`^Route 53 Resolver: (rslvr-[a-z]+-[0-9a-f]+)`))}},
}
