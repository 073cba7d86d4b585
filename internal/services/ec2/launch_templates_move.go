package ec2

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// launchTemplateMover moves a launch template by a new version — a copy of the
// default version with the replacement in place of the default group, at
// the top level and in every network interface — made the default. A
// default version that names no group (it launches into its VPC's default
// group) gets the replacement named: on the interface with DeviceIndex 0
// when it has interfaces, else in SecurityGroupIds. Older versions are
// immutable and keep the default group (the plan says so); rollback makes
// the previous default version the default again.
var launchTemplateMover = svc.Mover{
	API:  "ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate (new default version)",
	ARNs: []string{"arn:aws:ec2:*:*:launch-template/*"},
	IAM:  []string{"ec2:DescribeLaunchTemplateVersions", "ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		v, err := templateVersion(ctx, ec2.NewFromConfig(cfg), r.ID, "$Default")
		if err != nil {
			return nil, err
		}
		groups := templateGroups(v.LaunchTemplateData)
		if !slices.Contains(groups, group) && !namesNoGroup(v.LaunchTemplateData) {
			return nil, nil
		}
		return []svc.Target{{ID: r.ID, Groups: groups, Version: strconv.FormatInt(aws.ToInt64(v.VersionNumber), 10)}}, nil
	},
	Move: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		return moveTemplate(ctx, ec2.NewFromConfig(cfg), t, from, to, false)
	},
	Restore: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target) error {
		_, err := ec2.NewFromConfig(cfg).ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{
			LaunchTemplateId: aws.String(t.ID), DefaultVersion: aws.String(t.Version)})
		return svc.OpErr("ec2:ModifyLaunchTemplate", err)
	},
	DryRun: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		return moveTemplate(ctx, ec2.NewFromConfig(cfg), t, from, to, true)
	},
}

func templateVersion(ctx context.Context, api *ec2.Client, id, version string) (types.LaunchTemplateVersion, error) {
	out, err := api.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
		LaunchTemplateId: aws.String(id), Versions: []string{version}})
	if err != nil {
		return types.LaunchTemplateVersion{}, svc.OpErr("ec2:DescribeLaunchTemplateVersions", err)
	}
	if len(out.LaunchTemplateVersions) == 0 {
		return types.LaunchTemplateVersion{}, svc.OpErr("ec2:DescribeLaunchTemplateVersions", svc.ErrNotFound)
	}
	return out.LaunchTemplateVersions[0], nil
}

