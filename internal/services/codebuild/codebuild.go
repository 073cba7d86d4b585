package codebuild

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/codebuild/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// CodeBuildProjectsAPI is what the project finder calls.
type CodeBuildProjectsAPI interface {
	codebuild.ListProjectsAPIClient
	BatchGetProjects(ctx context.Context, in *codebuild.BatchGetProjectsInput, opts ...func(*codebuild.Options)) (*codebuild.BatchGetProjectsOutput, error)
}

// CodeBuildFleetsAPI is what the fleet finder calls.
type CodeBuildFleetsAPI interface {
	codebuild.ListFleetsAPIClient
	BatchGetFleets(ctx context.Context, in *codebuild.BatchGetFleetsInput, opts ...func(*codebuild.Options)) (*codebuild.BatchGetFleetsOutput, error)
}

// Projects finds projects configured with a default group. Their
// interfaces exist only while a build runs, so a live-interface sweep misses
// them: the classic outage.
var Projects = usage.Finder{
	Name:    "codebuild-projects",
	Service: "codebuild",
	Reads:   "CodeBuild projects' vpcConfig.securityGroupIds and environment.dockerServer.securityGroupIds (ListProjects, BatchGetProjects)",
	IAM:     []string{"codebuild:ListProjects", "codebuild:BatchGetProjects"},
	Kinds:   []resource.Kind{Project},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findCodeBuildProjects(ctx, codebuild.NewFromConfig(cfg), t)
	},
}

// Fleets finds reserved-capacity fleets configured with a default group.
var Fleets = usage.Finder{
	Name:    "codebuild-fleets",
	Service: "codebuild",
	Reads:   "CodeBuild fleets' vpcConfig.securityGroupIds (ListFleets, BatchGetFleets)",
	IAM:     []string{"codebuild:ListFleets", "codebuild:BatchGetFleets"},
	Kinds:   []resource.Kind{Fleet},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findCodeBuildFleets(ctx, codebuild.NewFromConfig(cfg), t)
	},
}

func findCodeBuildProjects(ctx context.Context, api CodeBuildProjectsAPI, t usage.Target) ([]usage.Usage, error) {
	var names []string
	p := codebuild.NewListProjectsPaginator(api, &codebuild.ListProjectsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		names = append(names, page.Projects...)
	}
	var out []usage.Usage
	for _, batch := range svc.Chunks(names, 100) {
		res, err := api.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: batch})
		if err != nil {
			return out, err
		}
		for _, pr := range res.Projects {
			var ids []string
			if pr.VpcConfig != nil {
				ids = append(ids, pr.VpcConfig.SecurityGroupIds...)
			}
			if env := pr.Environment; env != nil && env.DockerServer != nil {
				ids = append(ids, env.DockerServer.SecurityGroupIds...) // the remote Docker server's own interfaces
			}
			for _, id := range svc.Matching(t, ids) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
					ResourceKind: Project, ResourceID: aws.ToString(pr.Name), ARN: aws.ToString(pr.Arn),
					Detail: "interfaces are created only while a build runs", ManagedBy: svc.ManagedBy(cbTags(pr.Tags)), Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}

func findCodeBuildFleets(ctx context.Context, api CodeBuildFleetsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var fleets []string
	fp := codebuild.NewListFleetsPaginator(api, &codebuild.ListFleetsInput{})
	for fp.HasMorePages() {
		page, err := fp.NextPage(ctx)
		if err != nil {
			return out, err
		}
		fleets = append(fleets, page.Fleets...)
	}
	for _, batch := range svc.Chunks(fleets, 100) {
		res, err := api.BatchGetFleets(ctx, &codebuild.BatchGetFleetsInput{Names: batch})
		if err != nil {
			return out, err
		}
		for _, fl := range res.Fleets {
			if fl.VpcConfig == nil {
				continue
			}
			for _, id := range svc.Matching(t, fl.VpcConfig.SecurityGroupIds) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
					ResourceKind: Fleet, ResourceID: aws.ToString(fl.Name), ARN: aws.ToString(fl.Arn),
					ManagedBy: svc.ManagedBy(cbTags(fl.Tags)), Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}

// cbTags converts CodeBuild's tags (returned with every project and fleet).
func cbTags(tags []types.Tag) []ec2types.Tag {
	return svc.TagsOf(tags, func(tag types.Tag) (*string, *string) { return tag.Key, tag.Value })
}
