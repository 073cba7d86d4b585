package movers

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// ECSServices moves an awsvpc service's network configuration. ECS applies
// it by a new deployment that replaces the tasks; Settled waits for it.
var ECSServices = Mover{
	Types: []string{"ECS service"},
	API:   "ecs:UpdateService (starts a deployment)",
	IAM:   []string{"ecs:DescribeServices", "ecs:UpdateService"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		svc, err := describeService(ctx, ecs.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		if vc := awsvpcOf(svc); vc != nil {
			return one(r.ID, vc.SecurityGroups, group), nil
		}
		return nil, nil
	},
	Move:    swapWith(setService),
	Restore: restoreWith(setService),
	Settled: func(ctx context.Context, cfg aws.Config, r Resource) (string, error) {
		svc, err := describeService(ctx, ecs.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		for _, d := range svc.Deployments {
			if aws.ToString(d.Status) != "PRIMARY" {
				continue
			}
			switch d.RolloutState {
			case types.DeploymentRolloutStateFailed:
				return "", opErr("ecs:UpdateService", &settleError{aws.ToString(d.RolloutStateReason)})
			case types.DeploymentRolloutStateInProgress:
				return fmt.Sprintf("deployment %s in progress (%d of %d tasks running)",
					aws.ToString(d.Id), d.RunningCount, d.DesiredCount), nil
			}
		}
		if len(svc.Deployments) > 1 {
			return fmt.Sprintf("%d deployments still active", len(svc.Deployments)), nil
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
		return types.Service{}, opErr("ecs:DescribeServices", err)
	}
	if len(out.Services) == 0 {
		return types.Service{}, opErr("ecs:DescribeServices", ErrNotFound)
	}
	return out.Services[0], nil
}

func awsvpcOf(svc types.Service) *types.AwsVpcConfiguration {
	if svc.NetworkConfiguration == nil {
		return nil
	}
	return svc.NetworkConfiguration.AwsvpcConfiguration
}

// setService keeps the subnets and public-IP setting and sets the groups.
func setService(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
	api := ecs.NewFromConfig(cfg)
	svc, err := describeService(ctx, api, r.ID)
	if err != nil {
		return err
	}
	next := types.AwsVpcConfiguration{SecurityGroups: groups}
	if vc := awsvpcOf(svc); vc != nil {
		next.Subnets, next.AssignPublicIp = vc.Subnets, vc.AssignPublicIp
	}
	cluster, name := splitService(r.ID)
	_, err = api.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String(cluster), Service: aws.String(name),
		NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &next}})
	return opErr("ecs:UpdateService", err)
}
