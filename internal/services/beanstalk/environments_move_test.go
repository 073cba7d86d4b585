package beanstalk

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	eb "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeEnvMoves is one environment "web" of application "app": its option
// values by "namespace/option", its status, and every update. An update
// leaves it Updating for pending reads, and one while Updating is refused
// as Beanstalk refuses it.
type fakeEnvMoves struct {
	opts    map[string]string
	status  string
	pending int
	updates []string
	reads   int
}

func (f *fakeEnvMoves) DescribeEnvironments(_ context.Context, in *eb.DescribeEnvironmentsInput, _ ...func(*eb.Options)) (*eb.DescribeEnvironmentsOutput, error) {
	f.reads++
	if len(in.EnvironmentNames) != 1 || in.EnvironmentNames[0] != "web" {
		return &eb.DescribeEnvironmentsOutput{}, nil
	}
	if f.pending > 0 {
		f.pending--
		if f.pending == 0 {
			f.status = "Ready"
		}
	}
	return &eb.DescribeEnvironmentsOutput{Environments: []ebtypes.EnvironmentDescription{{EnvironmentName: aws.String("web"),
		ApplicationName: aws.String("app"), Status: ebtypes.EnvironmentStatus(f.status)}}}, nil
}

func (f *fakeEnvMoves) DescribeConfigurationSettings(_ context.Context, in *eb.DescribeConfigurationSettingsInput, _ ...func(*eb.Options)) (*eb.DescribeConfigurationSettingsOutput, error) {
	if aws.ToString(in.ApplicationName) != "app" || aws.ToString(in.EnvironmentName) != "web" {
		return nil, svctest.Unexpected("DescribeConfigurationSettings of another environment")
	}
	var os []ebtypes.ConfigurationOptionSetting
	for k, v := range f.opts {
		ns, name, _ := strings.Cut(k, "/")
		os = append(os, ebtypes.ConfigurationOptionSetting{Namespace: aws.String(ns), OptionName: aws.String(name), Value: aws.String(v),
			ResourceName: aws.String("AWSEBResource")})
	}
	return &eb.DescribeConfigurationSettingsOutput{ConfigurationSettings: []ebtypes.ConfigurationSettingsDescription{
		{DeploymentStatus: ebtypes.ConfigurationDeploymentStatusDeployed, OptionSettings: os}}}, nil
}

func (f *fakeEnvMoves) UpdateEnvironment(_ context.Context, in *eb.UpdateEnvironmentInput, _ ...func(*eb.Options)) (*eb.UpdateEnvironmentOutput, error) {
	if f.status != "Ready" {
		return nil, &smithy.GenericAPIError{Code: "InvalidParameterValue",
			Message: "Environment named web is in an invalid state for this operation. Must be Ready."}
	}
	if aws.ToString(in.EnvironmentName) != "web" || len(in.OptionSettings) != 1 || in.TemplateName != nil || in.VersionLabel != nil {
		return nil, svctest.Unexpected("UpdateEnvironment other than one option of web")
	}
	o := in.OptionSettings[0]
	key := aws.ToString(o.Namespace) + "/" + aws.ToString(o.OptionName)
	f.opts[key] = aws.ToString(o.Value)
	f.updates = append(f.updates, key+"="+aws.ToString(o.Value))
	f.status, f.pending = "Updating", 2
	return &eb.UpdateEnvironmentOutput{Status: ebtypes.EnvironmentStatusUpdating}, nil
}

// fakeDefaultVPC has the default VPC vpc-d, whose default group is sg-def.
type fakeDefaultVPC struct{ calls int }

func (f *fakeDefaultVPC) DescribeVpcs(_ context.Context, in *ec2.DescribeVpcsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error) {
	f.calls++
	if len(in.Filters) != 1 || aws.ToString(in.Filters[0].Name) != "is-default" {
		return nil, svctest.Unexpected("DescribeVpcs other than the default VPC")
	}
	return &ec2.DescribeVpcsOutput{Vpcs: []ec2types.Vpc{{VpcId: aws.String("vpc-d")}}}, nil
}

func (f *fakeDefaultVPC) DescribeSecurityGroups(_ context.Context, in *ec2.DescribeSecurityGroupsInput, _ ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error) {
	f.calls++
	want := map[string]string{"vpc-id": "vpc-d", "group-name": "default"}
	for _, fl := range in.Filters {
		if len(fl.Values) != 1 || want[aws.ToString(fl.Name)] != fl.Values[0] {
			return nil, svctest.Unexpected("DescribeSecurityGroups other than vpc-d's default group")
		}
	}
	return &ec2.DescribeSecurityGroupsOutput{SecurityGroups: []ec2types.SecurityGroup{{GroupId: aws.String("sg-def")}}}, nil
}

