package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Amazon AppStream 2.0 (JSON 1.1, target prefix PhotonAdminProxyService,
// signing name appstream): DescribeFleets and DescribeImageBuilders. A
// running fleet or image builder has one streaming-instance interface in
// its first subnet, on its groups; a stopped one has none. Their
// description is left empty: AWS documents none (docs/FIDELITY.md).
var appStreamOps = map[string]op{
	"DescribeFleets":        describeAppStreamFleets,
	"DescribeImageBuilders": describeAppStreamImageBuilders,
}

func appStreamInvalid(msg string) *apiError {
	return errf(http.StatusBadRequest, "InvalidParameterCombinationException", "%s", msg)
}

type appStreamRequest struct {
	Names      []string `json:"Names"`
	MaxResults int      `json:"MaxResults"`
	NextToken  string   `json:"NextToken"`
}

// appStreamSelect pages items, or returns the named ones (an unknown name
// is ResourceNotFoundException).
func appStreamSelect(c *call, items []appStreamResource, def int) ([]appStreamResource, string, *apiError) {
	var req appStreamRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, "", e
	}
	if len(req.Names) > 0 {
		var out []appStreamResource
		for _, n := range req.Names {
			i := slices.IndexFunc(items, func(r appStreamResource) bool { return r.Name == n })
			if i < 0 {
				return nil, "", errf(http.StatusBadRequest, "ResourceNotFoundException", "The resource %s does not exist.", n)
			}
			out = append(out, items[i])
		}
		return out, "", nil
	}
	return pageSlice(jsonPage{def: def, limit: def, invalid: appStreamInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, items)
}

func appStreamVPC(r appStreamResource) map[string]any {
	return map[string]any{"SubnetIds": nonNil(r.Subnets), "SecurityGroupIds": nonNil(r.Groups)}
}

func describeAppStreamFleets(c *call) (any, *apiError) {
	items, next, e := appStreamSelect(c, c.state.appStreamFleets, 25)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, f := range items {
		running := 0
		if f.State == "RUNNING" {
			running = 1
		}
		out = append(out, map[string]any{"Arn": f.ARN, "Name": f.Name, "InstanceType": "stream.standard.medium",
			"FleetType": "ON_DEMAND", "State": f.State, "VpcConfig": appStreamVPC(f), "CreatedTime": 1700000000,
			"ComputeCapacityStatus":       map[string]any{"Desired": 1, "Running": running, "InUse": 0, "Available": running},
			"EnableDefaultInternetAccess": false, "Platform": "WINDOWS_SERVER_2022"})
	}
	return withNext(map[string]any{"Fleets": out}, "NextToken", next), nil
}

func describeAppStreamImageBuilders(c *call) (any, *apiError) {
	items, next, e := appStreamSelect(c, c.state.appStreamBuilders, 25)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, b := range items {
		out = append(out, map[string]any{"Arn": b.ARN, "Name": b.Name, "InstanceType": "stream.standard.medium",
			"State": b.State, "VpcConfig": appStreamVPC(b), "CreatedTime": 1700000000, "Platform": "WINDOWS_SERVER_2022",
			"EnableDefaultInternetAccess": false})
	}
	return withNext(map[string]any{"ImageBuilders": out}, "NextToken", next), nil
}

// appStreamSpecs are AppStream's part of a region's scenario.
type appStreamSpecs struct {
	AppStreamFleets        []AppStreamSpec `yaml:"appstream_fleets"`
	AppStreamImageBuilders []AppStreamSpec `yaml:"appstream_image_builders"`
}

// appStreamState is AppStream's part of a regionState; never changed.
type appStreamState struct {
	appStreamFleets, appStreamBuilders []appStreamResource
}

// AppStreamSpec is an AppStream fleet (appstream_fleets) or image builder
// (appstream_image_builders). Groups must be given: whether AppStream
// falls back to the VPC's default group is not documented.
type AppStreamSpec struct {
	Name string `yaml:"name"`
	// State is running (default) or stopped.
	State     string `yaml:"state"`
	Placement `yaml:",inline"`
}

type appStreamResource struct {
	Name, ARN, State, VpcID string
	Groups, Subnets         []string
}

func (b *builder) addAppStream() error {
	for _, list := range []struct {
		field, arnType string
		specs          []AppStreamSpec
		out            *[]appStreamResource
	}{
		{"appstream_fleets", "fleet/", b.res.AppStreamFleets, &b.st.appStreamFleets},
		{"appstream_image_builders", "image-builder/", b.res.AppStreamImageBuilders, &b.st.appStreamBuilders},
	} {
		seen := map[string]bool{}
		for i, spec := range list.specs {
			at := path{list.field, i}
			if err := b.unique(seen, spec.Name, at); err != nil {
				return err
			}
			state := strings.ToUpper(spec.State)
			if state == "" {
				state = "RUNNING"
			}
			if state != "RUNNING" && state != "STOPPED" {
				return b.errAt(append(append(path{}, at...), "state"), "state %q is not running or stopped", spec.State)
			}
			if len(spec.Groups) == 0 {
				return b.errAt(append(append(path{}, at...), "groups"), "give the groups (VpcConfig.SecurityGroupIds)")
			}
			vpcID, groups, err := b.placed(spec.Placement, false, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			if state == "RUNNING" {
				n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
				n.Status, n.RequesterManaged = "in-use", true
				b.st.enis[n.ID] = n
			}
			*list.out = append(*list.out, appStreamResource{Name: spec.Name, ARN: b.arn("appstream", list.arnType+spec.Name),
				State: state, VpcID: vpcID, Groups: groups, Subnets: []string{sn.ID}})
		}
	}
	return nil
}
