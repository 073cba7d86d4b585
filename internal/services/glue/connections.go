package glue

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Connections finds connections whose physical connection
// requirements name a default group. Glue creates the interfaces only
// while a job or crawler runs, so a live sweep between runs sees nothing.
var Connections = usage.Finder{
	Name:    "glue-connections",
	Service: "glue",
	Reads:   "Glue connections' PhysicalConnectionRequirements.SecurityGroupIdList (GetConnections)",
	IAM:     []string{"glue:GetConnections"},
	Kinds:   []resource.Kind{Connection},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findGlueConnections(ctx, glue.NewFromConfig(cfg), t)
	},
}

func findGlueConnections(ctx context.Context, api glue.GetConnectionsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	// HidePassword: the finder needs no credentials and should not read them.
	p := glue.NewGetConnectionsPaginator(api, &glue.GetConnectionsInput{HidePassword: true})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.ConnectionList {
			req := c.PhysicalConnectionRequirements
			if req == nil {
				continue
			}
			for _, id := range svc.Matching(t, req.SecurityGroupIdList) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
					ResourceKind: Connection, ResourceID: aws.ToString(c.Name),
					Detail: "interfaces exist only while a job or crawler runs (subnet " + aws.ToString(req.SubnetId) + ")",
					Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}
