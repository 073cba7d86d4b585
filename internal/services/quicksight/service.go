// Package quicksight is everything defaultsg knows about Amazon QuickSight: VPC connections, seen through their interfaces.
package quicksight

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCConnection is the one resource kind of quicksight the tool reports.
const VPCConnection resource.Kind = "quicksight.vpc-connection"

// Service lists the kind, interface signature and fallbacks of quicksight.
var Service = svc.Service{
	Name:       "quicksight",
	Kinds:      []svc.KindDef{{Kind: VPCConnection, Name: "QuickSight VPC connection", Manual: svc.Manual{API: "quicksight:UpdateVPCConnection"}}},
	Signatures: []svc.Signature{{Kind: VPCConnection, Change: usage.ChangeInPlace, Match: svc.IfType(types.NetworkInterfaceTypeQuicksight, nil)}},
}
