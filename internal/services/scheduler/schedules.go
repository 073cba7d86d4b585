package scheduler

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// SchedulerAPI is what the EventBridge Scheduler finder calls.
type SchedulerAPI interface {
	scheduler.ListSchedulesAPIClient
	GetSchedule(ctx context.Context, in *scheduler.GetScheduleInput, opts ...func(*scheduler.Options)) (*scheduler.GetScheduleOutput, error)
}

// Schedules finds EventBridge Scheduler schedules, in every
// schedule group, whose ECS task target runs in a default group, named or
// (an empty list) as the subnets' VPC default. Like EventBridge rules, the
// task exists only when the schedule fires.
var Schedules = usage.Finder{
	Name:    "scheduler-schedules",
	Service: "scheduler",
	Reads:   "ECS targets of EventBridge Scheduler schedules: Target.EcsParameters.NetworkConfiguration.awsvpcConfiguration.SecurityGroups (ListSchedules, GetSchedule)",
	IAM:     []string{"scheduler:ListSchedules", "scheduler:GetSchedule", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{Schedule},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findSchedules(ctx, scheduler.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findSchedules(ctx context.Context, api SchedulerAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := scheduler.NewListSchedulesPaginator(api, &scheduler.ListSchedulesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.Schedules {
			res, err := api.GetSchedule(ctx, &scheduler.GetScheduleInput{Name: s.Name, GroupName: s.GroupName})
			if err != nil {
				return out, err
			}
			if res.Target == nil || res.Target.EcsParameters == nil || res.Target.EcsParameters.NetworkConfiguration == nil ||
				res.Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration == nil {
				continue
			}
			vpc := res.Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration
			id := aws.ToString(res.Name)
			if g := aws.ToString(res.GroupName); g != "" && g != "default" {
				id = g + "/" + id
			}
			base := usage.Usage{Kind: usage.KindLatent, ResourceKind: Schedule,
				ResourceID: id, ARN: aws.ToString(res.Arn),
				Detail: "runs an ECS task in " + aws.ToString(res.Target.Arn) + " when the schedule fires",
				Change: usage.ChangeInPlace}
			out = append(out, svc.AwsvpcUsers(t, vpc.SecurityGroups, vpc.Subnets, base)...)
		}
	}
	return out, nil
}
