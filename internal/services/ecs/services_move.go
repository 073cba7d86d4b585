package ecs

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// serviceMover moves an awsvpc service's network configuration. ECS applies
// it by a new deployment that replaces the tasks; Settled waits for it.
var serviceMover = svc.Mover{
	API:  "ecs:UpdateService (starts a deployment)",
	ARNs: []string{"arn:aws:ecs:*:*:service/*"},
	IAM:  []string{"ecs:DescribeServices", "ecs:UpdateService"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		s, err := describeService(ctx, ecs.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		if vc := awsvpcOf(s); vc != nil {
			return svc.One(r.ID, vc.SecurityGroups, group), nil
		}
		return nil, nil
	},
	Move:    svc.SwapWith(setService),
	Restore: svc.RestoreWith(setService),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		s, err := describeService(ctx, ecs.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		for _, d := range s.Deployments {
			if aws.ToString(d.Status) != "PRIMARY" {
				continue
			}
			switch d.RolloutState {
			case types.DeploymentRolloutStateFailed:
				return "", svc.OpErr("ecs:UpdateService", &svc.SettleError{Reason: aws.ToString(d.RolloutStateReason)})
			case types.DeploymentRolloutStateInProgress:
				return fmt.Sprintf("deployment %s in progress (%d of %d tasks running)",
					aws.ToString(d.Id), d.RunningCount, d.DesiredCount), nil
			}
		}
		if len(s.Deployments) > 1 {
			return fmt.Sprintf("%d deployments still active", len(s.Deployments)), nil
		}
		return "", nil
	},
}

// splitService parses the usage id "cluster/service".
func splitService(id string) (cluster, service string) {
	cluster, service, ok := strings.Cut(id, "/")
	if !ok {
		return "", id
	}
	return cluster, service
}

func describeService(ctx context.Context, api *ecs.Client, id string) (types.Service, error) {
	cluster, name := splitService(id)
	out, err := api.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: []string{name}})
	if err != nil {
		return types.Service{}, svc.OpErr("ecs:DescribeServices", err)
	}
	if len(out.Services) == 0 {
		return types.Service{}, svc.OpErr("ecs:DescribeServices", svc.ErrNotFound)
	}
	return out.Services[0], nil
}

func awsvpcOf(s types.Service) *types.AwsVpcConfiguration {
	if s.NetworkConfiguration == nil {
		return nil
	}
	return s.NetworkConfiguration.AwsvpcConfiguration
}

// setService keeps the subnets and public-IP setting and sets the groups.
func setService(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := ecs.NewFromConfig(cfg)
	s, err := describeService(ctx, api, r.ID)
	if err != nil {
		return err
	}
	next := types.AwsVpcConfiguration{SecurityGroups: groups}
	if vc := awsvpcOf(s); vc != nil {
		next.Subnets, next.AssignPublicIp = vc.Subnets, vc.AssignPublicIp
	}
	cluster, name := splitService(r.ID)
	_, err = api.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String(cluster), Service: aws.String(name),
		NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &next}})
	return svc.OpErr("ecs:UpdateService", err)
}
