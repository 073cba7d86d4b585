package sim

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Amazon MQ (REST-JSON, signing name mq, API 2017-11-27): ListBrokers,
// DescribeBroker and UpdateBroker's SecurityGroups. An ActiveMQ broker has
// one interface per broker instance in the account's VPC, described
// "Amazon MQ network interface for broker <id>"; UpdateBroker moves them.
// AWS documents UpdateBroker as adding a pending change, and DescribeBroker
// shows the new groups in PendingSecurityGroups for settlingReads reads
// before SecurityGroups carries them. A group change needs no reboot
// (docs/FIDELITY.md gives the evidence). RabbitMQ brokers refuse a change
// of groups, as AWS does.
var mqOps = map[string]op{
	"ListBrokers":    regionLocked(listMQBrokers),
	"DescribeBroker": regionLocked(describeMQBroker),
	"UpdateBroker":   regionLocked(updateMQBroker),
}

// mqMaxGroups is UpdateBroker's limit of groups (1 minimum, 5 maximum).
const mqMaxGroups = 5

// mqRoute names the action of an Amazon MQ request from method and path.
func mqRoute(r *http.Request) string {
	p, ok := strings.CutPrefix(r.URL.Path, "/v1/brokers")
	switch {
	case !ok:
		return ""
	case p == "" && r.Method == http.MethodGet:
		return "ListBrokers"
	case !strings.HasPrefix(p, "/") || strings.Contains(p[1:], "/"):
		return ""
	case r.Method == http.MethodGet:
		return "DescribeBroker"
	case r.Method == http.MethodPut:
		return "UpdateBroker"
	}
	return ""
}

// mqBadRequest is Amazon MQ's 400, naming the attribute at fault.
func mqBadRequest(attr, format string, args ...any) *apiError {
	e := errf(http.StatusBadRequest, "BadRequestException", format, args...)
	e.Attribute = attr
	return e
}

func listMQBrokers(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	size := 0
	if v := q.Get("maxResults"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n == 0 {
			return nil, mqBadRequest("maxResults", "maxResults must be an integer from 1 to 100")
		}
		size = n
	}
	items, next, e := pageSlice(jsonPage{def: 20, limit: 100, action: c.Action, max: size, token: q.Get("nextToken"),
		invalid: func(msg string) *apiError { return mqBadRequest("nextToken", "%s", msg) }}, c.state.mqBrokers)
	if e != nil {
		return nil, e
	}
	summaries := []map[string]any{}
	for _, b := range items {
		summaries = append(summaries, map[string]any{"brokerArn": b.ARN, "brokerId": b.ID, "brokerName": b.Name,
			"brokerState": "RUNNING", "created": b.Created, "deploymentMode": b.DeploymentMode,
			"engineType": b.Engine, "hostInstanceType": b.InstanceType})
	}
	return withNext(map[string]any{"brokerSummaries": summaries}, "nextToken", next), nil
}

// mqBrokerOf finds the broker the path names, by id as AWS does.
func mqBrokerOf(c *call) (*mqBroker, *apiError) {
	id := strings.TrimPrefix(c.HTTP.URL.Path, "/v1/brokers/")
	for i := range c.state.mqBrokers {
		if c.state.mqBrokers[i].ID == id {
			return &c.state.mqBrokers[i], nil
		}
	}
	return nil, errf(http.StatusNotFound, "NotFoundException", "Can't find requested broker [%s]. Make sure your broker exists.", id)
}

func describeMQBroker(c *call) (any, *apiError) {
	b, e := mqBrokerOf(c)
	if e != nil {
		return nil, e
	}
	out := map[string]any{"brokerArn": b.ARN, "brokerId": b.ID, "brokerName": b.Name, "brokerState": "RUNNING",
		"created": b.Created, "deploymentMode": b.DeploymentMode, "engineType": b.Engine, "engineVersion": b.EngineVersion,
		"hostInstanceType": b.InstanceType, "publiclyAccessible": false, "autoMinorVersionUpgrade": true,
		"authenticationStrategy": "SIMPLE", "storageType": b.StorageType, "securityGroups": nonNil(b.Groups),
		"subnetIds": nonNil(b.Subnets), "tags": tagMap(b.Tags), "users": []any{}, "brokerInstances": c.state.mqInstances(b)}
	if b.Pending > 0 {
		out["pendingSecurityGroups"], out["securityGroups"] = b.PendingGroups, nonNil(b.Previous)
		if b.Pending--; b.Pending == 0 {
			b.Previous, b.PendingGroups = nil, nil
		}
	}
	return out, nil
}

// mqInstances are the broker instances: for ActiveMQ, one per interface,
// with its address.
func (st *regionState) mqInstances(b *mqBroker) []map[string]any {
	out := []map[string]any{}
	host := func(i int) string { return fmt.Sprintf("%s-%d.mq.%s.amazonaws.com", b.ID, i+1, st.region) }
	if b.Engine == "RABBITMQ" {
		h := b.ID + ".mq." + st.region + ".amazonaws.com"
		return append(out, map[string]any{"consoleURL": "https://" + h, "endpoints": []string{"amqps://" + h + ":5671"}})
	}
	for i, id := range b.Interfaces {
		inst := map[string]any{"consoleURL": "https://" + host(i) + ":8162",
			"endpoints": []string{"ssl://" + host(i) + ":61617", "amqp+ssl://" + host(i) + ":5671"}}
		if n := st.enis[id]; n != nil {
			inst["ipAddress"] = n.PrivateIPAddress
		}
		out = append(out, inst)
	}
	return out
}

