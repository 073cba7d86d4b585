package sim

import (
	"net/http"
	"strings"
)

// MSK Connect (REST-JSON, signing name kafkaconnect): ListConnectors
// (GET /v1/connectors), whose summaries carry the VPC settings.

var kafkaConnectOps = map[string]op{
	"ListConnectors": listKafkaConnectors,
}

func kafkaConnectRoute(r *http.Request) string {
	if r.Method == http.MethodGet && strings.TrimSuffix(r.URL.Path, "/") == "/v1/connectors" {
		return "ListConnectors"
	}
	return ""
}

func listKafkaConnectors(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	invalid := badRequest("BadRequestException")
	max, e := queryInt(c, "maxResults", invalid)
	if e != nil {
		return nil, e
	}
	var items []kafkaConnector
	for _, k := range c.state.kafkaConnectors {
		if strings.HasPrefix(k.Name, q.Get("connectorNamePrefix")) {
			items = append(items, k)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: invalid, action: c.Action, max: max, token: q.Get("nextToken")}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, k := range page {
		out = append(out, map[string]any{"connectorName": k.Name, "connectorArn": k.ARN, "connectorState": k.State,
			"creationTime": "2026-01-01T00:00:00.000Z", "currentVersion": "1", "kafkaConnectVersion": "2.7.1",
			"capacity": map[string]any{"provisionedCapacity": map[string]any{"mcuCount": 1, "workerCount": 1}},
			"kafkaCluster": map[string]any{"apacheKafkaCluster": map[string]any{"bootstrapServers": "b-1.kafka:9098",
				"vpc": map[string]any{"subnets": k.Net.Subnets, "securityGroups": nonNil(k.Net.Groups)}}},
			"serviceExecutionRoleArn": "arn:aws:iam::" + c.Account + ":role/connect"})
	}
	return withNext(map[string]any{"connectors": out}, "nextToken", next), nil
}

// kafkaConnectSpecs are MSK Connect's part of a region's scenario.
type kafkaConnectSpecs struct {
	MSKConnectors []MSKConnectorSpec `yaml:"msk_connectors"`
}

// kafkaConnectState is MSK Connect's part of a regionState; never changed.
type kafkaConnectState struct {
	kafkaConnectors []kafkaConnector
}

type kafkaConnector struct {
	Name, ARN, State string
	Net              *awsvpc
}

// MSKConnectorSpec is an MSK Connect connector: groups are
// vpc.securityGroups (omitted = none, so workers get the VPC's default
// group); state defaults to RUNNING.
type MSKConnectorSpec struct {
	Name      string `yaml:"name"`
	State     string `yaml:"state"`
	Placement `yaml:",inline"`
}

func (b *builder) addKafkaConnectors() error {
	seen := map[string]bool{}
	for i, s := range b.res.MSKConnectors {
		at := path{"msk_connectors", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		p := s.Placement
		if p.Groups == nil {
			p.Groups = []string{}
		}
		_, net, err := b.optionalNet(p, at)
		if err != nil {
			return err
		}
		state := strings.ToUpper(s.State)
		if state == "" {
			state = "RUNNING"
		}
		b.st.kafkaConnectors = append(b.st.kafkaConnectors, kafkaConnector{Name: s.Name, State: state, Net: net,
			ARN: b.arn("kafkaconnect", "connector/"+s.Name+"/"+b.uuid()+"-2")})
	}
	return nil
}
