// Package codebuild is everything defaultsg knows about AWS CodeBuild: projects and fleets, whose interfaces exist only while a build runs.
package codebuild

import (
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Project resource.Kind = "codebuild.project"
	Fleet   resource.Kind = "codebuild.fleet"
	Build   resource.Kind = "codebuild.build"
)

// Service lists the kinds, finders and default-group fallbacks of codebuild.
var Service = svc.Service{
	Name: "codebuild",
	Kinds: []svc.KindDef{
		{Kind: Project, Name: "CodeBuild project", Mover: &projectMover},
		{Kind: Fleet, Name: "CodeBuild fleet", Mover: &fleetMover},
		{Kind: Build, Name: "CodeBuild build", Manual: svc.Manual{Redeploy: true}},
	},
	Signatures: []svc.Signature{
		{Kind: Build, Change: usage.ChangeDeployment, Match: buildInterface},
	},
	Finders: []usage.Finder{Projects, Fleets},
}

// buildInterface matches the interface of a running build: CodeBuild's
// requester id ends in "AWSCodeBuild-<build uuid>".
func buildInterface(eni types.NetworkInterface) (string, bool) {
	m := reBuild.FindStringSubmatch(aws.ToString(eni.RequesterId))
	if m == nil {
		return "", false
	}
	return m[1], true
}

var reBuild = regexp.MustCompile(`:AWSCodeBuild-([0-9a-f-]+)`)