func withFakes(t *testing.T, f *fakeEnvMoves, g *fakeDefaultVPC) {
	oldEB, oldEC2, oldWait, oldPoll := newMoveAPI, newGroupAPI, readyWait, readyPoll
	newMoveAPI = func(aws.Config) EnvironmentMoveAPI { return f }
	newGroupAPI = func(aws.Config) GroupNameAPI { return g }
	readyWait, readyPoll = time.Second, time.Millisecond
	t.Cleanup(func() { newMoveAPI, newGroupAPI, readyWait, readyPoll = oldEB, oldEC2, oldWait, oldPoll })
}

func TestEnvironmentMoverSwapsOnlyTheDefaultGroupOptionByOptionAndRestoresExactly(t *testing.T) {
	const (
		inst = "aws:autoscaling:launchconfiguration/SecurityGroups"
		alb  = "aws:elbv2:loadbalancer/SecurityGroups"
	)
	f := &fakeEnvMoves{status: "Ready", opts: map[string]string{
		inst:                                    "sg-web, default", // the name, as the user wrote it
		alb:                                     "sg-def,sg-lb",    // the id
		"aws:elb:loadbalancer/SecurityGroups":   "sg-other",        // no default group: never touched
		"aws:elasticbeanstalk:environment/Name": "sg-def",          // not a group option
		"aws:autoscaling:updatepolicy:rollingupdate/RollingUpdateEnabled": "true",
	}}
	g := &fakeDefaultVPC{}
	withFakes(t, f, g)
	ctx, cfg, r := context.Background(), aws.Config{}, svc.Resource{Kind: Environment, ID: "web"}

	ts, err := environmentMover.Targets(ctx, cfg, r, "sg-def")
	if err != nil || len(ts) != 2 {
		t.Fatalf("targets %+v %v", ts, err)
	}
	// Sorted by option; the name resolved for the comparison, the value
	// recorded as held.
	if ts[0].ID != inst || strings.Join(ts[0].Groups, ",") != "sg-web,sg-def" || ts[0].Document != "sg-web, default" {
		t.Fatalf("instances target %+v", ts[0])
	}
	if ts[1].ID != alb || strings.Join(ts[1].Groups, ",") != "sg-def,sg-lb" || ts[1].Document != "sg-def,sg-lb" {
		t.Fatalf("load balancer target %+v", ts[1])
	}
	// Two options: the second update waits for the first to finish
	// (Beanstalk refuses an update while Updating).
	for _, tg := range ts {
		if err := environmentMover.Move(ctx, cfg, r, tg, "sg-def", "sg-new"); err != nil {
			t.Fatal(err)
		}
	}
	if what, err := environmentMover.Settled(ctx, cfg, r); err != nil || what != "environment Updating" {
		t.Fatalf("settled %q %v", what, err)
	}
	if what, err := environmentMover.Settled(ctx, cfg, r); err != nil || what != "" {
		t.Fatalf("settled %q %v", what, err)
	}
	if got := strings.Join(f.updates, "; "); got != inst+"=sg-web,sg-new; "+alb+"=sg-new,sg-lb" {
		t.Fatalf("updates %s", got)
	}
	// Moved: nothing left on the default group; the replacement's targets
	// are what verify compares.
	if again, err := environmentMover.Targets(ctx, cfg, r, "sg-def"); err != nil || len(again) != 0 {
		t.Fatalf("still a target: %+v %v", again, err)
	}
	if now, err := environmentMover.Targets(ctx, cfg, r, "sg-new"); err != nil || len(now) != 2 || strings.Join(now[0].Groups, ",") != "sg-web,sg-new" {
		t.Fatalf("on the replacement: %+v %v", now, err)
	}
	// A resumed Move of a target that no longer holds the default group
	// calls nothing.
	n := len(f.updates)
	if err := environmentMover.Move(ctx, cfg, r, svc.Target{ID: inst, Groups: []string{"sg-web", "sg-new"}}, "sg-def", "sg-new"); err != nil || len(f.updates) != n {
		t.Fatalf("resumed move updated: %v %v", err, f.updates[n:])
	}
	// Rollback writes back exactly what was there, name and spacing kept.
	for _, tg := range ts {
		if err := environmentMover.Restore(ctx, cfg, r, tg); err != nil {
			t.Fatal(err)
		}
	}
	if f.opts[inst] != "sg-web, default" || f.opts[alb] != "sg-def,sg-lb" || f.opts["aws:elb:loadbalancer/SecurityGroups"] != "sg-other" {
		t.Fatalf("restored %v", f.opts)
	}
	if g.calls == 0 {
		t.Fatal("the name default was not resolved through EC2")
	}
}