// templateGroups is every group id a version puts instances in.
func templateGroups(d *types.ResponseLaunchTemplateData) []string {
	if d == nil {
		return nil
	}
	out := slices.Clone(d.SecurityGroupIds)
	for _, ni := range d.NetworkInterfaces {
		for _, g := range ni.Groups {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	return out
}

// namesNoGroup reports whether a version names no group at all: no ids,
// no names, no interface groups. Instances launched from it get the
// default group of the subnet's VPC.
func namesNoGroup(d *types.ResponseLaunchTemplateData) bool {
	if d == nil {
		return true
	}
	if len(d.SecurityGroupIds) > 0 || len(d.SecurityGroups) > 0 {
		return false
	}
	for _, ni := range d.NetworkInterfaces {
		if len(ni.Groups) > 0 {
			return false
		}
	}
	return true
}

// copyInterfaces copies a version's network interfaces whole, since a new
// version's list replaces the source's. Response and request interface
// specifications have the same fields; JSON copies all of them without
// listing each.
func copyInterfaces(d *types.ResponseLaunchTemplateData) ([]types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest, error) {
	var out []types.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest
	if len(d.NetworkInterfaces) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(d.NetworkInterfaces)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("copying network interfaces: %w", err)
	}
	return out, nil
}

// swappedData is the part of a version's data that changes: the group ids
// and, when they carry groups, the network interfaces.
func swappedData(d *types.ResponseLaunchTemplateData, from, to string) (*types.RequestLaunchTemplateData, error) {
	out := &types.RequestLaunchTemplateData{}
	if ids, ok := svc.Swap(d.SecurityGroupIds, from, to); ok {
		out.SecurityGroupIds = ids
	}
	nis, err := copyInterfaces(d)
	if err != nil {
		return nil, err
	}
	out.NetworkInterfaces = nis
	for i := range out.NetworkInterfaces {
		if g, ok := svc.Swap(out.NetworkInterfaces[i].Groups, from, to); ok {
			out.NetworkInterfaces[i].Groups = g
		}
	}
	return out, nil
}

// namedData is the change for a version that names no group: the
// replacement on the primary interface (DeviceIndex 0; else the first),
// since groups given beside interfaces are refused, else in
// SecurityGroupIds.
func namedData(d *types.ResponseLaunchTemplateData, to string) (*types.RequestLaunchTemplateData, error) {
	if d == nil {
		d = &types.ResponseLaunchTemplateData{}
	}
	nis, err := copyInterfaces(d)
	if err != nil {
		return nil, err
	}
	if len(nis) == 0 {
		return &types.RequestLaunchTemplateData{SecurityGroupIds: []string{to}}, nil
	}
	primary := 0
	for i, ni := range nis {
		if aws.ToInt32(ni.DeviceIndex) == 0 {
			primary = i
			break
		}
	}
	nis[primary].Groups = []string{to}
	return &types.RequestLaunchTemplateData{NetworkInterfaces: nis}, nil
}

// moveTemplate makes the new default version. A version made by an earlier,
// interrupted run (the latest one, with exactly the swapped groups) is made
// the default instead of creating another.
func moveTemplate(ctx context.Context, api *ec2.Client, t svc.Target, from, to string, dryRun bool) error {
	def, err := templateVersion(ctx, api, t.ID, "$Default")
	if err != nil {
		return err
	}
	cur := templateGroups(def.LaunchTemplateData)
	want, ok := svc.Swap(cur, from, to)
	bare := namesNoGroup(def.LaunchTemplateData)
	if bare {
		want = []string{to}
	} else if !ok {
		return nil // names other groups: moved already, or never on from
	}
	latest, err := templateVersion(ctx, api, t.ID, "$Latest")
	if err != nil {
		return err
	}
	version := aws.ToInt64(latest.VersionNumber)
	if version == aws.ToInt64(def.VersionNumber) || !sameSet(templateGroups(latest.LaunchTemplateData), want) || dryRun {
		data, err := swappedData(def.LaunchTemplateData, from, to)
		if bare {
			data, err = namedData(def.LaunchTemplateData, to)
		}
		if err != nil {
			return err
		}
		out, err := api.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{
			LaunchTemplateId: aws.String(t.ID), SourceVersion: aws.String(strconv.FormatInt(aws.ToInt64(def.VersionNumber), 10)),
			VersionDescription: aws.String(versionDescription(from, to, bare)), LaunchTemplateData: data, DryRun: aws.Bool(dryRun)})
		if dryRun && awsx.ErrorCode(err) == "DryRunOperation" {
			return nil
		}
		if err != nil {
			return svc.OpErr("ec2:CreateLaunchTemplateVersion", err)
		}
		version = aws.ToInt64(out.LaunchTemplateVersion.VersionNumber)
	}
	_, err = api.ModifyLaunchTemplate(ctx, &ec2.ModifyLaunchTemplateInput{
		LaunchTemplateId: aws.String(t.ID), DefaultVersion: aws.String(strconv.FormatInt(version, 10))})
	return svc.OpErr("ec2:ModifyLaunchTemplate", err)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func versionDescription(from, to string, bare bool) string {
	if bare {
		return "defaultsg: names " + to + " (no group named: launched into " + from + ")"
	}
	return "defaultsg: " + from + " replaced by " + to
}
