package scheduler

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/aws-sdk-go-v2/service/scheduler/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// scheduleMover moves a schedule's ECS task target with UpdateSchedule,
// which "uses all values, including empty values, specified in the request
// and overrides the existing schedule": the setter reads the schedule
// again and sends every field back, only the awsvpc groups changed. The
// next task it runs gets them; nothing is pending. A StartDate is sent back
// as read: dropping it would re-anchor a rate schedule, so if AWS refuses a
// past one the schedule is left unchanged and the error reported. The
// target's RoleArn goes back too, which needs iam:PassRole. A target naming
// no group runs in its subnets' default group and gets the replacement
// alone.
var scheduleMover = svc.Mover{
	API:        "scheduler:UpdateSchedule",
	ARNs:       []string{"arn:aws:scheduler:*:*:schedule/*/*"},
	IAM:        append([]string{"scheduler:GetSchedule", "scheduler:UpdateSchedule"}, svc.NoGroupIAM...),
	PassRoleTo: "scheduler.amazonaws.com",
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		s, err := getSchedule(ctx, scheduler.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return awsvpcTargets(ctx, cfg, r.ID, awsvpcOf(s.Target), group)
	},
	Move:    svc.FillOrSwapWith(setSchedule),
	Restore: svc.RestoreWith(setSchedule),
}

// ScheduleAPI is what the mover calls; *scheduler.Client satisfies it.
type ScheduleAPI interface {
	GetSchedule(context.Context, *scheduler.GetScheduleInput, ...func(*scheduler.Options)) (*scheduler.GetScheduleOutput, error)
	UpdateSchedule(context.Context, *scheduler.UpdateScheduleInput, ...func(*scheduler.Options)) (*scheduler.UpdateScheduleOutput, error)
}

// splitSchedule parses the usage id "name" (default group) or
// "group/name"; neither name may hold a "/".
func splitSchedule(id string) (group, name string) {
	if g, n, ok := strings.Cut(id, "/"); ok {
		return g, n
	}
	return "default", id
}

func getSchedule(ctx context.Context, api ScheduleAPI, id string) (*scheduler.GetScheduleOutput, error) {
	group, name := splitSchedule(id)
	out, err := api.GetSchedule(ctx, &scheduler.GetScheduleInput{Name: aws.String(name), GroupName: aws.String(group)})
	return out, svc.OpErr("scheduler:GetSchedule", err)
}

func awsvpcOf(t *types.Target) *types.AwsVpcConfiguration {
	if t != nil && t.EcsParameters != nil && t.EcsParameters.NetworkConfiguration != nil {
		return t.EcsParameters.NetworkConfiguration.AwsvpcConfiguration
	}
	return nil
}

// awsvpcTargets is the group list of v to move off group: v's groups, or
// an empty list when v names none and runs in group.
func awsvpcTargets(ctx context.Context, cfg aws.Config, id string, v *types.AwsVpcConfiguration, group string) ([]svc.Target, error) {
	if v == nil {
		return nil, nil
	}
	if len(v.SecurityGroups) > 0 {
		return svc.One(id, v.SecurityGroups, group), nil
	}
	in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), v.Subnets, group)
	if err != nil || !in {
		return nil, err
	}
	return []svc.Target{{ID: id, Groups: []string{}}}, nil
}

func setSchedule(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	return updateScheduleGroups(ctx, scheduler.NewFromConfig(cfg), r.ID, groups)
}

func updateScheduleGroups(ctx context.Context, api ScheduleAPI, id string, groups []string) error {
	s, err := getSchedule(ctx, api, id)
	if err != nil {
		return err
	}
	if awsvpcOf(s.Target) == nil {
		return svc.OpErr("scheduler:GetSchedule", svc.ErrNotFound)
	}
	_, err = api.UpdateSchedule(ctx, scheduleInput(s, groups))
	return svc.OpErr("scheduler:UpdateSchedule", err)
}

// scheduleInput is s as an UpdateSchedule input, every field kept, with
// groups as its target's awsvpc groups; s is not changed.
func scheduleInput(s *scheduler.GetScheduleOutput, groups []string) *scheduler.UpdateScheduleInput {
	tg := *s.Target
	ecs := *tg.EcsParameters
	net := *ecs.NetworkConfiguration
	vpc := *net.AwsvpcConfiguration
	vpc.SecurityGroups = append([]string{}, groups...) // [] (not omitted) for a target that names no group
	net.AwsvpcConfiguration, ecs.NetworkConfiguration, tg.EcsParameters = &vpc, &net, &ecs
	return &scheduler.UpdateScheduleInput{Name: s.Name, GroupName: s.GroupName, Target: &tg,
		FlexibleTimeWindow: s.FlexibleTimeWindow, ScheduleExpression: s.ScheduleExpression,
		ScheduleExpressionTimezone: s.ScheduleExpressionTimezone, StartDate: s.StartDate, EndDate: s.EndDate,
		State: s.State, Description: s.Description, KmsKeyArn: s.KmsKeyArn, ActionAfterCompletion: s.ActionAfterCompletion}
}
