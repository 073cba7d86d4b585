package sim

import (
	"net/http"
	"slices"
)

// Amazon Redshift Serverless (JSON 1.1, target prefix RedshiftServerless,
// signing name redshift-serverless): ListWorkgroups, ListEndpointAccess,
// ListTagsForResource, and the group changes (redshiftserverless_update.go).
// A workgroup and a managed VPC endpoint each have one
// interface per subnet, on their groups, with an empty description: AWS
// documents none (docs/FIDELITY.md).
var redshiftServerlessOps = map[string]op{
	"ListWorkgroups":       regionLocked(listRSSWorkgroups),
	"ListEndpointAccess":   regionLocked(listRSSEndpoints),
	"ListTagsForResource":  regionLocked(listRSSTags),
	"GetWorkgroup":         regionLocked(getRSSWorkgroup),
	"UpdateWorkgroup":      regionLocked(updateRSSWorkgroup),
	"GetEndpointAccess":    regionLocked(getRSSEndpoint),
	"UpdateEndpointAccess": regionLocked(updateRSSEndpoint),
}

func rssValidation(msg string) *apiError {
	return errf(http.StatusBadRequest, "ValidationException", "%s", msg)
}

type rssListRequest struct {
	MaxResults int    `json:"maxResults"`
	NextToken  string `json:"nextToken"`
}

func listRSSWorkgroups(c *call) (any, *apiError) {
	var req rssListRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: rssValidation,
		action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.rssWorkgroups)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for i := range items {
		out = append(out, rssWorkgroupJSON(&items[i], true))
	}
	return withNext(map[string]any{"workgroups": out}, "nextToken", next), nil
}

func listRSSEndpoints(c *call) (any, *apiError) {
	var req rssListRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: rssValidation,
		action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.rssEndpoints)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for i := range items {
		out = append(out, rssEndpointJSON(&items[i], true))
	}
	return withNext(map[string]any{"endpoints": out}, "nextToken", next), nil
}

func listRSSTags(c *call) (any, *apiError) {
	var req struct {
		ResourceArn string `json:"resourceArn"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	i := slices.IndexFunc(c.state.rssWorkgroups, func(w rssWorkgroup) bool { return w.ARN == req.ResourceArn })
	if i < 0 {
		return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Resource %s not found.", req.ResourceArn)
	}
	tags := []map[string]string{}
	for _, t := range c.state.rssWorkgroups[i].Tags {
		tags = append(tags, map[string]string{"key": t.Key, "value": t.Value})
	}
	return map[string]any{"tags": tags}, nil
}

// redshiftServerlessSpecs are Redshift Serverless's part of a region's
// scenario.
type redshiftServerlessSpecs struct {
	RSSWorkgroups []RSSWorkgroupSpec `yaml:"redshift_serverless_workgroups"`
}

// redshiftServerlessState is Redshift Serverless's part of a regionState;
// only the groups change (UpdateWorkgroup, UpdateEndpointAccess).
type redshiftServerlessState struct {
	rssWorkgroups []rssWorkgroup
	// rssEndpoints are vpcResources whose Type is their workgroup's name.
	rssEndpoints []vpcResource
	// rssEndpointENIs are each endpoint's interface ids, by endpoint name.
	rssEndpointENIs map[string][]string
}

// RSSWorkgroupSpec is a Redshift Serverless workgroup
// (redshift_serverless_workgroups) with its managed VPC endpoints. Groups
// must be given: whether CreateWorkgroup falls back to the default group
// is not documented.
type RSSWorkgroupSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
	// Endpoints are its managed VPC endpoints (CreateEndpointAccess), each
	// in its own VPC and groups (given, as above).
	Endpoints []VPCResourceSpec `yaml:"endpoints"`
}

type rssWorkgroup struct {
	Name, ARN, ID, VpcID string
	Groups, Subnets      []string
	Interfaces           []string
	Tags                 []Tag
	// Pending is how many more reads show the workgroup MODIFYING.
	Pending int
}

// addRedshiftServerless builds the workgroups, their endpoints and the
// interfaces of both, one each in the VPC's first subnet.
func (b *builder) addRedshiftServerless() error {
	seen, seenEndpoint := map[string]bool{}, map[string]bool{}
	for i, spec := range b.res.RSSWorkgroups {
		at := path{"redshift_serverless_workgroups", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		vpcID, groups, sn, err := b.rssPlaced(spec.Placement, at)
		if err != nil {
			return err
		}
		id := b.uuid()
		w := rssWorkgroup{Name: spec.Name, ID: id, ARN: b.arn("redshift-serverless", "workgroup/"+id), VpcID: vpcID,
			Groups: groups, Subnets: []string{sn.ID}, Tags: tagsOf(spec.Tags, "")}
		w.Interfaces = append(w.Interfaces, b.rssInterface(sn, groups))
		b.st.rssWorkgroups = append(b.st.rssWorkgroups, w)
		for j, es := range spec.Endpoints {
			eat := append(append(path{}, at...), "endpoints", j)
			if err := b.unique(seenEndpoint, es.Name, eat); err != nil {
				return err
			}
			evpc, egroups, esn, err := b.rssPlaced(es.Placement, eat)
			if err != nil {
				return err
			}
			if b.st.rssEndpointENIs == nil {
				b.st.rssEndpointENIs = map[string][]string{}
			}
			b.st.rssEndpointENIs[es.Name] = []string{b.rssInterface(esn, egroups)}
			b.st.rssEndpoints = append(b.st.rssEndpoints, vpcResource{Name: es.Name, Type: spec.Name, VpcID: evpc,
				ARN: b.arn("redshift-serverless", "managedvpcendpoint/"+b.uuid()), Subnets: []string{esn.ID}, Groups: egroups})
		}
	}
	return nil
}

func (b *builder) rssPlaced(p Placement, at path) (string, []string, *Subnet, error) {
	if len(p.Groups) == 0 {
		return "", nil, nil, b.errAt(append(append(path{}, at...), "groups"), "give the groups (securityGroupIds)")
	}
	vpcID, groups, err := b.placed(p, false, at)
	if err != nil {
		return "", nil, nil, err
	}
	sn, err := b.subnetOf(vpcID, "", at)
	return vpcID, groups, sn, err
}

func (b *builder) rssInterface(sn *Subnet, groups []string) string {
	n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
	n.Status, n.RequesterManaged = "in-use", true
	b.st.enis[n.ID] = n
	return n.ID
}
