// Package mq is everything defaultsg knows about Amazon MQ: brokers, seen through their interfaces.
package mq

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Broker is the one resource kind of mq the tool reports.
const Broker resource.Kind = "mq.broker"

// Service lists the kind, interface signature and fallbacks of mq.
var Service = svc.Service{
	Name:       "mq",
	Kinds:      []svc.KindDef{{Kind: Broker, Name: "Amazon MQ broker", Manual: svc.Manual{API: "mq:UpdateBroker"}}},
	Signatures: []svc.Signature{{Kind: Broker, Change: usage.ChangeInPlace, Match: svc.DescRegexp(regexp.MustCompile(`^Amazon MQ network interface for broker (b-[0-9a-f-]+)`))}},
}
