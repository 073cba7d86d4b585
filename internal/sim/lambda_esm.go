package sim

import (
	"crypto/sha1"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Lambda event source mappings: ListEventSourceMappings (GET
// /2015-03-31/event-source-mappings, Marker and MaxItems),
// GetEventSourceMapping and UpdateEventSourceMapping (GET and PUT
// /2015-03-31/event-source-mappings/{UUID}). lambda.go adds them to
// lambdaOps and lambdaRoute.

func listEventSourceMappings(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	invalid := badRequest("InvalidParameterValueException")
	max, e := queryInt(c, "MaxItems", invalid)
	if e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 10000, invalid: invalid, action: c.Action, max: max, token: q.Get("Marker")}, c.state.eventSourceMappings)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for i := range page {
		m := &page[i]
		out = append(out, m.json(c, m.settling()))
	}
	return withNext(map[string]any{"EventSourceMappings": out}, "NextMarker", next), nil
}

// json is a mapping as Lambda answers it; updating: a change of its
// SourceAccessConfigurations still applying (State Updating).
func (m *eventSourceMapping) json(c *call, updating bool) map[string]any {
	fn := "arn:aws:lambda:" + c.Region + ":" + c.Account + ":function:" + m.Function
	state := "Enabled"
	if updating {
		state = "Updating"
	}
	item := map[string]any{"UUID": m.UUID, "EventSourceMappingArn": "arn:aws:lambda:" + c.Region + ":" + c.Account + ":event-source-mapping:" + m.UUID,
		"FunctionArn": fn, "State": state, "BatchSize": 100, "LastModified": 1700000000}
	if m.VpcID == "" {
		item["EventSourceArn"] = "arn:aws:sqs:" + c.Region + ":" + c.Account + ":queue"
		return item
	}
	access := []map[string]string{}
	for _, a := range m.Access {
		access = append(access, map[string]string{"Type": a.Type, "URI": a.URI})
	}
	item["SelfManagedEventSource"] = map[string]any{"Endpoints": map[string][]string{"KAFKA_BOOTSTRAP_SERVERS": {"kafka.internal:9092"}}}
	item["Topics"] = []string{"orders"}
	item["StartingPosition"] = "LATEST"
	item["SourceAccessConfigurations"] = access
	return item
}

func (st *regionState) eventSourceMapping(c *call) (*eventSourceMapping, *apiError) {
	uuid, _ := strings.CutPrefix(strings.TrimSuffix(c.HTTP.URL.Path, "/"), "/2015-03-31/event-source-mappings/")
	for i := range st.eventSourceMappings {
		if st.eventSourceMappings[i].UUID == uuid {
			return &st.eventSourceMappings[i], nil
		}
	}
	return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "The resource you requested does not exist. (Service: Lambda, Status Code: 404)")
}

func getEventSourceMapping(c *call) (any, *apiError) {
	m, e := c.state.eventSourceMapping(c)
	if e != nil {
		return nil, e
	}
	return m.json(c, m.settling()), nil
}

