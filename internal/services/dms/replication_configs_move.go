package dms

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"
	"github.com/aws/aws-sdk-go-v2/service/databasemigrationservice/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// configMover moves a DMS Serverless replication config with
// ModifyReplicationConfig ComputeConfig.VpcSecurityGroupIds. The setter
// reads the config again just before the call and sends its ComputeConfig
// back whole, as read, only the groups changed, so that nothing else in it
// (capacity, subnet group, AZ, KMS key, DNS, maintenance window) can be
// reset; the other members of the call (settings, mappings, endpoints) are
// left out, which leaves them unchanged.
//
// AWS modifies a config only while no replication of it runs: its API
// reference says a config can be modified before its replication first
// starts, and when the replication is CREATED or FAILED or its
// provisioning FAILED_PROVISION (InvalidResourceStateFault otherwise).
// The setter reads the replication (DescribeReplications) and refuses any
// other state before any change, saying so: stopping a customer's
// replication is the owner's call, never defaultsg's. The next
// replication run gets the groups: nothing is pending, so there is no
// Settled. A config naming no group runs in its subnet group's VPC default
// group and gets the replacement alone.
var configMover = svc.Mover{
	API:  "dms:ModifyReplicationConfig",
	ARNs: []string{"arn:aws:dms:*:*:replication-config:*"},
	IAM: append([]string{"dms:DescribeReplicationConfigs", "dms:DescribeReplications", "dms:DescribeReplicationSubnetGroups",
		"dms:ModifyReplicationConfig"}, svc.NoGroupIAM...),
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		api := dms.NewFromConfig(cfg)
		c, err := readConfig(ctx, api, r)
		if err != nil {
			return nil, err
		}
		cc := c.ComputeConfig
		if len(cc.VpcSecurityGroupIds) > 0 {
			return svc.One(r.ID, cc.VpcSecurityGroupIds, group), nil
		}
		subnets, err := subnetGroupSubnets(ctx, api, aws.ToString(cc.ReplicationSubnetGroupId))
		if err != nil {
			return nil, err
		}
		in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), subnets, group)
		if err != nil || !in {
			return nil, err
		}
		return []svc.Target{{ID: r.ID, Groups: []string{}}}, nil
	},
	Move:    svc.FillOrSwapWith(setConfig),
	Restore: svc.RestoreWith(setConfig),
}

// ErrReplicationStarted is the refusal to change a config whose
// replication has started.
var ErrReplicationStarted = errors.New("AWS DMS modifies a replication config only before its replication first starts, " +
	"or while the replication is created or failed (its API reference says a stopped one is refused too), " +
	"so defaultsg neither changes it nor stops it: once the replication may stop (dms:StopReplication), " +
	"give the config the replacement group by hand (dms:ModifyReplicationConfig ComputeConfig.VpcSecurityGroupIds, if DMS accepts it) " +
	"or recreate it with that group (dms:CreateReplicationConfig)")

// ConfigAPI is what the mover's DMS calls need; *dms.Client satisfies it.
type ConfigAPI interface {
	DescribeReplicationConfigs(context.Context, *dms.DescribeReplicationConfigsInput, ...func(*dms.Options)) (*dms.DescribeReplicationConfigsOutput, error)
	DescribeReplications(context.Context, *dms.DescribeReplicationsInput, ...func(*dms.Options)) (*dms.DescribeReplicationsOutput, error)
	ModifyReplicationConfig(context.Context, *dms.ModifyReplicationConfigInput, ...func(*dms.Options)) (*dms.ModifyReplicationConfigOutput, error)
}

// configFilter names the config by its ARN (as the finder recorded it), or
// else by its identifier.
func configFilter(r svc.Resource) []types.Filter {
	if r.ARN != "" {
		return []types.Filter{{Name: aws.String("replication-config-arn"), Values: []string{r.ARN}}}
	}
	return []types.Filter{{Name: aws.String("replication-config-id"), Values: []string{r.ID}}}
}

