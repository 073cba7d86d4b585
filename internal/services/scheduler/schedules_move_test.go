package scheduler

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/aws-sdk-go-v2/service/scheduler/types"
)

type fakeSchedules struct {
	s       scheduler.GetScheduleOutput
	got     []string
	updates []*scheduler.UpdateScheduleInput
}

func (f *fakeSchedules) GetSchedule(_ context.Context, in *scheduler.GetScheduleInput, _ ...func(*scheduler.Options)) (*scheduler.GetScheduleOutput, error) {
	f.got = append(f.got, aws.ToString(in.GroupName)+"/"+aws.ToString(in.Name))
	s := f.s
	return &s, nil
}

func (f *fakeSchedules) UpdateSchedule(_ context.Context, in *scheduler.UpdateScheduleInput, _ ...func(*scheduler.Options)) (*scheduler.UpdateScheduleOutput, error) {
	f.updates = append(f.updates, in)
	return &scheduler.UpdateScheduleOutput{}, nil
}

func fullSchedule(groups ...string) scheduler.GetScheduleOutput {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	return scheduler.GetScheduleOutput{Name: aws.String("nightly"), GroupName: aws.String("jobs"),
		Arn: aws.String("arn:aws:scheduler:eu-west-1:111111111111:schedule/jobs/nightly"), CreationDate: &at, LastModificationDate: &at,
		ActionAfterCompletion: types.ActionAfterCompletionNone, Description: aws.String("nightly export"), StartDate: &at, EndDate: &at,
		FlexibleTimeWindow: &types.FlexibleTimeWindow{Mode: types.FlexibleTimeWindowModeFlexible, MaximumWindowInMinutes: aws.Int32(15)},
		KmsKeyArn:          aws.String("arn:aws:kms:eu-west-1:111111111111:key/k"), ScheduleExpression: aws.String("cron(0 2 * * ? *)"),
		ScheduleExpressionTimezone: aws.String("Europe/Paris"), State: types.ScheduleStateEnabled,
		Target: &types.Target{Arn: aws.String("arn:aws:ecs:eu-west-1:111111111111:cluster/main"), RoleArn: aws.String("arn:aws:iam::111111111111:role/sched"),
			Input: aws.String("{}"), RetryPolicy: &types.RetryPolicy{MaximumRetryAttempts: aws.Int32(2)},
			EcsParameters: &types.EcsParameters{TaskDefinitionArn: aws.String("arn:aws:ecs:eu-west-1:111111111111:task-definition/job:4"),
				TaskCount: aws.Int32(1), LaunchType: types.LaunchTypeFargate,
				NetworkConfiguration: &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{
					Subnets: []string{"subnet-1"}, SecurityGroups: groups, AssignPublicIp: types.AssignPublicIpDisabled}}}}}
}

// UpdateSchedule overrides the schedule with every value of the request,
// empty ones included: everything read goes back, only the groups change.
func TestUpdateScheduleSendsTheWholeScheduleBack(t *testing.T) {
	f := &fakeSchedules{s: fullSchedule("sg-web", "sg-def")}
	if err := updateScheduleGroups(context.Background(), f, "jobs/nightly", []string{"sg-web", "sg-new"}); err != nil {
		t.Fatal(err)
	}
	if len(f.updates) != 1 || f.got[0] != "jobs/nightly" {
		t.Fatalf("got %v, %d updates", f.got, len(f.updates))
	}
	in := f.updates[0]
	want := fullSchedule("sg-web", "sg-new")
	if !reflect.DeepEqual(in.Target, want.Target) || aws.ToString(in.GroupName) != "jobs" || aws.ToString(in.Name) != "nightly" {
		t.Fatalf("sent %+v", in)
	}
	if g := f.s.Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups; !reflect.DeepEqual(g, []string{"sg-web", "sg-def"}) {
		t.Fatalf("the read schedule was changed in place: %v", g)
	}
	// Every settable field is copied, and every field GetSchedule returns
	// is either settable or known to be read-only: a field the SDK adds
	// fails here before a move drops it.
	readOnly := map[string]bool{"Arn": true, "CreationDate": true, "LastModificationDate": true, "ResultMetadata": true}
	iv, ot := reflect.ValueOf(*in), reflect.TypeOf(want)
	for i := 0; i < iv.NumField(); i++ {
		if f := iv.Type().Field(i); f.IsExported() && f.Name != "ClientToken" && iv.Field(i).IsZero() {
			t.Errorf("UpdateScheduleInput.%s is not copied", f.Name)
		}
	}
	for i := 0; i < ot.NumField(); i++ {
		if f := ot.Field(i); f.IsExported() && !readOnly[f.Name] {
			if _, ok := iv.Type().FieldByName(f.Name); !ok {
				t.Errorf("GetScheduleOutput.%s has no UpdateScheduleInput field", f.Name)
			}
		}
	}
}

func TestSplitSchedule(t *testing.T) {
	if g, n := splitSchedule("nightly"); g+"|"+n != "default|nightly" {
		t.Errorf("%s|%s", g, n)
	}
	if g, n := splitSchedule("jobs/nightly"); g+"|"+n != "jobs|nightly" {
		t.Errorf("%s|%s", g, n)
	}
}
