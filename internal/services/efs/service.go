// Package efs is everything defaultsg knows about Amazon EFS: mount targets.
package efs

import (
	"regexp"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	MountTarget resource.Kind = "efs.mount-target"
)

// Service lists the kinds, finders and default-group fallbacks of elasticfilesystem.
var Service = svc.Service{
	Name: "elasticfilesystem",
	Kinds: []svc.KindDef{
		{Kind: MountTarget, Name: "EFS mount target", Mover: &mountTargetMover},
	},
	Signatures: []svc.Signature{
		{Kind: MountTarget, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{MountTarget},
			Match: svc.DescRegexp(regexp.MustCompile(`^EFS mount target for fs-[0-9a-f]+ \((fsmt-[0-9a-f]+)\)`))},
		// "efs" is a documented interface type the SDK has no constant for.
		{Kind: MountTarget, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{MountTarget},
			Match: svc.IfType(types.NetworkInterfaceType("efs"), nil)},
	},
	Finders: []usage.Finder{MountTargets},
}
