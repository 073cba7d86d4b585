package sfn

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

type fakeDefinitions struct {
	def     string
	updates []string
}

func (f *fakeDefinitions) DescribeStateMachine(_ context.Context, in *sfn.DescribeStateMachineInput, _ ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error) {
	return &sfn.DescribeStateMachineOutput{StateMachineArn: in.StateMachineArn, Definition: aws.String(f.def)}, nil
}

func (f *fakeDefinitions) UpdateStateMachine(_ context.Context, in *sfn.UpdateStateMachineInput, _ ...func(*sfn.Options)) (*sfn.UpdateStateMachineOutput, error) {
	if in.RoleArn != nil || in.Publish || in.LoggingConfiguration != nil {
		panic("the mover sends the definition only")
	}
	f.def = aws.ToString(in.Definition)
	f.updates = append(f.updates, f.def)
	return &sfn.UpdateStateMachineOutput{}, nil
}

// original has two ECS Task states in the default group — one naming it in
// a Parallel branch, one naming no group — plus content the mover must
// keep: big and exact numbers, "<" and "&", a JSONPath parameter, a Lambda
// task, spacing that only the recorded text keeps.
const original = `{
  "Comment": "nightly <export> & load",
  "StartAt": "Fan",
  "TimeoutSeconds": 12345678901234567890,
  "States": {
    "Fan": {"Type": "Parallel", "Next": "Bare", "Branches": [{"StartAt": "Run", "States": {"Run": {
      "Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true, "HeartbeatSeconds": 1.50,
      "Parameters": {"Cluster": "main", "TaskDefinition": "job:4", "Overrides.$": "$.overrides",
        "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups": ["sg-web", "sg-def"], "AssignPublicIp": "DISABLED"}}}}}}]},
    "Bare": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "Next": "Notify",
      "Parameters": {"Cluster": "main", "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-2"]}}}},
    "Notify": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "notify"}, "End": true}
  }
}`

var nightly = svc.Resource{Kind: StateMachine, ID: "nightly", ARN: "arn:aws:states:eu-west-1:111111111111:stateMachine:nightly"}

func targetsOf(t *testing.T, def string) []svc.Target {
	t.Helper()
	ts, err := definitionTargets(def, "sg-def", func(subnets []string) (bool, error) { return subnets[0] == "subnet-2", nil })
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestStateMachineMoveChangesOnlyTheGroupsAndRollbackIsExact(t *testing.T) {
	for _, order := range []string{"forward", "reverse"} {
		t.Run(order, func(t *testing.T) {
			f := &fakeDefinitions{def: original}
			ts := targetsOf(t, original)
			if len(ts) != 2 || ts[0].ID != "/States/Bare" || len(ts[0].Groups) != 0 || ts[1].ID != "/States/Fan/Branches/0/States/Run" ||
				strings.Join(ts[1].Groups, ",") != "sg-web,sg-def" || ts[0].Document != original {
				t.Fatalf("targets %+v", ts)
			}
			ctx := context.Background()
			for _, tg := range ts {
				groups := []string{"sg-new"}
				if len(tg.Groups) > 0 {
					groups, _ = svc.Swap(tg.Groups, "sg-def", "sg-new")
				}
				if err := setStateGroups(ctx, f, nightly, tg.ID, groups); err != nil {
					t.Fatal(err)
				}
			}
			if len(f.updates) != 2 {
				t.Fatalf("%d updates", len(f.updates))
			}
			moved := f.def
			for _, want := range []string{`"SecurityGroups":["sg-web","sg-new"]`, `"SecurityGroups":["sg-new"],"Subnets":["subnet-2"]`,
				`12345678901234567890`, `"HeartbeatSeconds":1.50`, `"nightly <export> & load"`, `"Overrides.$":"$.overrides"`, `"FunctionName":"notify"`} {
				if !strings.Contains(strings.ReplaceAll(moved, `"AssignPublicIp":"DISABLED",`, ""), want) {
					t.Errorf("moved definition lacks %s:\n%s", want, moved)
				}
			}
			if targetsOf(t, moved) != nil {
				t.Errorf("the moved definition still has targets")
			}
			// Again: nothing to change, no call.
			if err := setStateGroups(ctx, f, nightly, ts[1].ID, []string{"sg-web", "sg-new"}); err != nil || len(f.updates) != 2 {
				t.Fatalf("an unchanged state was sent again: %v, %d updates", err, len(f.updates))
			}

			if order == "reverse" {
				ts[0], ts[1] = ts[1], ts[0]
			}
			for _, tg := range ts {
				if err := restoreDefinition(ctx, f, nightly, tg); err != nil {
					t.Fatal(err)
				}
			}
			if f.def != original {
				t.Fatalf("rollback left\n%s\nwant\n%s", f.def, original)
			}
			// A second rollback calls nothing.
			n := len(f.updates)
			for _, tg := range ts {
				if err := restoreDefinition(ctx, f, nightly, tg); err != nil {
					t.Fatal(err)
				}
			}
			if len(f.updates) != n {
				t.Fatalf("a second rollback sent %d updates", len(f.updates)-n)
			}
		})
	}
}

// A state another edit removed, or whose network became computed at run
// time, is an error, never a guess.
func TestStateMachineMoveRefusesAStateThatChanged(t *testing.T) {
	f := &fakeDefinitions{def: `{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`}
	err := setStateGroups(context.Background(), f, nightly, "/States/Run", []string{"sg-new"})
	if err == nil || !strings.Contains(err.Error(), "no ECS task network at /States/Run") || len(f.updates) != 0 {
		t.Fatalf("got %v, %d updates", err, len(f.updates))
	}
	f.def = `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true,"Parameters":{"NetworkConfiguration.$":"$.net"}}}}`
	if err := setStateGroups(context.Background(), f, nightly, "/States/Run", []string{"sg-new"}); err == nil || len(f.updates) != 0 {
		t.Fatalf("a computed network was edited: %v", err)
	}
}

func TestPointerEscapesStateNames(t *testing.T) {
	def := `{"StartAt":"a/b~c","States":{"a/b~c":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true,
		"Parameters":{"NetworkConfiguration":{"AwsvpcConfiguration":{"Subnets":["s"],"SecurityGroups":["sg-def"]}}}}}}`
	ts := targetsOf(t, def)
	if len(ts) != 1 || ts[0].ID != "/States/a~1b~0c" {
		t.Fatalf("targets %+v", ts)
	}
	f := &fakeDefinitions{def: def}
	if err := setStateGroups(context.Background(), f, nightly, ts[0].ID, []string{"sg-new"}); err != nil || !strings.Contains(f.def, `["sg-new"]`) {
		t.Fatalf("%v %s", err, f.def)
	}
}