// mqSpecs are Amazon MQ's part of a region's scenario.
type mqSpecs struct {
	MQBrokers []MQBrokerSpec `yaml:"mq_brokers"`
}

// mqState is Amazon MQ's part of a regionState, in scenario order (also
// the paging order); UpdateBroker changes it under the region lock.
type mqState struct {
	mqBrokers []mqBroker
}

// MQBrokerSpec is an Amazon MQ broker (mq_brokers). Omitted groups: the
// VPC's default group, as CreateBroker falls back to it.
type MQBrokerSpec struct {
	Name string `yaml:"name"`
	// Engine is activemq (default) or rabbitmq.
	Engine string `yaml:"engine"`
	// DeploymentMode is single_instance (default), active_standby_multi_az
	// (ActiveMQ) or cluster_multi_az (RabbitMQ).
	DeploymentMode string `yaml:"deployment_mode"`
	Placement      `yaml:",inline"`
	// Subnets are names or ids in the VPC; omitted: the VPC's first one,
	// two (active/standby) or three (cluster).
	Subnets []string          `yaml:"subnets"`
	Tags    map[string]string `yaml:"tags"`
}

type mqBroker struct {
	ID, ARN, Name, Engine, EngineVersion, DeploymentMode string
	InstanceType, StorageType, Created, VpcID            string
	Subnets, Groups                                      []string
	Interfaces                                           []string // ActiveMQ: one per broker instance
	Tags                                                 []Tag
	// After UpdateBroker, Pending counts the DescribeBroker reads left that
	// show PendingGroups beside the Previous groups.
	Pending                 int
	Previous, PendingGroups []string
}

// mqModes are the deployment modes by engine and their subnet counts.
var mqModes = map[string]map[string]int{
	"ACTIVEMQ": {"SINGLE_INSTANCE": 1, "ACTIVE_STANDBY_MULTI_AZ": 2},
	"RABBITMQ": {"SINGLE_INSTANCE": 1, "CLUSTER_MULTI_AZ": 3},
}

// addMQBrokers builds the brokers and, for ActiveMQ, their interfaces.
func (b *builder) addMQBrokers() error {
	seen := map[string]bool{}
	for i, spec := range b.res.MQBrokers {
		at := path{"mq_brokers", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		engine, mode := strings.ToUpper(spec.Engine), strings.ToUpper(spec.DeploymentMode)
		if engine == "" {
			engine = "ACTIVEMQ"
		}
		if mode == "" {
			mode = "SINGLE_INSTANCE"
		}
		want, ok := mqModes[engine][mode]
		if !ok {
			return b.errAt(at, "engine %q with deployment_mode %q is not a broker Amazon MQ creates", spec.Engine, spec.DeploymentMode)
		}
		vpcID, groups, err := b.placed(spec.Placement, true, at)
		if err != nil {
			return err
		}
		subnets, err := b.mqSubnets(vpcID, spec.Subnets, want, at)
		if err != nil {
			return err
		}
		id := "b-" + b.uuid()
		br := mqBroker{ID: id, ARN: b.arn("mq", "broker:"+spec.Name+":"+id), Name: spec.Name, Engine: engine,
			DeploymentMode: mode, InstanceType: "mq.m5.large", StorageType: "EBS", Created: created.Format(time.RFC3339),
			VpcID: vpcID, Groups: groups, Tags: tagsOf(spec.Tags, "")}
		br.EngineVersion = map[string]string{"ACTIVEMQ": "5.18", "RABBITMQ": "3.13"}[engine]
		if mode == "ACTIVE_STANDBY_MULTI_AZ" {
			br.StorageType = "EFS"
		}
		for _, sn := range subnets {
			br.Subnets = append(br.Subnets, sn.ID)
			if engine == "ACTIVEMQ" {
				n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
				n.Description, n.Status = "Amazon MQ network interface for broker "+id, "in-use"
				b.st.enis[n.ID] = n
				br.Interfaces = append(br.Interfaces, n.ID)
			}
		}
		b.st.mqBrokers = append(b.st.mqBrokers, br)
	}
	return nil
}

// mqSubnets resolves the listed subnets, or takes the VPC's first want
// subnets in id order.
func (b *builder) mqSubnets(vpcID string, refs []string, want int, at path) ([]*Subnet, error) {
	var out []*Subnet
	for j, ref := range refs {
		sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
		if err != nil {
			return nil, err
		}
		out = append(out, sn)
	}
	for _, id := range sortedKeys(b.st.subnets) {
		if len(refs) > 0 || len(out) == want {
			break
		}
		if sn := b.st.subnets[id]; sn.VpcID == vpcID {
			out = append(out, sn)
		}
	}
	if len(out) != want {
		return nil, b.errAt(append(append(path{}, at...), "subnets"), "this deployment mode needs %d subnets, got %d", want, len(out))
	}
	return out, nil
}