// updateEventSourceMapping replaces SourceAccessConfigurations whole (the
// only member modelled): what the request leaves out is gone. Its
// VPC_SECURITY_GROUP entries must name groups of the mapping's VPC
// (InvalidParameterValueException). The mapping is Updating for the next
// read, and another update meanwhile is refused (ResourceInUseException).
func updateEventSourceMapping(c *call) (any, *apiError) {
	m, e := c.state.eventSourceMapping(c)
	if e != nil {
		return nil, e
	}
	var req struct {
		SourceAccessConfigurations *[]accessConfig `json:"SourceAccessConfigurations"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	invalid := badRequest("InvalidParameterValueException")
	if req.SourceAccessConfigurations != nil {
		next := *req.SourceAccessConfigurations
		if m.VpcID == "" {
			return nil, invalid("SourceAccessConfigurations apply to Kafka and Amazon MQ event sources only.")
		}
		var groups []string
		for _, a := range next {
			if a.Type == "VPC_SECURITY_GROUP" {
				id, ok := strings.CutPrefix(a.URI, "security_group:")
				if !ok {
					return nil, invalid("Invalid URI " + a.URI + " for VPC_SECURITY_GROUP.")
				}
				groups = append(groups, id)
			}
		}
		switch id := c.state.invalidGroup(m.VpcID, groups); {
		case m.Pending > 0:
			return nil, errf(http.StatusBadRequest, "ResourceInUseException",
				"Cannot update the event source mapping %s because it is in use.", m.UUID)
		case id != "":
			return nil, invalid("The security group " + id + " does not exist in the VPC " + m.VpcID + " of the event source.")
		}
		if !slices.Equal(m.Access, next) {
			m.Access, m.Pending = slices.Clone(next), settlingReads
		}
	}
	return m.json(c, m.Pending > 0), nil
}

// lambdaESMSpecs are the event source mappings' part of a region's scenario.
type lambdaESMSpecs struct {
	EventSourceMappings []EventSourceMappingSpec `yaml:"lambda_event_source_mappings"`
}

// lambdaESMState is the event source mappings' part of a regionState.
type lambdaESMState struct {
	eventSourceMappings []eventSourceMapping
}

type accessConfig struct {
	Type string `json:"Type"`
	URI  string `json:"URI"`
}

type eventSourceMapping struct {
	UUID, Function string
	VpcID          string // "": an SQS queue, no VPC
	Access         []accessConfig
	// Pending is how many more reads show an update still applying.
	Pending int
}

// settling reports whether an update is still applying, counting the read.
func (m *eventSourceMapping) settling() bool {
	if m.Pending == 0 {
		return false
	}
	m.Pending--
	return true
}

// EventSourceMappingSpec is a Lambda event source mapping: source "kafka"
// (default) is a self-managed Kafka cluster reached through VPC_SUBNET
// and VPC_SECURITY_GROUP (omitted groups: subnets only, so the VPC's
// default group); "sqs" has no VPC.
type EventSourceMappingSpec struct {
	Function  string `yaml:"function"`
	Source    string `yaml:"source"`
	Placement `yaml:",inline"`
	// Auth is the ARN of a Secrets Manager secret, a SASL_SCRAM_512_AUTH
	// entry listed before the VPC ones.
	Auth string `yaml:"auth"`
}

func (b *builder) addEventSourceMappings() error {
	for i, s := range b.res.EventSourceMappings {
		at := path{"lambda_event_source_mappings", i}
		if s.Function == "" {
			return b.errAt(append(at, "function"), "function is required")
		}
		// Hashed rather than drawn from the id counter, so adding a
		// mapping leaves every other generated id as it was.
		h := sha1.Sum([]byte(fmt.Sprintf("%s/%s/%d/%s", b.st.account, b.st.region, i, s.Function)))
		x := fmt.Sprintf("%x", h[:16])
		m := eventSourceMapping{UUID: x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:], Function: s.Function}
		switch s.Source {
		case "", "kafka":
			p := s.Placement
			if p.Groups == nil {
				p.Groups = []string{}
			}
			vpcID, net, err := b.optionalNet(p, at)
			if err != nil {
				return err
			}
			m.VpcID, m.Access = vpcID, []accessConfig{}
			if s.Auth != "" {
				m.Access = append(m.Access, accessConfig{"SASL_SCRAM_512_AUTH", s.Auth})
			}
			for _, sn := range net.Subnets {
				m.Access = append(m.Access, accessConfig{"VPC_SUBNET", "subnet:" + sn})
			}
			for _, g := range net.Groups {
				m.Access = append(m.Access, accessConfig{"VPC_SECURITY_GROUP", "security_group:" + g})
			}
		case "sqs":
		default:
			return b.errAt(append(at, "source"), "source %q is not kafka or sqs", s.Source)
		}
		b.st.eventSourceMappings = append(b.st.eventSourceMappings, m)
	}
	return nil
}
