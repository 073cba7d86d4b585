package sfn

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeMachines serves one state machine a page and each one's definition.
type fakeMachines struct {
	names    []string
	defs     map[string]string   // name or name:version -> definition
	versions map[string][]string // name -> version numbers, one a page
}

func (f *fakeMachines) ListStateMachineVersions(_ context.Context, in *sfn.ListStateMachineVersionsInput, _ ...func(*sfn.Options)) (*sfn.ListStateMachineVersionsOutput, error) {
	name := strings.TrimPrefix(aws.ToString(in.StateMachineArn), "arn:")
	vs := f.versions[name]
	i := len(aws.ToString(in.NextToken))
	out := &sfn.ListStateMachineVersionsOutput{}
	if i < len(vs) {
		out.StateMachineVersions = []types.StateMachineVersionListItem{{StateMachineVersionArn: aws.String("arn:" + name + ":" + vs[i])}}
	}
	if i+1 < len(vs) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeMachines) ListStateMachines(_ context.Context, in *sfn.ListStateMachinesInput, _ ...func(*sfn.Options)) (*sfn.ListStateMachinesOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &sfn.ListStateMachinesOutput{StateMachines: []types.StateMachineListItem{{Name: aws.String(f.names[i]), StateMachineArn: aws.String("arn:" + f.names[i])}}}
	if i+1 < len(f.names) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeMachines) DescribeStateMachine(_ context.Context, in *sfn.DescribeStateMachineInput, _ ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error) {
	name := strings.TrimPrefix(aws.ToString(in.StateMachineArn), "arn:")
	def, ok := f.defs[name]
	if !ok {
		return nil, svctest.Unexpected("DescribeStateMachine " + name)
	}
	base, _, _ := strings.Cut(name, ":")
	return &sfn.DescribeStateMachineOutput{Name: aws.String(base), StateMachineArn: in.StateMachineArn, Definition: aws.String(def)}, nil
}

func task(resource, params string) string {
	return `{"Type": "Task", "Resource": "` + resource + `", "Parameters": ` + params + `, "End": true}`
}

func machine(states string) string { return `{"StartAt": "A", "States": {` + states + `}}` }

const awsvpc = `{"Cluster": "c", "TaskDefinition": "td", "LaunchType": "FARGATE", "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups": %s}}}`

func net(groups string) string { return strings.Replace(awsvpc, "%s", groups, 1) }

func TestStateMachinesFindECSTasksNamedUnnamedAndNested(t *testing.T) {
	f := &fakeMachines{
		names: []string{"named", "none", "nested", "web", "lambda", "sdk", "ec2-mode"},
		defs: map[string]string{
			"named": machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-x", "sg-def"]`))),
			// No SecurityGroups: the subnets' VPC default, resolved later.
			"none": machine(`"A": ` + task("arn:aws:states:::ecs:runTask", `{"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-2"]}}}`)),
			// In a Map's item processor inside a Parallel branch.
			"nested": machine(`"A": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
				"ItemProcessor": {"StartAt": "Run", "States": {"Run": ` + task("arn:aws:states:::ecs:runTask.waitForTaskToken", net(`["sg-def2"]`)) + `}}}}}]}`),
			"web":    machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-x"]`))),
			"lambda": machine(`"A": ` + task("arn:aws:states:::lambda:invoke", `{"FunctionName": "f"}`)),
			// JSONata Arguments and the SDK integration, in another partition.
			"sdk": `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws-cn:states:::aws-sdk:ecs:runTask", "End": true,
				"Arguments": {"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-3"], "SecurityGroups": ["sg-def"]}}}}}}`,
			// Bridge mode on EC2: no awsvpc configuration, no group.
			"ec2-mode": machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", `{"Cluster": "c", "TaskDefinition": "td"}`)),
		}}
	us, err := findStateMachines(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:named:latent subnets:subnet-2:none:latent sg-def2:nested:latent sg-def:sdk:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ARN != "arn:named" || us[0].ResourceKind != StateMachine || us[0].Change != usage.ChangeInPlace || !strings.Contains(us[0].Detail, "state A") {
		t.Fatalf("named: %+v", us[0])
	}
	if !strings.Contains(us[2].Detail, "state Run") {
		t.Fatalf("nested names the inner state: %+v", us[2])
	}
}

// A network chosen at run time could be a default group: the machines that
// could be read are kept, and the finder fails so coverage is unknown.
func TestStateMachinesNetworkChosenAtRunTimeIsUnknown(t *testing.T) {
	for name, def := range map[string]string{
		"path-groups":    machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", `{"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups.$": "$.groups"}}}`)),
		"path-network":   machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", `{"NetworkConfiguration.$": "$.net"}`)),
		"path-params":    machine(`"A": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "Parameters.$": "$", "End": true}`),
		"jsonata-groups": machine(`"A": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true, "Arguments": {"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups": "{% $states.input.groups %}"}}}}`),
		"path-subnets":   machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", `{"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets.$": "$.subnets"}}}`)),
		"not-json":       `{"StartAt": `,
	} {
		f := &fakeMachines{names: []string{"named", name}, defs: map[string]string{
			"named": machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-def"]`))), name: def}}
		us, err := findStateMachines(context.Background(), f, svctest.Target)
		if err == nil || !strings.Contains(err.Error(), "state machine "+name) {
			t.Errorf("%s: err %v", name, err)
		}
		if got := svctest.IDs(us); got != "sg-def:named:latent" {
			t.Errorf("%s: got %s", name, got)
		}
	}
}

// Groups named next to path-given subnets are known: only they matter.
func TestStateMachinesNamedGroupsWithPathSubnets(t *testing.T) {
	tasks, err := ecsTasks(machine(`"A": ` + task("arn:aws:states:::ecs:runTask", `{"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets.$": "$.s", "SecurityGroups": ["sg-def"]}}}`)))
	if err != nil || len(tasks) != 1 || tasks[0].Groups[0] != "sg-def" {
		t.Fatalf("tasks %+v, err %v", tasks, err)
	}
}

// A published version keeps the definition it was published with: an old
// one on the default group is a user though the latest moved off it.
func TestStateMachineVersionsAcrossPages(t *testing.T) {
	f := &fakeMachines{names: []string{"etl"},
		defs: map[string]string{
			"etl":   machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-x"]`))),
			"etl:1": machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-def"]`))),
			"etl:2": machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-x"]`))),
			"etl:3": machine(`"A": ` + task("arn:aws:states:::ecs:runTask.sync", net(`["sg-def2"]`))),
		},
		versions: map[string][]string{"etl": {"3", "2", "1"}}}
	us, err := findStateMachines(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def2:etl:3:latent sg-def:etl:1:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != Version || us[0].Change != usage.ChangeDeployment || us[0].ARN != "arn:etl:3" {
		t.Fatalf("version: %+v", us[0])
	}
}
