package sagemaker

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeSageMakerDomains struct {
	domains []sagemaker.DescribeDomainOutput
}

func (f *fakeSageMakerDomains) ListDomains(_ context.Context, in *sagemaker.ListDomainsInput, _ ...func(*sagemaker.Options)) (*sagemaker.ListDomainsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &sagemaker.ListDomainsOutput{Domains: []smtypes.DomainDetails{{DomainId: f.domains[i].DomainId}}}
	if i+1 < len(f.domains) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeSageMakerDomains) DescribeDomain(_ context.Context, in *sagemaker.DescribeDomainInput, _ ...func(*sagemaker.Options)) (*sagemaker.DescribeDomainOutput, error) {
	for i := range f.domains {
		if aws.ToString(f.domains[i].DomainId) == aws.ToString(in.DomainId) {
			return &f.domains[i], nil
		}
	}
	return nil, svctest.Unexpected("DescribeDomain " + aws.ToString(in.DomainId))
}

func TestSageMakerDomainsEverySetting(t *testing.T) {
	f := &fakeSageMakerDomains{domains: []sagemaker.DescribeDomainOutput{
		{DomainId: aws.String("d-1"), DomainName: aws.String("plain")},
		{DomainId: aws.String("d-2"), DomainName: aws.String("lab"), DefaultUserSettings: &smtypes.UserSettings{SecurityGroups: []string{"sg-x"}},
			DefaultSpaceSettings: &smtypes.DefaultSpaceSettings{SecurityGroups: []string{"sg-def"}},
			DomainSettings:       &smtypes.DomainSettings{SecurityGroupIds: []string{"sg-def", "sg-def2"}}},
	}}
	us, err := findSageMakerDomains(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:lab:latent sg-def2:lab:latent" {
		t.Fatalf("got %q", got)
	}
}
