package pipes

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	"github.com/aws/aws-sdk-go-v2/service/pipes/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// pipeMover moves a pipe's ECS task target with UpdatePipe. UpdatePipe
// changes only the fields a request names, except that a service-specific
// object such as TargetParameters.EcsTaskParameters is replaced whole: the
// setter sends the pipe's TargetParameters back as read, only the awsvpc
// groups changed, with the RoleArn (required; iam:PassRole) and Target it
// has. The pipe is UPDATING until the change is in effect. A target naming
// no group runs in its subnets' default group and gets the replacement
// alone.
var pipeMover = svc.Mover{
	API:        "pipes:UpdatePipe",
	ARNs:       []string{"arn:aws:pipes:*:*:pipe/*"},
	IAM:        append([]string{"pipes:DescribePipe", "pipes:UpdatePipe"}, svc.NoGroupIAM...),
	PassRoleTo: "pipes.amazonaws.com",
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		p, err := describePipe(ctx, pipes.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		v := awsvpcOf(p.TargetParameters)
		switch {
		case v == nil:
			return nil, nil
		case len(v.SecurityGroups) > 0:
			return svc.One(r.ID, v.SecurityGroups, group), nil
		}
		in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), v.Subnets, group)
		if err != nil || !in {
			return nil, err
		}
		return []svc.Target{{ID: r.ID, Groups: []string{}}}, nil
	},
	Move:    svc.FillOrSwapWith(setPipe),
	Restore: svc.RestoreWith(setPipe),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		p, err := describePipe(ctx, pipes.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch p.CurrentState {
		case types.PipeStateUpdating:
			return "pipe " + string(p.CurrentState), nil
		case types.PipeStateUpdateFailed, types.PipeStateUpdateRollbackFailed:
			return "", svc.OpErr("pipes:UpdatePipe", &svc.SettleError{Reason: string(p.CurrentState) + ": " + aws.ToString(p.StateReason)})
		}
		return "", nil
	},
}

// PipeAPI is what the mover calls; *pipes.Client satisfies it.
type PipeAPI interface {
	DescribePipe(context.Context, *pipes.DescribePipeInput, ...func(*pipes.Options)) (*pipes.DescribePipeOutput, error)
	UpdatePipe(context.Context, *pipes.UpdatePipeInput, ...func(*pipes.Options)) (*pipes.UpdatePipeOutput, error)
}

func describePipe(ctx context.Context, api PipeAPI, name string) (*pipes.DescribePipeOutput, error) {
	out, err := api.DescribePipe(ctx, &pipes.DescribePipeInput{Name: aws.String(name)})
	return out, svc.OpErr("pipes:DescribePipe", err)
}

func awsvpcOf(tp *types.PipeTargetParameters) *types.AwsVpcConfiguration {
	if tp != nil && tp.EcsTaskParameters != nil && tp.EcsTaskParameters.NetworkConfiguration != nil {
		return tp.EcsTaskParameters.NetworkConfiguration.AwsvpcConfiguration
	}
	return nil
}

func setPipe(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	return updatePipeGroups(ctx, pipes.NewFromConfig(cfg), r.ID, groups)
}

func updatePipeGroups(ctx context.Context, api PipeAPI, name string, groups []string) error {
	p, err := describePipe(ctx, api, name)
	if err != nil {
		return err
	}
	if awsvpcOf(p.TargetParameters) == nil {
		return svc.OpErr("pipes:DescribePipe", svc.ErrNotFound)
	}
	tp := *p.TargetParameters
	ecs := *tp.EcsTaskParameters
	net := *ecs.NetworkConfiguration
	vpc := *net.AwsvpcConfiguration
	vpc.SecurityGroups = append([]string{}, groups...) // [] (not omitted) for a target that names no group
	net.AwsvpcConfiguration, ecs.NetworkConfiguration, tp.EcsTaskParameters = &vpc, &net, &ecs
	_, err = api.UpdatePipe(ctx, &pipes.UpdatePipeInput{Name: p.Name, RoleArn: p.RoleArn, Target: p.Target, TargetParameters: &tp})
	return svc.OpErr("pipes:UpdatePipe", err)
}
