package beanstalk

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	eb "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// EnvironmentMoveAPI is what environmentMover calls of Elastic Beanstalk;
// *elasticbeanstalk.Client satisfies it.
type EnvironmentMoveAPI interface {
	DescribeEnvironments(context.Context, *eb.DescribeEnvironmentsInput, ...func(*eb.Options)) (*eb.DescribeEnvironmentsOutput, error)
	DescribeConfigurationSettings(context.Context, *eb.DescribeConfigurationSettingsInput, ...func(*eb.Options)) (*eb.DescribeConfigurationSettingsOutput, error)
	UpdateEnvironment(context.Context, *eb.UpdateEnvironmentInput, ...func(*eb.Options)) (*eb.UpdateEnvironmentOutput, error)
}

// GroupNameAPI is what environmentMover calls of EC2 to resolve the group
// name "default" an option value may hold; *ec2.Client satisfies it.
type GroupNameAPI interface {
	DescribeVpcs(context.Context, *ec2.DescribeVpcsInput, ...func(*ec2.Options)) (*ec2.DescribeVpcsOutput, error)
	DescribeSecurityGroups(context.Context, *ec2.DescribeSecurityGroupsInput, ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
}

// The clients environmentMover uses; a test replaces them.
var (
	newMoveAPI  = func(cfg aws.Config) EnvironmentMoveAPI { return eb.NewFromConfig(cfg) }
	newGroupAPI = func(cfg aws.Config) GroupNameAPI { return ec2.NewFromConfig(cfg) }
)

// readyWait bounds how long a Move or Restore waits for the environment to
// be Ready before its UpdateEnvironment; readyPoll is the first pause
// between reads (doubled up to 15s). A test shortens them.
var (
	readyWait = 20 * time.Minute
	readyPoll = time.Second
)

// environmentMover moves an Elastic Beanstalk environment by updating the
// option settings that name the default group (UpdateEnvironment
// OptionSettings: "sets the specified configuration options to the
// requested value", API reference). Beanstalk applies it as an
// environment update — a rolling deployment of the Auto Scaling group's
// instances or a change of its load balancer — never as a patch of the
// resources it owns, so the plan says it is a deployment.
//
// A target is one option (ID "namespace/option": instances in
// aws:autoscaling:launchconfiguration, the load balancer in aws:elbv2 or,
// classic, aws:elb:loadbalancer — AWS documents SecurityGroups of both load
// balancer namespaces as settable on an existing environment). Groups is
// the option's list with the name "default" resolved to its id (in the
// environment's aws:ec2:vpc VPCId, else the default VPC), for verify to
// compare; Document is the option's value exactly as the environment held
// it, which Restore writes back byte for byte. Move writes the list with
// only the default group replaced, other entries (ids or names) as they
// were. A change of the instances' groups replaces every instance: it is
// refused when Beanstalk would do that all at once (replacedWithoutOutage).
//
// While an update runs the environment is "Updating" and Beanstalk refuses
// another (InvalidParameterValue "Environment named … is in an invalid
// state for this operation. Must be Ready."), so each Move and Restore
// waits for Status Ready first (readyWait), and Settled waits for Ready
// after the last: an environment with two options on the default group
// takes two updates, one after the other.
var environmentMover = svc.Mover{
	API:  "elasticbeanstalk:UpdateEnvironment (a rolling deployment of the environment)",
	ARNs: []string{"arn:aws:elasticbeanstalk:*:*:environment/*"},
	IAM: []string{"elasticbeanstalk:DescribeEnvironments", "elasticbeanstalk:DescribeConfigurationSettings",
		"elasticbeanstalk:UpdateEnvironment", "ec2:DescribeVpcs", "ec2:DescribeSecurityGroups"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		api := newMoveAPI(cfg)
		env, err := describeEnvironment(ctx, api, r.ID)
		if err != nil {
			return nil, err
		}
		res, err := api.DescribeConfigurationSettings(ctx, &eb.DescribeConfigurationSettingsInput{
			ApplicationName: env.ApplicationName, EnvironmentName: env.EnvironmentName})
		if err != nil {
			return nil, svc.OpErr("elasticbeanstalk:DescribeConfigurationSettings", err)
		}
		values := optionValues(res.ConfigurationSettings)
		keys := make([]string, 0, len(beanstalkGroupOptions))
		for k := range beanstalkGroupOptions {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []svc.Target
		defaultID, resolved := "", false
		for _, key := range keys {
			raw, ok := values[key]
			if !ok {
				continue
			}
			refs := splitRefs(raw)
			if slices.Contains(refs, "default") && !resolved {
				if defaultID, err = defaultGroupOf(ctx, newGroupAPI(cfg), values["aws:ec2:vpc/VPCId"]); err != nil {
					return nil, err
				}
				resolved = true
			}
			ids := make([]string, 0, len(refs))
			for _, ref := range refs {
				if ref == "default" && defaultID != "" {
					ref = defaultID
				}
				ids = append(ids, ref)
			}
			if slices.Contains(ids, group) {
				out = append(out, svc.Target{ID: key, Groups: ids, Document: raw})
			}
		}
		return out, nil
	},
	Move: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		next, ok := svc.Swap(t.Groups, from, to)
		if !ok {
			return nil
		}
		if t.ID == instancesOption {
			if err := replacedWithoutOutage(ctx, newMoveAPI(cfg), r.ID); err != nil {
				return err
			}
		}
		return setOption(ctx, cfg, r, t.ID, strings.Join(next, ","))
	},
	Restore: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target) error {
		value := t.Document
		if value == "" {
			value = strings.Join(t.Groups, ",")
		}
		return setOption(ctx, cfg, r, t.ID, value)
	},
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		env, err := describeEnvironment(ctx, newMoveAPI(cfg), r.ID)
		if err != nil {
			return "", err
		}
		return notReady(env), nil
	},
}

