// Package crashpoint lets the crash-safety tests kill the process at a named
// point of a state-changing command, exactly as a power cut or SIGKILL would.
// It does nothing unless DEFAULTSG_CRASHPOINT is set, which users never do.
package crashpoint

import (
	"os"
	"strconv"
	"strings"
	"sync"
)

// EnvVar names the point to die at: "NAME" (first hit) or "NAME:N" (N-th hit).
const EnvVar = "DEFAULTSG_CRASHPOINT"

var (
	mu   sync.Mutex
	hits = map[string]int{}
)

// Hit kills the process with SIGKILL if the crash point name is armed and
// this is the armed hit.
func Hit(name string) {
	spec := os.Getenv(EnvVar)
	if spec == "" {
		return
	}
	want, n := spec, 1
	if i := strings.LastIndex(spec, ":"); i > 0 {
		if v, err := strconv.Atoi(spec[i+1:]); err == nil {
			want, n = spec[:i], v
		}
	}
	if want != name {
		return
	}
	mu.Lock()
	hits[name]++
	h := hits[name]
	mu.Unlock()
	if h == n {
		// SIGKILL on Unix, TerminateProcess on Windows: no deferred
		// function, no flush, exactly as a power cut.
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			_ = p.Kill()
		}
		select {} // the kill is not deliverable late; never return
	}
}
