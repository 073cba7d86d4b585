// Package mq is everything defaultsg knows about Amazon MQ: brokers, found
// through DescribeBroker and through the interfaces they create, moved with
// UpdateBroker (ActiveMQ; RabbitMQ brokers cannot change their groups).
package mq

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Broker         resource.Kind = "mq.broker"
	RabbitMQBroker resource.Kind = "mq.rabbitmq-broker"
)

// Service lists the kinds, finder and interface signature of Amazon MQ.
var Service = svc.Service{
	Name: "mq",
	Kinds: []svc.KindDef{
		{Kind: Broker, Name: "Amazon MQ broker", Mover: &brokerMover},
		{Kind: RabbitMQBroker, Name: "Amazon MQ RabbitMQ broker", Manual: svc.Manual{Recreate: true}},
	},
	Finders: []usage.Finder{Brokers},
	// "Amazon MQ network interface for broker b-…": the broker id, so the
	// interface is covered only when that broker moves.
	Signatures: []svc.Signature{{Kind: Broker, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Broker, RabbitMQBroker},
		Match: svc.DescRegexp(regexp.MustCompile(`^Amazon MQ network interface for broker (b-[0-9a-f-]+)`))}},
}
