package sim

import (
	"crypto/sha1"
	"fmt"
)

// Lambda event source mappings: ListEventSourceMappings (GET
// /2015-03-31/event-source-mappings, Marker and MaxItems). lambda.go adds
// it to lambdaOps and lambdaRoute.

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
	for _, m := range page {
		fn := "arn:aws:lambda:" + c.Region + ":" + c.Account + ":function:" + m.Function
		item := map[string]any{"UUID": m.UUID, "EventSourceMappingArn": "arn:aws:lambda:" + c.Region + ":" + c.Account + ":event-source-mapping:" + m.UUID,
			"FunctionArn": fn, "State": "Enabled", "BatchSize": 100, "LastModified": 1700000000}
		if m.Net == nil {
			item["EventSourceArn"] = "arn:aws:sqs:" + c.Region + ":" + c.Account + ":queue"
		} else {
			access := []map[string]string{}
			for _, s := range m.Net.Subnets {
				access = append(access, map[string]string{"Type": "VPC_SUBNET", "URI": "subnet:" + s})
			}
			for _, g := range m.Net.Groups {
				access = append(access, map[string]string{"Type": "VPC_SECURITY_GROUP", "URI": "security_group:" + g})
			}
			item["SelfManagedEventSource"] = map[string]any{"Endpoints": map[string][]string{"KAFKA_BOOTSTRAP_SERVERS": {"kafka.internal:9092"}}}
			item["Topics"] = []string{"orders"}
			item["StartingPosition"] = "LATEST"
			item["SourceAccessConfigurations"] = access
		}
		out = append(out, item)
	}
	return withNext(map[string]any{"EventSourceMappings": out}, "NextMarker", next), nil
}

// lambdaESMSpecs are the event source mappings' part of a region's scenario.
type lambdaESMSpecs struct {
	EventSourceMappings []EventSourceMappingSpec `yaml:"lambda_event_source_mappings"`
}

// lambdaESMState is the event source mappings' part of a regionState.
type lambdaESMState struct {
	eventSourceMappings []eventSourceMapping
}

type eventSourceMapping struct {
	UUID, Function string
	Net            *awsvpc // nil: an SQS queue, no VPC
}

// EventSourceMappingSpec is a Lambda event source mapping: source "kafka"
// (default) is a self-managed Kafka cluster reached through VPC_SUBNET
// and VPC_SECURITY_GROUP (omitted groups: subnets only, so the VPC's
// default group); "sqs" has no VPC.
type EventSourceMappingSpec struct {
	Function  string `yaml:"function"`
	Source    string `yaml:"source"`
	Placement `yaml:",inline"`
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
			_, net, err := b.optionalNet(p, at)
			if err != nil {
				return err
			}
			m.Net = net
		case "sqs":
		default:
			return b.errAt(append(at, "source"), "source %q is not kafka or sqs", s.Source)
		}
		b.st.eventSourceMappings = append(b.st.eventSourceMappings, m)
	}
	return nil
}
