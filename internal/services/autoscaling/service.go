// Package autoscaling is everything defaultsg knows about Amazon EC2 Auto Scaling: groups and launch configurations, which launch instances later.
package autoscaling

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Group               resource.Kind = "autoscaling.group"
	LaunchConfiguration resource.Kind = "autoscaling.launch-configuration"
)

// Service lists the kinds, finders and default-group fallbacks of autoscaling.
var Service = svc.Service{
	Name: "autoscaling",
	Kinds: []svc.KindDef{
		{Kind: Group, Name: "Auto Scaling group", Manual: svc.Manual{API: "autoscaling:UpdateAutoScalingGroup (after its launch template moves; an instance refresh replaces running instances)"}},
		{Kind: LaunchConfiguration, Name: "Launch configuration", Manual: svc.Manual{Recreate: true}},
	},
	Finders: []usage.Finder{Groups, LaunchConfigurations},
}
