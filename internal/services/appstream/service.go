// Package appstream is everything defaultsg knows about Amazon AppStream
// 2.0: fleets and image builders, found through DescribeFleets and
// DescribeImageBuilders. A fleet changes its groups with UpdateFleet, but
// only while stopped; an image builder cannot change them.
package appstream

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Fleet        resource.Kind = "appstream.fleet"
	ImageBuilder resource.Kind = "appstream.image-builder"
)

// Service lists the kinds and finders of AppStream. No interface
// signature: AWS documents no description for the streaming instances'
// interfaces (docs/FIDELITY.md); the finders name the owners.
var Service = svc.Service{
	Name: "appstream",
	Kinds: []svc.KindDef{
		{Kind: Fleet, Name: "AppStream fleet", Manual: svc.Manual{Text: func(u usage.Usage) string {
			// UpdateFleet: a RUNNING fleet accepts only display name,
			// capacity, image and timeouts; a STOPPED one any attribute.
			return "AppStream fleet " + u.ResourceID + " changes its groups only while stopped, which ends its streaming sessions: " +
				"appstream:StopFleet, then appstream:UpdateFleet with VpcConfig.SecurityGroupIds holding the replacement group instead of " + u.GroupID +
				" (and its other groups and subnets), then appstream:StartFleet."
		}}},
		{Kind: ImageBuilder, Name: "AppStream image builder", Manual: svc.Manual{Text: func(u usage.Usage) string {
			return "AppStream image builder " + u.ResourceID + " cannot change its security groups (no update call takes VpcConfig): " +
				"create an image builder (appstream:CreateImageBuilder) with the replacement group instead of " + u.GroupID + ", then delete this one."
		}}},
	},
	Finders: []usage.Finder{Fleets, ImageBuilders},
}
