package apigateway

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCLinksAPI is what finding VPC links calls.
type VPCLinksAPI interface {
	GetVpcLinks(ctx context.Context, in *apigatewayv2.GetVpcLinksInput, opts ...func(*apigatewayv2.Options)) (*apigatewayv2.GetVpcLinksOutput, error)
}

// VPCLinks finds VPC links V2 in a default group. A link with no traffic
// for 60 days turns INACTIVE and API Gateway deletes its interfaces, then
// recreates them, on the same groups, when requests resume: only the API
// sees it meanwhile, so an INACTIVE link is a latent user.
var VPCLinks = usage.Finder{
	Name:    "apigateway-vpc-links",
	Service: "apigateway",
	Reads:   "VPC links V2's SecurityGroupIds (GetVpcLinks)",
	// API Gateway's IAM actions are HTTP methods: GetVpcLinks is a GET.
	IAM:   []string{"apigateway:GET"},
	Kinds: []resource.Kind{VPCLink},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findVPCLinks(ctx, apigatewayv2.NewFromConfig(cfg), t)
	},
}

func findVPCLinks(ctx context.Context, api VPCLinksAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	in := &apigatewayv2.GetVpcLinksInput{MaxResults: aws.String("500")}
	// The SDK has no paginator for API Gateway V2: follow NextToken here,
	// refusing a token that repeats rather than loop forever.
	seen := map[string]bool{}
	for {
		page, err := api.GetVpcLinks(ctx, in)
		if err != nil {
			return out, err
		}
		for _, l := range page.Items {
			out = append(out, svc.Users(t, l.SecurityGroupIds, linkUsage(l))...)
		}
		next := aws.ToString(page.NextToken)
		if next == "" {
			return out, nil
		}
		if seen[next] {
			return out, errRepeatedToken
		}
		seen[next] = true
		in.NextToken = aws.String(next)
	}
}

// errRepeatedToken is a page token API Gateway already gave: following it
// would never end, and stopping there could miss links.
var errRepeatedToken = errors.New("apigateway:GetVpcLinks returned a page token it had already returned")

func linkUsage(l types.VpcLink) usage.Usage {
	u := usage.Usage{Kind: usage.KindLive, ResourceKind: VPCLink, ResourceID: aws.ToString(l.VpcLinkId),
		Detail: aws.ToString(l.Name) + ", " + string(l.VpcLinkStatus), ManagedBy: svc.ManagedBy(svc.TagsFromMap(l.Tags)),
		Change: usage.ChangeReplacement}
	if l.VpcLinkStatus == types.VpcLinkStatusInactive {
		u.Kind, u.Detail = usage.KindLatent, u.Detail+": interfaces deleted after 60 days without traffic, recreated on the next request"
	}
	return u
}
