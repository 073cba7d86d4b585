// Package autoscaling is everything defaultsg knows about Amazon EC2 Auto Scaling: groups and launch configurations, which launch instances later.
package autoscaling

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Group               resource.Kind = "autoscaling.group"
	LaunchConfiguration resource.Kind = "autoscaling.launch-configuration"
)

// ec2LaunchTemplate is EC2's launch template kind. An Auto Scaling group
// that launches its only template's default or latest version moves when
// apply gives that template a new default version; the finder names the
// template as the usage's Parent. Service packages do not import each
// other, so the kind is spelled here; the registry test checks it exists.
const ec2LaunchTemplate resource.Kind = "ec2.launch-template"

// Service lists the kinds, finders and default-group fallbacks of autoscaling.
var Service = svc.Service{
	Name: "autoscaling",
	Kinds: []svc.KindDef{
		{Kind: Group, Name: "Auto Scaling group", Manual: svc.Manual{Text: groupStep}, MovedWith: []resource.Kind{ec2LaunchTemplate},
			Refresh: &instanceRefresh},
		{Kind: LaunchConfiguration, Name: "Launch configuration", Manual: svc.Manual{Recreate: true}},
	},
	Finders: []usage.Finder{Groups, LaunchConfigurations},
}

// groupStep is the manual step of an Auto Scaling group: its groups live
// in its launch template or configuration, never in the group itself.
func groupStep(u usage.Usage) string {
	return fmt.Sprintf("Auto Scaling group %s launches into %s %s. Create a launch template version that names the replacement group "+
		"(on the network interface with DeviceIndex 0 when the template has interfaces), make it the default version or point the group at it "+
		"(autoscaling:UpdateAutoScalingGroup; a launch configuration cannot change: move the group to a launch template), "+
		"then start an instance refresh to replace running instances.", u.ResourceID, u.GroupID, u.Detail)
}
