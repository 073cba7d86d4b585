package apigateway

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeLinks serves one link a page; loop makes the last page point back
// at the first.
type fakeLinks struct {
	links []types.VpcLink
	loop  bool
}

func (f *fakeLinks) GetVpcLinks(_ context.Context, in *apigatewayv2.GetVpcLinksInput, _ ...func(*apigatewayv2.Options)) (*apigatewayv2.GetVpcLinksOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &apigatewayv2.GetVpcLinksOutput{Items: f.links[i : i+1]}
	switch {
	case i+1 < len(f.links):
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	case f.loop:
		out.NextToken = aws.String("n")
	}
	return out, nil
}

func link(id string, st types.VpcLinkStatus, groups ...string) types.VpcLink {
	return types.VpcLink{VpcLinkId: aws.String(id), Name: aws.String(id), VpcLinkStatus: st, SecurityGroupIds: groups}
}

func TestVPCLinksAcrossPages(t *testing.T) {
	f := &fakeLinks{links: []types.VpcLink{
		link("l1", types.VpcLinkStatusAvailable, "sg-app", "sg-def"),
		link("l2", types.VpcLinkStatusAvailable, "sg-app"),
		// Without traffic for 60 days: no interface, still a user.
		link("l3", types.VpcLinkStatusInactive, "sg-def2"),
	}}
	f.links[0].Tags = map[string]string{"aws:cloudformation:stack-name": "api"}
	us, err := findVPCLinks(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:l1:live sg-def2:l3:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:api" || us[0].ResourceKind != VPCLink || us[0].Change != usage.ChangeReplacement {
		t.Fatalf("l1: %+v", us[0])
	}
}

func TestVPCLinksRepeatedTokenIsAnError(t *testing.T) {
	f := &fakeLinks{links: []types.VpcLink{link("l1", types.VpcLinkStatusAvailable), link("l2", types.VpcLinkStatusAvailable)}, loop: true}
	if _, err := findVPCLinks(context.Background(), f, svctest.Target); !errors.Is(err, errRepeatedToken) {
		t.Fatalf("got %v", err)
	}
}
