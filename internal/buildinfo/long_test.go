package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestLong(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}
	for _, tc := range []struct {
		version string
		bi      *debug.BuildInfo
		want    string
	}{
		{"v1.2.0", bi, "v1.2.0 (commit 0123456789ab, modified, go1.26, linux/amd64)"},
		{"v1.3.0", bi, "v1.3.0 (module v1.2.0, commit 0123456789ab, modified, go1.26, linux/amd64)"},
		{"dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev (go1.26, linux/amd64)"},
		{"dev", nil, "dev (go1.26, linux/amd64)"},
	} {
		if got := long(tc.version, tc.bi, "go1.26", "linux/amd64"); got != tc.want {
			t.Errorf("long(%q) = %q, want %q", tc.version, got, tc.want)
		}
	}
}
