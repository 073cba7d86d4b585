package ec2

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// FleetsAPI is what the EC2 Fleet finder calls.
type FleetsAPI interface {
	ec2.DescribeFleetsAPIClient
	ec2.DescribeLaunchTemplateVersionsAPIClient
}

// SpotFleetsAPI is what the Spot Fleet finder calls.
type SpotFleetsAPI interface {
	ec2.DescribeSpotFleetRequestsAPIClient
	ec2.DescribeLaunchTemplateVersionsAPIClient
}

// Fleets finds EC2 Fleets that can still launch (submitted, active,
// modifying: the states AWS documents before deletion; not type instant, a
// synchronous one-time request that launched what it could when created)
// into a default group: through their launch templates' groups or, when a template names
// none, the default group of the overrides' subnets' VPC (no subnet: the
// default VPC's).
var Fleets = usage.Finder{
	Name:    "ec2-fleets",
	Service: "ec2",
	Reads: "active EC2 Fleets' launch templates (DescribeFleets, DescribeLaunchTemplateVersions); " +
		"a template naming no group: the overrides' SubnetId's VPC (DescribeSubnets)",
	IAM:   []string{"ec2:DescribeFleets", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeSubnets"},
	Kinds: []resource.Kind{Fleet},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		api := ec2.NewFromConfig(cfg)
		us, err := findFleets(ctx, api, t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, api, t, us)
	},
}

// SpotFleets finds Spot Fleet requests that can still launch (submitted,
// active, modifying) into a default group: inline launch specifications'
// groups and interface groups, or launch templates as for EC2 Fleets; a
// specification or template naming no group launches into its subnets'
// VPC default group.
var SpotFleets = usage.Finder{
	Name:    "ec2-spot-fleets",
	Service: "ec2",
	Reads: "active Spot Fleet requests' LaunchSpecifications (SecurityGroups, NetworkInterfaces, SubnetId) and launch templates " +
		"(DescribeSpotFleetRequests, DescribeLaunchTemplateVersions); none named: the subnets' VPC (DescribeSubnets)",
	IAM:   []string{"ec2:DescribeSpotFleetRequests", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeSubnets"},
	Kinds: []resource.Kind{SpotFleet},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		api := ec2.NewFromConfig(cfg)
		us, err := findSpotFleets(ctx, api, t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, api, t, us)
	},
}

// canLaunch reports whether a fleet in this state may launch instances
// later; deleted/cancelled ones (even with instances still running, which
// the interface finder sees) launch no more.
func canLaunch(state string) bool {
	return state == "submitted" || state == "active" || state == "modifying"
}

