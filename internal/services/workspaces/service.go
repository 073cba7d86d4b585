// Package workspaces is everything defaultsg knows about Amazon WorkSpaces: directories, seen through their interfaces.
package workspaces

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Directory is the one resource kind of workspaces the tool reports.
const Directory resource.Kind = "workspaces.directory"

// Service lists the kind, interface signature and fallbacks of workspaces.
var Service = svc.Service{
	Name:       "workspaces",
	Kinds:      []svc.KindDef{{Kind: Directory, Name: "WorkSpaces directory", Manual: svc.Manual{API: "workspaces:ModifyWorkspaceCreationProperties"}}},
	Signatures: []svc.Signature{{Kind: Directory, Change: usage.ChangeUnknown, Match: svc.DescPrefix("Created By Amazon Workspaces for AWS Account ID")}},
}
