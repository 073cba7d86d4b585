// Package elb is everything defaultsg knows about Elastic Load Balancing:
// application, network and gateway load balancers (ELBv2) and classic load
// balancers, and the interfaces they create.
package elb

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	ApplicationLoadBalancer resource.Kind = "elb.application"
	NetworkLoadBalancer     resource.Kind = "elb.network"
	GatewayLoadBalancer     resource.Kind = "elb.gateway"
	ClassicLoadBalancer     resource.Kind = "elb.classic"
)

var v2 = []resource.Kind{ApplicationLoadBalancer, NetworkLoadBalancer, GatewayLoadBalancer}

// Service lists the kinds, finders and interface signatures of ELB.
var Service = svc.Service{
	Name: "elasticloadbalancing",
	Kinds: []svc.KindDef{
		{Kind: ApplicationLoadBalancer, Name: "Application Load Balancer", Mover: &elbv2Mover},
		{Kind: NetworkLoadBalancer, Name: "Network Load Balancer", Mover: &elbv2Mover},
		{Kind: GatewayLoadBalancer, Name: "Gateway Load Balancer", Mover: &elbv2Mover},
		{Kind: ClassicLoadBalancer, Name: "Classic Load Balancer", Mover: &classicMover},
	},
	Finders: []usage.Finder{ELBv2LoadBalancers, ClassicLoadBalancers},
	// Interface descriptions: "ELB app/<name>/<id>", "ELB net/<name>/<id>",
	// "ELB <classic name>" (AWS, "Requester-managed network interfaces").
	Signatures: []svc.Signature{
		{Kind: ApplicationLoadBalancer, Change: usage.ChangeInPlace, MovedWith: v2,
			Match: svc.DescRegexp(regexp.MustCompile(`^ELB (app/[^/]+/[0-9a-f]+)$`))},
		{Kind: NetworkLoadBalancer, Change: usage.ChangeInPlace, MovedWith: v2,
			Match: svc.DescRegexp(regexp.MustCompile(`^ELB (net/[^/]+/[0-9a-f]+)$`))},
		{Kind: ClassicLoadBalancer, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{ClassicLoadBalancer},
			Match: svc.DescRegexp(regexp.MustCompile(`^ELB ([A-Za-z0-9-]+)$`))},
	},
}
