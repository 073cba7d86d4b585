// Package eks is everything defaultsg knows about Amazon EKS: clusters (the cluster security group and additional groups).
package eks

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Cluster resource.Kind = "eks.cluster"
)

// Service lists the kinds, finders and default-group fallbacks of eks.
var Service = svc.Service{
	Name: "eks",
	Kinds: []svc.KindDef{
		{Kind: Cluster, Name: "EKS cluster", Mover: &clusterMover},
	},
	Signatures: []svc.Signature{
		{Kind: Cluster, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Cluster},
			Match: svc.DescRegexp(regexp.MustCompile(`^Amazon EKS (.+)$`))},
	},
	Finders: []usage.Finder{Clusters},
}
