package autoscaling

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"

	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// templateResolver reads the groups of the launch template version an
// Auto Scaling group launches with, once per (template, version).
type templateResolver struct {
	api   ec2.DescribeLaunchTemplateVersionsAPIClient
	t     usage.Target
	cache map[string]templateGroups
}

// templateGroups are the groups of one template version; found is false
// when the template or version no longer exists.
type templateGroups struct {
	id    string // the template's id, as EC2 returns it
	ids   []string
	found bool
}

// groups returns the group ids of one template version. A template or
// version that no longer exists launches nothing, so it holds no group;
// one that exists and names none launches into the default group of the
// Auto Scaling group's subnets' VPC.
func (r *templateResolver) groups(ctx context.Context, spec *astypes.LaunchTemplateSpecification) (templateGroups, error) {
	version := aws.ToString(spec.Version)
	if version == "" {
		version = "$Default" // what Auto Scaling launches when no version is set
	}
	in := &ec2.DescribeLaunchTemplateVersionsInput{Versions: []string{version}}
	key := "name:" + aws.ToString(spec.LaunchTemplateName)
	if id := aws.ToString(spec.LaunchTemplateId); id != "" {
		in.LaunchTemplateId, key = spec.LaunchTemplateId, "id:"+id
	} else {
		in.LaunchTemplateName = spec.LaunchTemplateName
	}
	key += "@" + version
	if g, ok := r.cache[key]; ok {
		return g, nil
	}
	var g templateGroups
	p := ec2.NewDescribeLaunchTemplateVersionsPaginator(r.api, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		var ae smithy.APIError
		if errors.As(err, &ae) && strings.Contains(ae.ErrorCode(), "NotFound") {
			break
		}
		if err != nil {
			return templateGroups{}, err
		}
		for _, v := range page.LaunchTemplateVersions {
			g.found, g.id = true, aws.ToString(v.LaunchTemplateId)
			g.ids = append(g.ids, templateDataGroups(r.t, v.LaunchTemplateData)...)
		}
	}
	r.cache[key] = g
	return g, nil
}

// templateDataGroups are the groups a template version puts instances in:
// ids, names (resolved like a launch configuration's), and every network
// interface's groups.
func templateDataGroups(t usage.Target, d *types.ResponseLaunchTemplateData) []string {
	if d == nil {
		return nil
	}
	ids := append(append([]string{}, d.SecurityGroupIds...), svc.ByName(t, d.SecurityGroups)...)
	for _, ni := range d.NetworkInterfaces {
		ids = append(ids, ni.Groups...)
	}
	return ids
}

// asgTemplates lists every launch template an Auto Scaling group may
// launch from: its own, its mixed instances policy's, and each override's.
func asgTemplates(g astypes.AutoScalingGroup) []*astypes.LaunchTemplateSpecification {
	var out []*astypes.LaunchTemplateSpecification
	if g.LaunchTemplate != nil {
		out = append(out, g.LaunchTemplate)
	}
	if m := g.MixedInstancesPolicy; m != nil && m.LaunchTemplate != nil {
		if m.LaunchTemplate.LaunchTemplateSpecification != nil {
			out = append(out, m.LaunchTemplate.LaunchTemplateSpecification)
		}
		for _, o := range m.LaunchTemplate.Overrides {
			if o.LaunchTemplateSpecification != nil {
				out = append(out, o.LaunchTemplateSpecification)
			}
		}
	}
	return out
}

func templateLabel(s *astypes.LaunchTemplateSpecification) string {
	name := aws.ToString(s.LaunchTemplateName)
	if name == "" {
		name = aws.ToString(s.LaunchTemplateId)
	}
	v := aws.ToString(s.Version)
	if v == "" {
		v = "$Default"
	}
	return "launch template " + name + " version " + v
}

// followsDefault reports whether an Auto Scaling group launches whatever
// version is its template's default or latest: a new default version made
// by apply is then what it launches next.
func followsDefault(s *astypes.LaunchTemplateSpecification) bool {
	v := aws.ToString(s.Version)
	return v == "" || v == "$Default" || v == "$Latest"
}