func findFleets(ctx context.Context, api FleetsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	lt := &fleetTemplates{api: api, t: t, cache: map[string]*types.ResponseLaunchTemplateData{}}
	p := ec2.NewDescribeFleetsPaginator(api, &ec2.DescribeFleetsInput{MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, f := range page.Fleets {
			if !canLaunch(string(f.FleetState)) || f.Type == types.FleetTypeInstant {
				continue
			}
			src := &fleetSources{t: t}
			for _, c := range f.LaunchTemplateConfigs {
				var subnets []string
				for _, o := range c.Overrides {
					subnets = append(subnets, aws.ToString(o.SubnetId))
				}
				if err := src.template(ctx, lt, c.LaunchTemplateSpecification, subnets); err != nil {
					return out, err
				}
			}
			out = append(out, src.usages(usage.Usage{Kind: usage.KindLatent, ResourceKind: Fleet,
				ResourceID: aws.ToString(f.FleetId), ManagedBy: svc.ManagedBy(f.Tags), Change: usage.ChangeDeployment})...)
		}
	}
	return out, nil
}

func findSpotFleets(ctx context.Context, api SpotFleetsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	lt := &fleetTemplates{api: api, t: t, cache: map[string]*types.ResponseLaunchTemplateData{}}
	p := ec2.NewDescribeSpotFleetRequestsPaginator(api, &ec2.DescribeSpotFleetRequestsInput{MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, f := range page.SpotFleetRequestConfigs {
			if !canLaunch(string(f.SpotFleetRequestState)) || f.SpotFleetRequestConfig == nil {
				continue
			}
			src := &fleetSources{t: t}
			for i, ls := range f.SpotFleetRequestConfig.LaunchSpecifications {
				src.spec(ls.SecurityGroups, ls.NetworkInterfaces, ls.SubnetId, "launch specification "+strconv.Itoa(i+1))
			}
			for _, c := range f.SpotFleetRequestConfig.LaunchTemplateConfigs {
				var subnets []string
				for _, o := range c.Overrides {
					subnets = append(subnets, aws.ToString(o.SubnetId))
				}
				if err := src.template(ctx, lt, c.LaunchTemplateSpecification, subnets); err != nil {
					return out, err
				}
			}
			out = append(out, src.usages(usage.Usage{Kind: usage.KindLatent, ResourceKind: SpotFleet,
				ResourceID: aws.ToString(f.SpotFleetRequestId), ManagedBy: svc.ManagedBy(f.Tags), Change: usage.ChangeDeployment})...)
		}
	}
	return out, nil
}

// fleetSources collects, for one fleet, which default groups it launches
// into and through what.
type fleetSources struct {
	t     usage.Target
	via   map[string][]string
	order []string
}

// add records one launch source: the groups it names or, naming none, the
// default group of its subnets' VPC.
func (s *fleetSources) add(ids, subnets []string, label string) {
	matching := svc.Matching(s.t, ids)
	if len(ids) == 0 {
		label += " (names no group)"
		if id := noGroupTarget(s.t, subnets); id != "" {
			matching = []string{id}
		}
	}
	if s.via == nil {
		s.via = map[string][]string{}
	}
	for _, id := range matching {
		if s.via[id] == nil {
			s.order = append(s.order, id)
		}
		s.via[id] = append(s.via[id], label)
	}
}

// spec adds an inline launch specification source (a Spot Fleet's or a
// Spot Instance request's): its groups, by id or by name in the default
// VPC, and its network interfaces' groups; its subnet and its interfaces'
// subnets for the default group when it names none.
func (s *fleetSources) spec(groups []types.GroupIdentifier, nis []types.InstanceNetworkInterfaceSpecification, subnet *string, label string) {
	var ids []string
	for _, g := range groups {
		if id := aws.ToString(g.GroupId); id != "" {
			ids = append(ids, id)
		} else {
			ids = append(ids, svc.ByName(s.t, []string{aws.ToString(g.GroupName)})...)
		}
	}
	subnets := []string{aws.ToString(subnet)}
	for _, ni := range nis {
		ids = append(ids, ni.Groups...)
		subnets = append(subnets, aws.ToString(ni.SubnetId))
	}
	s.add(ids, subnets, label)
}

// template adds a launch template source; with no subnet in the overrides,
// the template's own interface subnets count.
func (s *fleetSources) template(ctx context.Context, lt *fleetTemplates, spec *types.FleetLaunchTemplateSpecification, subnets []string) error {
	if spec == nil {
		return nil
	}
	d, err := lt.data(ctx, spec)
	if err != nil || d == nil {
		return err // a template that no longer exists launches nothing
	}
	if strings.Join(subnets, "") == "" {
		subnets = dataSubnets(d)
	}
	name := aws.ToString(spec.LaunchTemplateName)
	if name == "" {
		name = aws.ToString(spec.LaunchTemplateId)
	}
	version := aws.ToString(spec.Version)
	if version == "" {
		version = "$Default"
	}
	s.add(dataGroups(s.t, d), subnets, "launch template "+name+" version "+version)
	return nil
}

func (s *fleetSources) usages(base usage.Usage) []usage.Usage {
	var out []usage.Usage
	for _, id := range s.order {
		u := base
		u.GroupID, u.Detail = id, "via "+strings.Join(s.via[id], ", ")
		out = append(out, u)
	}
	return out
}

// fleetTemplates reads the launch template versions fleets launch from,
// once per (template, version).
type fleetTemplates struct {
	api   ec2.DescribeLaunchTemplateVersionsAPIClient
	t     usage.Target
	cache map[string]*types.ResponseLaunchTemplateData
}

// data is one version's data; nil when the template or version is gone.
func (r *fleetTemplates) data(ctx context.Context, spec *types.FleetLaunchTemplateSpecification) (*types.ResponseLaunchTemplateData, error) {
	version := aws.ToString(spec.Version)
	if version == "" {
		version = "$Default"
	}
	in := &ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{version}}
	key := "name:" + aws.ToString(spec.LaunchTemplateName)
	if id := aws.ToString(spec.LaunchTemplateId); id != "" {
		in.LaunchTemplateId, key = spec.LaunchTemplateId, "id:"+id
	} else {
		in.LaunchTemplateName = spec.LaunchTemplateName
	}
	key += "@" + version
	if d, ok := r.cache[key]; ok {
		return d, nil
	}
	res, err := r.api.DescribeLaunchTemplateVersions(ctx, in)
	var ae smithy.APIError
	if errors.As(err, &ae) && strings.Contains(ae.ErrorCode(), "NotFound") {
		r.cache[key] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var d *types.ResponseLaunchTemplateData
	if len(res.LaunchTemplateVersions) > 0 {
		d = res.LaunchTemplateVersions[0].LaunchTemplateData
		if d == nil {
			d = &types.ResponseLaunchTemplateData{}
		}
	}
	r.cache[key] = d
	return d, nil
}
