package codebuild

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	cbtypes "github.com/aws/aws-sdk-go-v2/service/codebuild/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeCodeBuild struct{ projects []cbtypes.Project }

func (f *fakeCodeBuild) ListProjects(context.Context, *codebuild.ListProjectsInput, ...func(*codebuild.Options)) (*codebuild.ListProjectsOutput, error) {
	out := &codebuild.ListProjectsOutput{}
	for _, p := range f.projects {
		out.Projects = append(out.Projects, aws.ToString(p.Name))
	}
	return out, nil
}

func (f *fakeCodeBuild) BatchGetProjects(_ context.Context, in *codebuild.BatchGetProjectsInput, _ ...func(*codebuild.Options)) (*codebuild.BatchGetProjectsOutput, error) {
	if len(in.Names) > 100 {
		panic("BatchGetProjects takes at most 100 names")
	}
	out := &codebuild.BatchGetProjectsOutput{}
	for _, p := range f.projects {
		for _, n := range in.Names {
			if n == aws.ToString(p.Name) {
				out.Projects = append(out.Projects, p)
			}
		}
	}
	return out, nil
}

func TestCodeBuildProjectWithoutInterfaceIsFound(t *testing.T) {
	var projects []cbtypes.Project
	for i := 0; i < 150; i++ {
		projects = append(projects, cbtypes.Project{Name: aws.String("p" + string(rune('a'+i%26)) + string(rune('a'+i/26)))})
	}
	projects = append(projects, cbtypes.Project{Name: aws.String("deploy"), VpcConfig: &cbtypes.VpcConfig{SecurityGroupIds: []string{"sg-def", "sg-def"}},
		Tags: []cbtypes.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("pipeline")}}})
	us, err := findCodeBuildProjects(context.Background(), &fakeCodeBuild{projects: projects}, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:deploy:latent" {
		t.Fatalf("got %q", got)
	}
	if us[0].ManagedBy != "cloudformation:pipeline" {
		t.Fatalf("a stack's project must say so (its tags come with BatchGetProjects): %q", us[0].ManagedBy)
	}
}