// readConfig reads the config; DMS answers a filter that matches nothing
// with ResourceNotFoundFault.
func readConfig(ctx context.Context, api ConfigAPI, r svc.Resource) (types.ReplicationConfig, error) {
	const op = "dms:DescribeReplicationConfigs"
	out, err := api.DescribeReplicationConfigs(ctx, &dms.DescribeReplicationConfigsInput{Filters: configFilter(r)})
	if awsx.ErrorCode(err) == "ResourceNotFoundFault" || err == nil && len(out.ReplicationConfigs) == 0 {
		return types.ReplicationConfig{}, svc.OpErr(op, svc.ErrNotFound)
	}
	if err != nil {
		return types.ReplicationConfig{}, svc.OpErr(op, err)
	}
	c := out.ReplicationConfigs[0]
	if c.ComputeConfig == nil {
		c.ComputeConfig = &types.ComputeConfig{}
	}
	return c, nil
}

// replicationState is the state of the config's replication that forbids a
// change ("" when it may be changed: none yet, CREATED, FAILED, or its
// provisioning FAILED_PROVISION).
func replicationState(ctx context.Context, api ConfigAPI, arn string) (string, error) {
	out, err := api.DescribeReplications(ctx, &dms.DescribeReplicationsInput{
		Filters: []types.Filter{{Name: aws.String("replication-config-arn"), Values: []string{arn}}}})
	if awsx.ErrorCode(err) == "ResourceNotFoundFault" {
		return "", nil // no replication has been made of it
	}
	if err != nil {
		return "", svc.OpErr("dms:DescribeReplications", err)
	}
	for _, rep := range out.Replications {
		status := strings.ToLower(aws.ToString(rep.Status))
		if rep.ProvisionData != nil && strings.EqualFold(aws.ToString(rep.ProvisionData.ProvisionState), "failed_provision") {
			continue
		}
		if status != "created" && status != "failed" {
			return status, nil
		}
	}
	return "", nil
}

func setConfig(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	return setConfigGroups(ctx, dms.NewFromConfig(cfg), r, groups)
}

// setConfigGroups sends the ComputeConfig read just before, only its
// groups replaced. A config that already has them is left alone (a resumed
// apply, or a rollback of a move that was refused).
func setConfigGroups(ctx context.Context, api ConfigAPI, r svc.Resource, groups []string) error {
	const op = "dms:ModifyReplicationConfig"
	c, err := readConfig(ctx, api, r)
	if err != nil {
		return err
	}
	if slices.Equal(c.ComputeConfig.VpcSecurityGroupIds, groups) {
		return nil
	}
	arn := aws.ToString(c.ReplicationConfigArn)
	state, err := replicationState(ctx, api, arn)
	if err != nil {
		return err
	}
	if state != "" {
		return svc.OpErr(op, fmt.Errorf("replication config %s: its replication is %s: %w", r.ID, state, ErrReplicationStarted))
	}
	cc := *c.ComputeConfig
	cc.VpcSecurityGroupIds = groups
	if aws.ToBool(cc.MultiAZ) {
		// "You can't set the AvailabilityZone parameter if the MultiAZ
		// parameter is set to true" (ComputeConfig, botocore's model): a
		// Multi-AZ config may still report the zone it runs in.
		cc.AvailabilityZone = nil
	}
	if cc.VpcSecurityGroupIds == nil {
		cc.VpcSecurityGroupIds = []string{}
	}
	_, err = api.ModifyReplicationConfig(ctx, &dms.ModifyReplicationConfigInput{ReplicationConfigArn: aws.String(arn), ComputeConfig: &cc})
	return svc.OpErr(op, err)
}

// subnetGroupSubnets lists the subnets of a replication subnet group.
func subnetGroupSubnets(ctx context.Context, api dms.DescribeReplicationSubnetGroupsAPIClient, id string) ([]string, error) {
	const op = "dms:DescribeReplicationSubnetGroups"
	out, err := api.DescribeReplicationSubnetGroups(ctx, &dms.DescribeReplicationSubnetGroupsInput{
		Filters: []types.Filter{{Name: aws.String("replication-subnet-group-id"), Values: []string{id}}}})
	if awsx.ErrorCode(err) == "ResourceNotFoundFault" || err == nil && len(out.ReplicationSubnetGroups) == 0 {
		return nil, svc.OpErr(op, fmt.Errorf("subnet group %q: %w", id, svc.ErrNotFound))
	}
	if err != nil {
		return nil, svc.OpErr(op, err)
	}
	var subnets []string
	for _, s := range out.ReplicationSubnetGroups[0].Subnets {
		subnets = append(subnets, aws.ToString(s.SubnetIdentifier))
	}
	return subnets, nil
}
