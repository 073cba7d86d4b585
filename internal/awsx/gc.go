package awsx

import (
	"os"
	"runtime/debug"
)

// Garbage collection for many-account runs. A call costs the client about
// 0.27 ms of CPU, a fifth of it collecting the SDK's per-call garbage, and
// on an organization the client's CPU is what bounds the run. So with more
// than one account, unless the user set GOGC or GOMEMLIMIT, the collector
// lets the heap grow to 4× what is live (GOGC 300) but never past
// OrgMemoryLimit, where it collects as often as it must. What is live is
// the calls in flight plus the report (groups and their users), about
// 50–110 MiB from 100 to 1,000 accounts × 17 regions, under the limit.
// Usage 100×17 at 50 ms on 2 cores: client CPU 18.5 s → 15.7 s, peak RSS
// 163 → 224 MiB (docs/PERFORMANCE.md). The limit was 200 MiB; with ~70
// services linked, the process starts at ~94 MiB of RSS (code pages and
// the SDK's service schemas), and 200 MiB put usage 500×17 at 312 MiB
// peak RSS; 150 MiB gives 269 MiB at 100×17 in the same wall time
// (27.0 s vs 27.1 s).
const (
	orgGCPercent   = 300
	OrgMemoryLimit = 150 << 20
)

// TuneGC applies the many-account settings when accounts > 1.
func TuneGC(accounts int) {
	if accounts <= 1 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(orgGCPercent)
	debug.SetMemoryLimit(OrgMemoryLimit)
}
