// Package firehose is everything defaultsg knows about Amazon Data Firehose: delivery streams to VPC destinations, seen through their interfaces.
package firehose

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// DeliveryStream is the one resource kind of firehose the tool reports.
const DeliveryStream resource.Kind = "firehose.delivery-stream"

// Service lists the kind, interface signature and fallbacks of firehose.
var Service = svc.Service{
	Name:       "firehose",
	Kinds:      []svc.KindDef{{Kind: DeliveryStream, Name: "Firehose delivery stream", Manual: svc.Manual{Recreate: true}}},
	Signatures: []svc.Signature{{Kind: DeliveryStream, Change: usage.ChangeReplacement, Match: svc.DescRegexp(regexp.MustCompile(`^Amazon Kinesis Firehose - (.+)$`))}},
}
