package e2e

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services"
	sfnsvc "github.com/defaultsg/defaultsg/internal/services/sfn"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// TestStepFunctionsMoverAgainstMoto moves and restores, against moto
// 5.2.1, a state machine whose ECS task names the default group: moto
// serves DescribeStateMachine and UpdateStateMachine, so the definition is
// changed there as in the simulator, and the restore must leave moto's
// definition text exactly as it was.
func TestStepFunctionsMoverAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	cfg, cx := awsx.StaticConfig(moto.URL, "us-east-1", moto.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	v := seedMotoVPC(t, cfg)
	def, web := v.Default, v.Web
	definition := `{
  "Comment": "keep <me> & my spacing",
  "StartAt": "Run",
  "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true,
    "Parameters": {"Cluster": "main", "NetworkConfiguration": {"AwsvpcConfiguration": {
      "Subnets": ["` + v.Subnets[0] + `"], "SecurityGroups": ["` + def + `", "` + web + `"]}}}}}
}`
	sf := sfn.NewFromConfig(cfg)
	m, err := sf.CreateStateMachine(cx, &sfn.CreateStateMachineInput{Name: str("etl"), Definition: str(definition),
		RoleArn: str("arn:aws:iam::123456789012:role/states")})
	check("CreateStateMachine", err)
	read := func() string {
		t.Helper()
		d, err := sf.DescribeStateMachine(cx, &sfn.DescribeStateMachineInput{StateMachineArn: m.StateMachineArn})
		check("DescribeStateMachine", err)
		return aws.ToString(d.Definition)
	}
	if read() != definition {
		t.Fatalf("moto changed the definition it was given:\n%s", read())
	}

	// moto 5.2.1 does not serve ListStateMachineVersions, so the finder
	// (and a plan) cannot run there: the registry's mover is run directly,
	// as apply runs it (Targets journaled, Move, then Restore).
	mv, ok := services.Mover(sfnsvc.StateMachine)
	if !ok {
		t.Fatal("no Step Functions mover")
	}
	res := svc.Resource{Kind: sfnsvc.StateMachine, ID: "etl", ARN: aws.ToString(m.StateMachineArn)}
	targets, err := mv.Targets(cx, cfg, res, def)
	if err != nil || len(targets) != 1 || targets[0].Document != definition {
		t.Fatalf("targets %+v, %v", targets, err)
	}
	const repl = "sg-0000000000000000a"
	for _, tg := range targets {
		if err := mv.Move(cx, cfg, res, tg, def, repl); err != nil {
			t.Fatal(err)
		}
	}
	after := read()
	mustContain(t, "definition after the move", after, `"SecurityGroups":["`+repl+`","`+web+`"]`, `"Comment":"keep <me> & my spacing"`)
	if strings.Contains(after, def) {
		t.Fatalf("the definition still names %s:\n%s", def, after)
	}
	if again, err := mv.Targets(cx, cfg, res, def); err != nil || len(again) != 0 {
		t.Fatalf("after the move: targets %+v, %v", again, err)
	}
	for _, tg := range targets {
		if err := mv.Restore(cx, cfg, res, tg); err != nil {
			t.Fatal(err)
		}
	}
	if back := read(); back != definition {
		t.Fatalf("rollback left\n%s\nwant\n%s", back, definition)
	}
}
