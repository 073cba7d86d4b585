package sim

import (
	"fmt"
	"slices"
	"strings"
)

// EC2 Spot Instance requests (DescribeSpotInstanceRequests): read-only. A
// request's launch specification carries groups (id and name), a subnet
// and network interfaces, as a Spot Fleet's inline specification does; ids
// are sir- and eight hex digits, as AWS shows them.

// SpotRequestSpec is a Spot Instance request (spot_instance_requests).
type SpotRequestSpec struct {
	ID             string `yaml:"id"`    // pin the sir- id
	Type           string `yaml:"type"`  // one-time (default) or persistent
	State          string `yaml:"state"` // SpotInstanceState; default open
	SpotLaunchSpec `yaml:",inline"`
	Tags           map[string]string `yaml:"tags"`
}

type spotRequest struct {
	ID, Type, State string
	Spec            spotLaunchSpec
	Tags            []Tag
}

var spotRequestStates = []string{"open", "active", "closed", "cancelled", "failed", "disabled"}

func (b *builder) addSpotRequests() error {
	b.st.spotRequests = map[string]*spotRequest{}
	seen := map[string]bool{}
	for i, r := range b.res.SpotRequests {
		at := path{"spot_instance_requests", i}
		id := r.ID
		if id == "" {
			// From the position, not the id generator: adding requests to a
			// scenario leaves every other generated id as it was.
			id = fmt.Sprintf("sir-%08x", i+1)
		}
		if !strings.HasPrefix(id, "sir-") {
			return b.errAt(append(at, "id"), "id %q does not start with sir-", id)
		}
		if err := b.unique(seen, id, append(at, "id")); err != nil {
			return err
		}
		sr := &spotRequest{ID: id, Type: orDefault(r.Type, "one-time"), State: orDefault(r.State, "open"), Tags: tagsOf(r.Tags, "")}
		if !slices.Contains(spotRequestStates, sr.State) {
			return b.errAt(append(at, "state"), "state %q is not one of %v", r.State, spotRequestStates)
		}
		if sr.Type != "one-time" && sr.Type != "persistent" {
			return b.errAt(append(at, "type"), "type %q is not one-time or persistent", r.Type)
		}
		if r.VPC != "" && r.Subnet == "" && len(r.Interfaces) == 0 {
			// A request placed in a VPC launches into one of its subnets.
			vpcID, _, err := b.placed(r.Placement, false, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			r.Subnet = sn.ID
		}
		spec, err := b.spotLaunchSpec(r.SpotLaunchSpec, at)
		if err != nil {
			return err
		}
		sr.Spec = spec
		b.st.spotRequests[id] = sr
	}
	return nil
}

var spotRequestFilter = filterer[*spotRequest]{
	fields: fields[*spotRequest]{
		"state":                    func(r *spotRequest) []string { return one(r.State) },
		"type":                     func(r *spotRequest) []string { return one(r.Type) },
		"spot-instance-request-id": func(r *spotRequest) []string { return one(r.ID) },
	},
	tags: func(r *spotRequest) []Tag { return r.Tags },
}

type xSpotStatus struct {
	Code       string `xml:"code"`
	Message    string `xml:"message"`
	UpdateTime string `xml:"updateTime"`
}

type xSpotRequest struct {
	ID                   string          `xml:"spotInstanceRequestId"`
	SpotPrice            string          `xml:"spotPrice"`
	Type                 string          `xml:"type"`
	State                string          `xml:"state"`
	Status               xSpotStatus     `xml:"status"`
	LaunchSpec           xSpotLaunchSpec `xml:"launchSpecification"`
	CreateTime           string          `xml:"createTime"`
	ProductDescription   string          `xml:"productDescription"`
	InterruptionBehavior string          `xml:"instanceInterruptionBehavior"`
	TagSet               *items[xTag]    `xml:"tagSet,omitempty"`
}

// spotStatusCodes are the status codes AWS's Spot request lifecycle shows
// in each state (the simulator picks one).
var spotStatusCodes = map[string]string{"open": "pending-fulfillment", "active": "fulfilled", "closed": "instance-terminated-by-user",
	"cancelled": "canceled-before-fulfillment", "failed": "bad-parameters", "disabled": "instance-stopped-by-user"}

func describeSpotInstanceRequests(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.spotRequests, "SpotInstanceRequestId", func(id string) *apiError {
		return notFound("InvalidSpotInstanceRequestID.NotFound", "The spot instance request ID '%s' does not exist", id)
	}, spotRequestFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Requests  items[xSpotRequest] `xml:"spotInstanceRequestSet"`
		NextToken string              `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Requests.Item = []xSpotRequest{}
	for _, id := range ids {
		r := st.spotRequests[id]
		out.Requests.Item = append(out.Requests.Item, xSpotRequest{ID: r.ID, SpotPrice: "0.096000", Type: r.Type, State: r.State,
			Status:     xSpotStatus{Code: spotStatusCodes[r.State], Message: "simulated", UpdateTime: ec2Created},
			LaunchSpec: st.xSpotLaunchSpec(r.Spec), CreateTime: ec2Created, ProductDescription: "Linux/UNIX",
			InterruptionBehavior: "terminate", TagSet: xTags(r.Tags)})
	}
	return out, nil
}
