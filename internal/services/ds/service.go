// Package ds is everything defaultsg knows about AWS Directory Service: directories, seen through their interfaces.
package ds

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Directory is the one resource kind of ds the tool reports.
const Directory resource.Kind = "ds.directory"

// Service lists the kind, interface signature and fallbacks of ds.
var Service = svc.Service{
	Name: "ds",
	Kinds: []svc.KindDef{{Kind: Directory, Name: "Directory Service directory", Manual: svc.Manual{Recreate: true, Text: func(u usage.Usage) string {
		return "Directory " + u.ResourceID + " cannot change the security groups of its domain controllers' interfaces in place: Directory Service sets them when it creates the directory, " +
			"no ds Update*/Modify* call accepts a group, and the interfaces are the service's. Recreate the directory (or share one) in the replacement group."
	}}}},
	Signatures: []svc.Signature{{Kind: Directory, Change: usage.ChangeReplacement, Match: svc.DescRegexp(regexp.MustCompile(`^AWS created network interface for directory (d-[0-9a-f]+)`))}},
}