// instancesOption is the option of the instances' groups: changing it
// replaces every instance.
const instancesOption = "aws:autoscaling:launchconfiguration/SecurityGroups"

// replacedWithoutOutage refuses a change of the instances' groups that
// Beanstalk would apply by replacing every instance at once. AWS: changes
// that "modify the launch configuration … require terminating all
// instances in your environment and replacing them"; rolling updates
// (aws:autoscaling:updatepolicy:rollingupdate RollingUpdateEnabled) do it
// in batches, "keeping a minimum number of instances running", and
// immutable ones on new instances. Without them — or rolling by batches
// of the single instance of a SingleInstance environment — the change is
// an outage, which defaultsg never causes: it says what to do instead.
func replacedWithoutOutage(ctx context.Context, api EnvironmentMoveAPI, name string) error {
	env, err := describeEnvironment(ctx, api, name)
	if err != nil {
		return err
	}
	res, err := api.DescribeConfigurationSettings(ctx, &eb.DescribeConfigurationSettingsInput{
		ApplicationName: env.ApplicationName, EnvironmentName: env.EnvironmentName})
	if err != nil {
		return svc.OpErr("elasticbeanstalk:DescribeConfigurationSettings", err)
	}
	v := optionValues(res.ConfigurationSettings)
	const ru = "aws:autoscaling:updatepolicy:rollingupdate/"
	rolling := strings.EqualFold(v[ru+"RollingUpdateEnabled"], "true")
	immutable := rolling && v[ru+"RollingUpdateType"] == "Immutable"
	single := v["aws:elasticbeanstalk:environment/EnvironmentType"] == "SingleInstance"
	if immutable || (rolling && !single) {
		return nil
	}
	why := "rolling updates are disabled (" + ru + "RollingUpdateEnabled is not true), so Beanstalk would replace every instance at once"
	if rolling {
		why = "it is a single-instance environment updated by rolling batches, so its only instance would be replaced in place"
	}
	return svc.OpErr("elasticbeanstalk:UpdateEnvironment", fmt.Errorf(
		"not moving the instances of environment %s: changing %s replaces all of its instances and %s; "+
			"enable rolling or immutable updates (RollingUpdateType Immutable) and run apply again, or change the option yourself when an outage is acceptable",
		name, instancesOption, why))
}

// notReady says what the environment is doing, "" when it is Ready.
func notReady(env ebtypes.EnvironmentDescription) string {
	if env.Status == ebtypes.EnvironmentStatusReady {
		return ""
	}
	return "environment " + string(env.Status)
}

