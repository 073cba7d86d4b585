package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Long is the version with what the build info knows of its origin: module
// version, VCS commit (and whether the tree was modified), Go version and
// platform, e.g. "v1.2.0 (commit 0123abcd4567, go1.26.8, linux/amd64)".
func Long() string {
	bi, _ := debug.ReadBuildInfo()
	return long(String(), bi, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
}

func long(version string, bi *debug.BuildInfo, goVersion, platform string) string {
	var parts []string
	if bi != nil {
		if v := bi.Main.Version; v != "" && v != "(devel)" && v != version {
			parts = append(parts, "module "+v)
		}
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" {
			c := "commit " + rev[:min(12, len(rev))]
			if modified == "true" {
				c += ", modified"
			}
			parts = append(parts, c)
		}
	}
	parts = append(parts, goVersion, platform)
	return version + " (" + strings.Join(parts, ", ") + ")"
}
