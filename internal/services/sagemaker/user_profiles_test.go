package sagemaker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeUserProfiles serves one profile a page; Describe needs the domain.
type fakeUserProfiles struct {
	profiles []*sagemaker.DescribeUserProfileOutput
}

func (f *fakeUserProfiles) ListUserProfiles(_ context.Context, in *sagemaker.ListUserProfilesInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListUserProfilesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	p := f.profiles[i]
	out := &sagemaker.ListUserProfilesOutput{UserProfiles: []types.UserProfileDetails{{DomainId: p.DomainId, UserProfileName: p.UserProfileName}}}
	if i+1 < len(f.profiles) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeUserProfiles) DescribeUserProfile(_ context.Context, in *sagemaker.DescribeUserProfileInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeUserProfileOutput, error) {
	for _, p := range f.profiles {
		if aws.ToString(p.DomainId) == aws.ToString(in.DomainId) && aws.ToString(p.UserProfileName) == aws.ToString(in.UserProfileName) {
			return p, nil
		}
	}
	return nil, svctest.Unexpected("DescribeUserProfile " + aws.ToString(in.DomainId) + "/" + aws.ToString(in.UserProfileName))
}

func TestUserProfilesInEveryDomain(t *testing.T) {
	profile := func(domain, name string, groups ...string) *sagemaker.DescribeUserProfileOutput {
		return &sagemaker.DescribeUserProfileOutput{DomainId: aws.String(domain), UserProfileName: aws.String(name),
			UserProfileArn: aws.String("arn:" + domain + "/" + name), UserSettings: &types.UserSettings{SecurityGroups: groups}}
	}
	// The same name in two domains is two profiles.
	f := &fakeUserProfiles{profiles: []*sagemaker.DescribeUserProfileOutput{
		profile("d-1", "ana", "sg-x", "sg-def"),
		profile("d-2", "ana", "sg-x"),
		profile("d-2", "bo", "sg-def2", "sg-def2"),
		{DomainId: aws.String("d-2"), UserProfileName: aws.String("inherits")}, // the domain's defaults
	}}
	us, err := findUserProfiles(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:d-1/ana:latent sg-def2:d-2/bo:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != UserProfile || us[0].ARN != "arn:d-1/ana" || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("ana: %+v", us[0])
	}
}
