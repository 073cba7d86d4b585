package sim

// glueOps is AWS Glue (JSON 1.1, target prefix AWSGlue): connections, the
// only Glue resource that names security groups in this simulator.
var glueOps = map[string]op{
	"GetConnections": getGlueConnections,
}

func getGlueConnections(c *call) (any, *apiError) {
	var req struct {
		Filter struct {
			ConnectionType string `json:"ConnectionType"`
		} `json:"Filter"`
		NextToken  string `json:"NextToken"`
		MaxResults int    `json:"MaxResults"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var conns []glueConnection
	for _, g := range c.state.glueConnections {
		if req.Filter.ConnectionType == "" || req.Filter.ConnectionType == g.Type {
			conns = append(conns, g)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 1000, invalid: badRequest("InvalidInputException"),
		action: c.Action, max: req.MaxResults, token: req.NextToken}, conns)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, g := range items {
		v := map[string]any{"Name": g.Name, "ConnectionType": g.Type, "CreationTime": orgJoined, "LastUpdatedTime": orgJoined,
			"ConnectionProperties": map[string]string{"JDBC_CONNECTION_URL": "jdbc:postgresql://db.internal:5432/" + g.Name}}
		if g.SubnetID != "" {
			v["PhysicalConnectionRequirements"] = map[string]any{"SubnetId": g.SubnetID,
				"SecurityGroupIdList": nonNil(g.Groups), "AvailabilityZone": g.AZ}
		}
		out = append(out, v)
	}
	return withNext(map[string]any{"ConnectionList": out}, "NextToken", next), nil
}

// glueSpecs are Glue's part of a region's scenario.
type glueSpecs struct {
	GlueConnections []GlueConnectionSpec `yaml:"glue_connections"`
}

// glueState is Glue's part of a regionState; never changed.
type glueState struct {
	glueConnections []glueConnection
}

// GlueConnectionSpec is a Glue connection with physical connection
// requirements (JDBC, NETWORK, ...). Omitted groups: none.
type GlueConnectionSpec struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`   // default JDBC
	Subnet    string `yaml:"subnet"` // name or id; omitted = the VPC's first
	Placement `yaml:",inline"`
}

type glueConnection struct {
	Name, Type, SubnetID, AZ string
	Groups                   []string
}

func (b *builder) addGlue() error {
	seen := map[string]bool{}
	for i, c := range b.res.GlueConnections {
		at := path{"glue_connections", i}
		if err := b.unique(seen, c.Name, at); err != nil {
			return err
		}
		typ := c.Type
		if typ == "" {
			typ = "JDBC"
		}
		gc := glueConnection{Name: c.Name, Type: typ}
		if c.Groups != nil || c.Subnet != "" {
			vpcID, ids, err := b.placed(c.Placement, false, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, c.Subnet, append(at, "subnet"))
			if err != nil {
				return err
			}
			gc.SubnetID, gc.AZ, gc.Groups = sn.ID, sn.AvailabilityZone, ids
		}
		b.st.glueConnections = append(b.st.glueConnections, gc)
	}
	return nil
}
