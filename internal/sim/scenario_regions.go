package sim

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Region opt-in statuses, as DescribeRegions reports them.
const (
	optInNotRequired = "opt-in-not-required"
	optedIn          = "opted-in"
	notOptedIn       = "not-opted-in"
)

// RegionSpec is one region of an account. Regions that are not opted in
// are listed by DescribeRegions AllRegions=true but not served.
type RegionSpec struct {
	Name        string `yaml:"name"`
	OptInStatus string `yaml:"opt_in_status"` // default opt-in-not-required
}

func (r RegionSpec) enabled() bool { return r.OptInStatus != notOptedIn }

func (r RegionSpec) status() string {
	if r.OptInStatus == "" {
		return optInNotRequired
	}
	return r.OptInStatus
}

// RegionList is `standard`, or a list of names and {name, opt_in_status}.
type RegionList []RegionSpec

// standardNames are the regions enabled in every account by default.
var standardNames = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1",
	"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1",
	"ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2",
	"eu-west-3", "eu-north-1", "sa-east-1",
}

// standardRegions adds two opt-in regions so that region discovery must
// tell enabled from listed.
func standardRegions() RegionList {
	var l RegionList
	for _, n := range standardNames {
		l = append(l, RegionSpec{Name: n})
	}
	return append(l, RegionSpec{"af-south-1", notOptedIn}, RegionSpec{"me-south-1", notOptedIn})
}

// UnmarshalYAML decodes the three forms by hand: a custom unmarshaler's
// node.Decode would not inherit the strict (KnownFields) decoder.
func (l *RegionList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Value != "standard" {
			return fmt.Errorf("line %d: regions: want \"standard\" or a list, got %q", n.Line, n.Value)
		}
		*l = standardRegions()
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("line %d: regions: want \"standard\" or a list", n.Line)
	}
	out := RegionList{}
	for _, item := range n.Content {
		switch item.Kind {
		case yaml.ScalarNode:
			out = append(out, RegionSpec{Name: item.Value})
		case yaml.MappingNode:
			var r RegionSpec
			for i := 0; i+1 < len(item.Content); i += 2 {
				k, v := item.Content[i], item.Content[i+1]
				switch k.Value {
				case "name":
					r.Name = v.Value
				case "opt_in_status":
					r.OptInStatus = v.Value
				default:
					return fmt.Errorf("line %d: field %s not found in region (want name, opt_in_status)", k.Line, k.Value)
				}
			}
			out = append(out, r)
		default:
			return fmt.Errorf("line %d: regions: each entry is a name or {name, opt_in_status}", item.Line)
		}
	}
	*l = out
	return nil
}
