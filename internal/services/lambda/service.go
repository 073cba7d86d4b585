// Package lambda is everything defaultsg knows about AWS Lambda: functions, their published versions and event source mappings from self-managed Kafka in a VPC.
package lambda

import (
	"regexp"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	Function resource.Kind = "lambda.function"
	Version  resource.Kind = "lambda.version"
	// EventSourceMapping is a mapping from a self-managed Kafka cluster in a VPC.
	EventSourceMapping resource.Kind = "lambda.event-source-mapping"
)

// Service lists the kinds, finders and default-group fallbacks of lambda.
var Service = svc.Service{
	Name: "lambda",
	Kinds: []svc.KindDef{
		{Kind: Function, Name: "Lambda function", Mover: &functionMover},
		{Kind: Version, Name: "Lambda function version", Manual: svc.Manual{Redeploy: true}},
		{Kind: EventSourceMapping, Name: "Lambda event source mapping", Mover: &mappingMover},
	},
	Signatures: []svc.Signature{
		{Kind: Function, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Function},
			Match: svc.DescRegexp(regexp.MustCompile(`^AWS Lambda VPC ENI-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))},
		{Kind: Function, Change: usage.ChangeInPlace, MovedWith: []resource.Kind{Function},
			Match: svc.IfType(types.NetworkInterfaceTypeLambda, nil)},
	},
	Finders: []usage.Finder{Functions, EventSourceMappings},
}
