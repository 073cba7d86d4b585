// Package kafkaconnect is everything defaultsg knows about MSK Connect:
// connectors, whose workers run in the connector's VPC settings.
package kafkaconnect

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Connector resource.Kind = "kafkaconnect.connector"
)

// Service lists the kinds, finder and default-group fallback of MSK Connect.
var Service = svc.Service{
	Name: "kafkaconnect",
	Kinds: []svc.KindDef{
		// UpdateConnector changes capacity and configuration only: the
		// network is fixed at CreateConnector.
		{Kind: Connector, Name: "MSK Connect connector", Manual: svc.Manual{Recreate: true}},
	},
	Finders:   []usage.Finder{Connectors},
	Fallbacks: []string{"kafkaconnect:CreateConnector (vpc without securityGroups)"},
}
