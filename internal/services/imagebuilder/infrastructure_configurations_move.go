package imagebuilder

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// configurationMover moves an infrastructure configuration with
// UpdateInfrastructureConfiguration, which replaces the whole
// configuration: the setter reads it again just before the call and sends
// every field back as read (instance profile, types, logging, key pair,
// SNS topic, resource tags, metadata options, placement…), only the groups
// changed. The next build gets them; nothing is pending. A configuration
// naming a subnet and no group builds in that VPC's default group and
// gets the replacement alone; one naming neither builds in the default
// VPC, and is refused: setting groups without a subnet is not documented.
// The instance profile goes back too, which AWS authorizes as iam:PassRole
// of its role to EC2 (AWSImageBuilderFullAccess grants it so).
var configurationMover = svc.Mover{
	API:        "imagebuilder:UpdateInfrastructureConfiguration",
	PassRoleTo: "ec2.amazonaws.com",
	ARNs:       []string{"arn:aws:imagebuilder:*:*:infrastructure-configuration/*"},
	IAM: append([]string{"imagebuilder:GetInfrastructureConfiguration", "imagebuilder:UpdateInfrastructureConfiguration"},
		svc.NoGroupIAM...),
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := getConfiguration(ctx, imagebuilder.NewFromConfig(cfg), r)
		if err != nil {
			return nil, err
		}
		switch subnet := aws.ToString(c.SubnetId); {
		case len(c.SecurityGroupIds) > 0:
			return svc.One(r.ID, c.SecurityGroupIds, group), nil
		case subnet == "":
			return nil, svc.OpErr("imagebuilder:UpdateInfrastructureConfiguration", ErrNoSubnet)
		default:
			in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), []string{subnet}, group)
			if err != nil || !in {
				return nil, err
			}
			return []svc.Target{{ID: r.ID, Groups: []string{}}}, nil
		}
	},
	Move:    svc.FillOrSwapWith(setConfiguration),
	Restore: svc.RestoreWith(setConfiguration),
}

// ErrNoSubnet refuses a configuration that names neither subnet nor group.
var ErrNoSubnet = errors.New("the configuration names no subnet and no security group, so it builds in the default VPC: give it a subnetId and the replacement group (imagebuilder:UpdateInfrastructureConfiguration)")

// ConfigurationAPI is what the setter calls; *imagebuilder.Client satisfies it.
type ConfigurationAPI interface {
	GetInfrastructureConfiguration(context.Context, *imagebuilder.GetInfrastructureConfigurationInput, ...func(*imagebuilder.Options)) (*imagebuilder.GetInfrastructureConfigurationOutput, error)
	UpdateInfrastructureConfiguration(context.Context, *imagebuilder.UpdateInfrastructureConfigurationInput, ...func(*imagebuilder.Options)) (*imagebuilder.UpdateInfrastructureConfigurationOutput, error)
}

func getConfiguration(ctx context.Context, api ConfigurationAPI, r svc.Resource) (*types.InfrastructureConfiguration, error) {
	if r.ARN == "" {
		return nil, svc.OpErr("imagebuilder:GetInfrastructureConfiguration", fmt.Errorf("no ARN for infrastructure configuration %s", r.ID))
	}
	out, err := api.GetInfrastructureConfiguration(ctx, &imagebuilder.GetInfrastructureConfigurationInput{InfrastructureConfigurationArn: aws.String(r.ARN)})
	if err != nil {
		return nil, svc.OpErr("imagebuilder:GetInfrastructureConfiguration", err)
	}
	if out.InfrastructureConfiguration == nil {
		return nil, svc.OpErr("imagebuilder:GetInfrastructureConfiguration", svc.ErrNotFound)
	}
	return out.InfrastructureConfiguration, nil
}

func setConfiguration(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	return setConfigurationGroups(ctx, imagebuilder.NewFromConfig(cfg), r, groups)
}

func setConfigurationGroups(ctx context.Context, api ConfigurationAPI, r svc.Resource, groups []string) error {
	c, err := getConfiguration(ctx, api, r)
	if err != nil {
		return err
	}
	_, err = api.UpdateInfrastructureConfiguration(ctx, updateInput(c, groups))
	return svc.OpErr("imagebuilder:UpdateInfrastructureConfiguration", err)
}

// updateInput is the configuration as read, every field the update takes,
// with groups. ClientToken is left to the SDK, which fills in a fresh one.
func updateInput(c *types.InfrastructureConfiguration, groups []string) *imagebuilder.UpdateInfrastructureConfigurationInput {
	return &imagebuilder.UpdateInfrastructureConfigurationInput{
		InfrastructureConfigurationArn: c.Arn,
		InstanceProfileName:            c.InstanceProfileName,
		Description:                    c.Description,
		InstanceTypes:                  c.InstanceTypes,
		SecurityGroupIds:               groups,
		SubnetId:                       c.SubnetId,
		Logging:                        c.Logging,
		KeyPair:                        c.KeyPair,
		TerminateInstanceOnFailure:     c.TerminateInstanceOnFailure,
		SnsTopicArn:                    c.SnsTopicArn,
		ResourceTags:                   c.ResourceTags,
		InstanceMetadataOptions:        c.InstanceMetadataOptions,
		Placement:                      c.Placement,
	}
}
