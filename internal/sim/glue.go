package sim

// glueOps is AWS Glue (JSON 1.1, target prefix AWSGlue): connections, the
// only Glue resource that names security groups in this simulator.
// UpdateConnection (glue_update.go) changes them, so every op runs under
// the region lock.
var glueOps = map[string]op{
	"GetConnections": regionLocked(getGlueConnections),
	"GetConnection":  regionLocked(getGlueConnection),
	// glue_update.go
	"UpdateConnection": regionLocked(updateGlueConnection),
}

func getGlueConnections(c *call) (any, *apiError) {
	var req struct {
		Filter struct {
			ConnectionType string `json:"ConnectionType"`
		} `json:"Filter"`
		HidePassword bool   `json:"HidePassword"`
		NextToken    string `json:"NextToken"`
		MaxResults   int    `json:"MaxResults"`
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
		out = append(out, glueConnectionJSON(g, req.HidePassword))
	}
	return withNext(map[string]any{"ConnectionList": out}, "NextToken", next), nil
}

func getGlueConnection(c *call) (any, *apiError) {
	var req struct {
		Name         string `json:"Name"`
		HidePassword bool   `json:"HidePassword"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	g := c.state.glueConnectionNamed(req.Name)
	if g == nil {
		return nil, glueNotFound(req.Name)
	}
	return map[string]any{"Connection": glueConnectionJSON(*g, req.HidePassword)}, nil
}

// glueConnectionJSON is a connection as Get answers it; HidePassword leaves
// the PASSWORD property out.
func glueConnectionJSON(g glueConnection, hidePassword bool) map[string]any {
	props := map[string]string{}
	for k, v := range g.Properties {
		if k != "PASSWORD" || !hidePassword {
			props[k] = v
		}
	}
	v := map[string]any{"Name": g.Name, "ConnectionType": g.Type, "CreationTime": orgJoined, "LastUpdatedTime": orgJoined,
		"ConnectionProperties": props}
	if g.Description != "" {
		v["Description"] = g.Description
	}
	if g.SubnetID != "" || g.Groups != nil {
		v["PhysicalConnectionRequirements"] = map[string]any{"SubnetId": g.SubnetID,
			"SecurityGroupIdList": nonNil(g.Groups), "AvailabilityZone": g.AZ}
	}
	return v
}

// glueSpecs are Glue's part of a region's scenario.
type glueSpecs struct {
	GlueConnections []GlueConnectionSpec `yaml:"glue_connections"`
}

// glueState is Glue's part of a regionState; UpdateConnection changes it.
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

// glueConnection is a connection with the properties a JDBC connection
// has, a password among them: UpdateConnection replaces the whole
// definition, so a client that sends back less than it read loses it.
type glueConnection struct {
	Name, Type, Description, SubnetID, AZ string
	Groups                                []string
	Properties                            map[string]string
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
		gc := glueConnection{Name: c.Name, Type: typ, Description: "connection " + c.Name, Properties: map[string]string{
			"JDBC_CONNECTION_URL": "jdbc:postgresql://db.internal:5432/" + c.Name, "USERNAME": "app", "PASSWORD": "secret-" + c.Name}}
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
