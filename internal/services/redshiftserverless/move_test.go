package redshiftserverless

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"
	"github.com/aws/aws-sdk-go-v2/service/redshiftserverless/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// fakeMoves holds one workgroup and one endpoint and records the updates.
type fakeMoves struct {
	wg      types.Workgroup
	ep      types.EndpointAccess
	updates []string
}

func (f *fakeMoves) GetWorkgroup(context.Context, *rss.GetWorkgroupInput, ...func(*rss.Options)) (*rss.GetWorkgroupOutput, error) {
	w := f.wg
	return &rss.GetWorkgroupOutput{Workgroup: &w}, nil
}

func (f *fakeMoves) UpdateWorkgroup(_ context.Context, in *rss.UpdateWorkgroupInput, _ ...func(*rss.Options)) (*rss.UpdateWorkgroupOutput, error) {
	// AWS takes one parameter per request: the name and the groups only.
	if in.BaseCapacity != nil || in.Port != nil || in.SubnetIds != nil || in.ConfigParameters != nil {
		panic("more than the groups sent")
	}
	f.wg.SecurityGroupIds, f.wg.Status = in.SecurityGroupIds, types.WorkgroupStatusModifying
	f.updates = append(f.updates, "wg "+strings.Join(in.SecurityGroupIds, ","))
	return &rss.UpdateWorkgroupOutput{}, nil
}

func (f *fakeMoves) GetEndpointAccess(context.Context, *rss.GetEndpointAccessInput, ...func(*rss.Options)) (*rss.GetEndpointAccessOutput, error) {
	e := f.ep
	return &rss.GetEndpointAccessOutput{Endpoint: &e}, nil
}

func (f *fakeMoves) UpdateEndpointAccess(_ context.Context, in *rss.UpdateEndpointAccessInput, _ ...func(*rss.Options)) (*rss.UpdateEndpointAccessOutput, error) {
	f.ep.VpcSecurityGroups = nil
	for _, g := range in.VpcSecurityGroupIds {
		f.ep.VpcSecurityGroups = append(f.ep.VpcSecurityGroups, types.VpcSecurityGroupMembership{VpcSecurityGroupId: aws.String(g)})
	}
	f.ep.EndpointStatus = aws.String("MODIFYING")
	f.updates = append(f.updates, "ep "+strings.Join(in.VpcSecurityGroupIds, ","))
	return &rss.UpdateEndpointAccessOutput{}, nil
}

func TestMoversSwapOnlyTheDefaultGroupAndWaitForModifying(t *testing.T) {
	f := &fakeMoves{wg: types.Workgroup{WorkgroupName: aws.String("dw"), SecurityGroupIds: []string{"sg-web", "sg-def"}, Status: types.WorkgroupStatusAvailable},
		ep: types.EndpointAccess{EndpointName: aws.String("reports"), EndpointStatus: aws.String("ACTIVE"),
			VpcSecurityGroups: []types.VpcSecurityGroupMembership{{VpcSecurityGroupId: aws.String("sg-def")}}}}
	old := newAPI
	newAPI = func(aws.Config) MoveAPI { return f }
	t.Cleanup(func() { newAPI = old })
	ctx, cfg := context.Background(), aws.Config{}

	for _, c := range []struct {
		mv  svc.Mover
		id  string
		set func()
	}{{workgroupMover, "dw", func() { f.wg.Status = types.WorkgroupStatusAvailable }}, {endpointMover, "reports", func() { f.ep.EndpointStatus = aws.String("ACTIVE") }}} {
		r := svc.Resource{ID: c.id}
		ts, err := c.mv.Targets(ctx, cfg, r, "sg-def")
		if err != nil || len(ts) != 1 {
			t.Fatalf("%s targets %+v %v", c.id, ts, err)
		}
		if err := c.mv.Move(ctx, cfg, r, ts[0], "sg-def", "sg-new"); err != nil {
			t.Fatal(err)
		}
		if what, err := c.mv.Settled(ctx, cfg, r); err != nil || !strings.Contains(what, "MODIFYING") {
			t.Fatalf("%s settled %q %v", c.id, what, err)
		}
		c.set()
		if what, err := c.mv.Settled(ctx, cfg, r); err != nil || what != "" {
			t.Fatalf("%s settled %q %v", c.id, what, err)
		}
		if again, _ := c.mv.Targets(ctx, cfg, r, "sg-def"); len(again) != 0 {
			t.Fatalf("%s still a target", c.id)
		}
		if err := c.mv.Restore(ctx, cfg, r, ts[0]); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Join(f.updates, "; "); got != "wg sg-web,sg-new; wg sg-web,sg-def; ep sg-new; ep sg-def" {
		t.Fatalf("updates %s", got)
	}
}