func TestEnvironmentMoverWaitsForReadyAndSaysWhenItIsNot(t *testing.T) {
	f := &fakeEnvMoves{status: "Updating", pending: 3, opts: map[string]string{"aws:elbv2:loadbalancer/SecurityGroups": "sg-def"}}
	withFakes(t, f, &fakeDefaultVPC{})
	ctx, cfg, r := context.Background(), aws.Config{}, svc.Resource{Kind: Environment, ID: "web"}
	ts, err := environmentMover.Targets(ctx, cfg, r, "sg-def")
	if err != nil || len(ts) != 1 {
		t.Fatalf("targets %+v %v", ts, err)
	}
	// Someone else's update runs: Move waits for Ready, then updates.
	if err := environmentMover.Move(ctx, cfg, r, ts[0], "sg-def", "sg-new"); err != nil || len(f.updates) != 1 {
		t.Fatalf("move %v %v", err, f.updates)
	}
	// An update that never ends: Move gives up, names the state, and
	// calls nothing.
	f.status, f.pending = "Updating", 0
	readyWait = 20 * time.Millisecond
	err = environmentMover.Restore(ctx, cfg, r, ts[0])
	if err == nil || !strings.Contains(err.Error(), "still Updating") || !strings.Contains(err.Error(), "elasticbeanstalk:UpdateEnvironment") || len(f.updates) != 1 {
		t.Fatalf("restore while updating: %v %v", err, f.updates)
	}
	// An environment that is gone is not found, named by the operation.
	_, err = environmentMover.Targets(ctx, cfg, svc.Resource{Kind: Environment, ID: "gone"}, "sg-def")
	if !errors.Is(err, svc.ErrNotFound) || !strings.Contains(err.Error(), "elasticbeanstalk:DescribeEnvironments") {
		t.Fatalf("gone: %v", err)
	}
}

func TestEnvironmentMoverRefusesToReplaceEveryInstanceAtOnce(t *testing.T) {
	const ru = "aws:autoscaling:updatepolicy:rollingupdate/"
	ctx, cfg, r := context.Background(), aws.Config{}, svc.Resource{Kind: Environment, ID: "web"}
	for _, c := range []struct {
		name   string
		extra  map[string]string
		refuse string
	}{
		{"rolling disabled", map[string]string{ru + "RollingUpdateEnabled": "false"}, "rolling updates are disabled"},
		{"no rolling option", nil, "rolling updates are disabled"},
		{"single instance by batches", map[string]string{ru + "RollingUpdateEnabled": "true", ru + "RollingUpdateType": "Health",
			"aws:elasticbeanstalk:environment/EnvironmentType": "SingleInstance"}, "single-instance"},
		{"single instance, immutable", map[string]string{ru + "RollingUpdateEnabled": "true", ru + "RollingUpdateType": "Immutable",
			"aws:elasticbeanstalk:environment/EnvironmentType": "SingleInstance"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeEnvMoves{status: "Ready", opts: map[string]string{instancesOption: "sg-def", "aws:elbv2:loadbalancer/SecurityGroups": "sg-def"}}
			for k, v := range c.extra {
				f.opts[k] = v
			}
			withFakes(t, f, &fakeDefaultVPC{})
			ts, err := environmentMover.Targets(ctx, cfg, r, "sg-def")
			if err != nil || len(ts) != 2 || ts[0].ID != instancesOption {
				t.Fatalf("targets %+v %v", ts, err)
			}
			err = environmentMover.Move(ctx, cfg, r, ts[0], "sg-def", "sg-new")
			if c.refuse == "" {
				if err != nil || len(f.updates) != 1 {
					t.Fatalf("immutable: %v %v", err, f.updates)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.refuse) || !strings.Contains(err.Error(), "enable rolling or immutable updates") || len(f.updates) != 0 {
				t.Fatalf("want a refusal naming %q, nothing updated: %v %v", c.refuse, err, f.updates)
			}
			// The load balancer's groups change without replacing instances.
			if err := environmentMover.Move(ctx, cfg, r, ts[1], "sg-def", "sg-new"); err != nil || len(f.updates) != 1 {
				t.Fatalf("load balancer: %v %v", err, f.updates)
			}
		})
	}
}

// "default" in an environment that names its VPC is that VPC's default
// group: no default-VPC lookup.
func TestEnvironmentMoverResolvesDefaultInTheEnvironmentsVPC(t *testing.T) {
	f := &fakeEnvMoves{status: "Ready", opts: map[string]string{"aws:elbv2:loadbalancer/SecurityGroups": "default",
		"aws:ec2:vpc/VPCId": "vpc-d"}}
	g := &fakeDefaultVPC{}
	withFakes(t, f, g)
	ts, err := environmentMover.Targets(context.Background(), aws.Config{}, svc.Resource{Kind: Environment, ID: "web"}, "sg-def")
	if err != nil || len(ts) != 1 || strings.Join(ts[0].Groups, ",") != "sg-def" || ts[0].Document != "default" || g.calls != 1 {
		t.Fatalf("targets %+v %v, %d EC2 calls (want DescribeSecurityGroups only)", ts, err, g.calls)
	}
}
