// Package buildinfo holds the version stamped into the binary.
package buildinfo

import "runtime/debug"

// Version is set with -ldflags "-X github.com/defaultsg/defaultsg/internal/buildinfo.Version=v1.2.3".
var Version = ""

// String returns the release version, or the module version/commit the binary
// was built from, or "dev".
func String() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return "dev"
}