// describeEnvironment reads one environment by name; one that is gone
// (or terminated) is not found.
func describeEnvironment(ctx context.Context, api EnvironmentMoveAPI, name string) (ebtypes.EnvironmentDescription, error) {
	out, err := api.DescribeEnvironments(ctx, &eb.DescribeEnvironmentsInput{EnvironmentNames: []string{name}, IncludeDeleted: aws.Bool(false)})
	if err != nil {
		return ebtypes.EnvironmentDescription{}, svc.OpErr("elasticbeanstalk:DescribeEnvironments", err)
	}
	for _, e := range out.Environments {
		if aws.ToString(e.EnvironmentName) == name && e.Status != ebtypes.EnvironmentStatusTerminated &&
			e.Status != ebtypes.EnvironmentStatusTerminating {
			return e, nil
		}
	}
	return ebtypes.EnvironmentDescription{}, svc.OpErr("elasticbeanstalk:DescribeEnvironments", svc.ErrNotFound)
}

// optionValues maps "namespace/option" to its value in the configuration
// the environment is being updated to (DeploymentStatus "pending", a
// draft, AWS: "DescribeConfigurationSettings for this environment returns
// two setting descriptions with different DeploymentStatus values"), else
// the deployed one.
func optionValues(cs []ebtypes.ConfigurationSettingsDescription) map[string]string {
	pick := slices.IndexFunc(cs, func(c ebtypes.ConfigurationSettingsDescription) bool {
		return c.DeploymentStatus == ebtypes.ConfigurationDeploymentStatusPending
	})
	if pick < 0 {
		pick = slices.IndexFunc(cs, func(c ebtypes.ConfigurationSettingsDescription) bool {
			return c.DeploymentStatus == ebtypes.ConfigurationDeploymentStatusDeployed
		})
	}
	if pick < 0 && len(cs) > 0 {
		pick = 0
	}
	out := map[string]string{}
	if pick < 0 {
		return out
	}
	for _, o := range cs[pick].OptionSettings {
		out[aws.ToString(o.Namespace)+"/"+aws.ToString(o.OptionName)] = aws.ToString(o.Value)
	}
	return out
}

// splitRefs splits an option value into its group references.
func splitRefs(value string) []string {
	var refs []string
	for _, r := range strings.Split(value, ",") {
		if r = strings.TrimSpace(r); r != "" {
			refs = append(refs, r)
		}
	}
	return refs
}

// defaultGroupOf resolves the group name "default" to the id of the
// default group of vpcID, or of the region's default VPC when the
// environment names none; "" when there is none.
func defaultGroupOf(ctx context.Context, api GroupNameAPI, vpcID string) (string, error) {
	if vpcID == "" {
		out, err := api.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{
			{Name: aws.String("is-default"), Values: []string{"true"}}}})
		if err != nil {
			return "", svc.OpErr("ec2:DescribeVpcs", err)
		}
		if len(out.Vpcs) == 0 {
			return "", nil
		}
		vpcID = aws.ToString(out.Vpcs[0].VpcId)
	}
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}}, {Name: aws.String("group-name"), Values: []string{"default"}}}})
	if err != nil {
		return "", svc.OpErr("ec2:DescribeSecurityGroups", err)
	}
	if len(out.SecurityGroups) == 0 {
		return "", nil
	}
	return aws.ToString(out.SecurityGroups[0].GroupId), nil
}

// setOption waits for the environment to be Ready, then sets one option
// ("namespace/option") to value.
func setOption(ctx context.Context, cfg aws.Config, r svc.Resource, key, value string) error {
	api := newMoveAPI(cfg)
	if err := waitReady(ctx, api, r.ID); err != nil {
		return err
	}
	ns, name, _ := strings.Cut(key, "/")
	_, err := api.UpdateEnvironment(ctx, &eb.UpdateEnvironmentInput{EnvironmentName: aws.String(r.ID),
		OptionSettings: []ebtypes.ConfigurationOptionSetting{{Namespace: aws.String(ns), OptionName: aws.String(name), Value: aws.String(value)}}})
	return svc.OpErr("elasticbeanstalk:UpdateEnvironment", err)
}

// waitReady polls the environment until it is Ready (an update of another
// of its options, or someone else's, still running), for at most
// readyWait.
func waitReady(ctx context.Context, api EnvironmentMoveAPI, name string) error {
	deadline, pause := time.Now().Add(readyWait), readyPoll
	for {
		env, err := describeEnvironment(ctx, api, name)
		if err != nil {
			return err
		}
		what := notReady(env)
		if what == "" {
			return nil
		}
		if !time.Now().Add(pause).Before(deadline) {
			return svc.OpErr("elasticbeanstalk:UpdateEnvironment", fmt.Errorf(
				"%s is still %s after %s: Beanstalk updates an environment only when it is Ready; run again once it is", name, env.Status, readyWait))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 15*time.Second)
	}
}
