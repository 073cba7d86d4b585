package lambda

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// mappingMover moves a self-managed Kafka event source mapping with
// UpdateEventSourceMapping SourceAccessConfigurations, which replaces the
// whole list: the setter reads the mapping again just before the call and
// sends every entry back (the subnets, the authentication secrets) with
// only the VPC_SECURITY_GROUP entries changed. Lambda's pollers reconnect
// with the new groups; Settled waits for the mapping to leave Updating. A
// mapping naming subnets and no group runs in their VPC's default group
// and gets the replacement alone.
var mappingMover = svc.Mover{
	API:  "lambda:UpdateEventSourceMapping",
	ARNs: []string{"arn:aws:lambda:*:*:event-source-mapping:*"},
	IAM:  append([]string{"lambda:GetEventSourceMapping", "lambda:UpdateEventSourceMapping"}, svc.NoGroupIAM...),
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		m, err := getMapping(ctx, lambda.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		groups, subnets := accessOf(m.SourceAccessConfigurations)
		if len(groups) == 0 && len(subnets) > 0 {
			in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), subnets, group)
			if err != nil || !in {
				return nil, err
			}
			return []svc.Target{{ID: r.ID, Groups: []string{}}}, nil
		}
		return svc.One(r.ID, groups, group), nil
	},
	Move: svc.FillOrSwapWith(func(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
		return setMappingGroups(ctx, lambda.NewFromConfig(cfg), r.ID, groups)
	}),
	Restore: svc.RestoreWith(func(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
		return setMappingGroups(ctx, lambda.NewFromConfig(cfg), r.ID, groups)
	}),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		m, err := getMapping(ctx, lambda.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch s := aws.ToString(m.State); s {
		case "Enabled", "Disabled":
			return "", nil
		default:
			return "state " + s, nil
		}
	},
}

// MappingAPI is what the mover's setter calls; *lambda.Client satisfies it.
type MappingAPI interface {
	GetEventSourceMapping(context.Context, *lambda.GetEventSourceMappingInput, ...func(*lambda.Options)) (*lambda.GetEventSourceMappingOutput, error)
	UpdateEventSourceMapping(context.Context, *lambda.UpdateEventSourceMappingInput, ...func(*lambda.Options)) (*lambda.UpdateEventSourceMappingOutput, error)
}

func getMapping(ctx context.Context, api MappingAPI, uuid string) (*lambda.GetEventSourceMappingOutput, error) {
	out, err := api.GetEventSourceMapping(ctx, &lambda.GetEventSourceMappingInput{UUID: aws.String(uuid)})
	return out, svc.OpErr("lambda:GetEventSourceMapping", err)
}

// accessOf reads the group ids and subnet ids of SourceAccessConfigurations.
func accessOf(access []types.SourceAccessConfiguration) (groups, subnets []string) {
	for _, a := range access {
		switch uri := aws.ToString(a.URI); a.Type {
		case types.SourceAccessTypeVpcSecurityGroup:
			groups = append(groups, strings.TrimPrefix(uri, "security_group:"))
		case types.SourceAccessTypeVpcSubnet:
			subnets = append(subnets, strings.TrimPrefix(uri, "subnet:"))
		}
	}
	return groups, subnets
}

// setMappingGroups reads the mapping again and sends its whole
// SourceAccessConfigurations back with the group entries replaced by
// groups, where the first of them stood (at the end when there was none).
func setMappingGroups(ctx context.Context, api MappingAPI, uuid string, groups []string) error {
	m, err := getMapping(ctx, api, uuid)
	if err != nil {
		return err
	}
	_, err = api.UpdateEventSourceMapping(ctx, &lambda.UpdateEventSourceMappingInput{UUID: aws.String(uuid),
		SourceAccessConfigurations: withGroups(m.SourceAccessConfigurations, groups)})
	return svc.OpErr("lambda:UpdateEventSourceMapping", err)
}

func withGroups(access []types.SourceAccessConfiguration, groups []string) []types.SourceAccessConfiguration {
	entries := make([]types.SourceAccessConfiguration, 0, len(groups))
	for _, g := range groups {
		entries = append(entries, types.SourceAccessConfiguration{Type: types.SourceAccessTypeVpcSecurityGroup, URI: aws.String("security_group:" + g)})
	}
	out := make([]types.SourceAccessConfiguration, 0, len(access)+len(groups))
	placed := false
	for _, a := range access {
		if a.Type != types.SourceAccessTypeVpcSecurityGroup {
			out = append(out, a)
		} else if !placed {
			out, placed = append(out, entries...), true
		}
	}
	if !placed {
		out = append(out, entries...)
	}
	return out
}
