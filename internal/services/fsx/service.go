// Package fsx is everything defaultsg knows about Amazon FSx: file systems of
// all four types (Windows File Server, Lustre, NetApp ONTAP, OpenZFS), found
// through the interfaces DescribeFileSystems names. FSx has no call that
// changes a file system's groups, so a user is recreated.
package fsx

import (
	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// FileSystem is an FSx file system of any type.
const FileSystem resource.Kind = "fsx.file-system"

// Service lists the kind, finder and default-group fallback of fsx. No
// interface signature: FSx's interface descriptions are not documented
// (docs/FIDELITY.md), and the finder names the owner without them.
var Service = svc.Service{
	Name: "fsx",
	Kinds: []svc.KindDef{{Kind: FileSystem, Name: "FSx file system", Manual: svc.Manual{Text: func(u usage.Usage) string {
		// SecurityGroupIds is a CreateFileSystem parameter only: "This list
		// isn't returned in later requests to describe the file system", and
		// UpdateFileSystem has no such field.
		return "FSx file system " + u.ResourceID + " (" + u.Detail + ") cannot change its security groups: FSx sets them at creation " +
			"(fsx:CreateFileSystem SecurityGroupIds) and UpdateFileSystem has no such field, and FSx owns its network interfaces. " +
			"Create a replacement (fsx:CreateFileSystemFromBackup, or a new file system and a data copy) with the replacement group instead of " + u.GroupID + ", switch its clients, then delete this one."
	}}}},
	Finders:   []usage.Finder{FileSystems},
	Fallbacks: []string{"fsx:CreateFileSystem (ONTAP)"},
}
