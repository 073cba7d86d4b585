//go:build !unix && !windows

package apply

import "os"

// flock is a no-op where neither flock(2) nor LockFileEx exists (Plan 9,
// WebAssembly): defaultsg is released for Linux, macOS and Windows, where
// the journal is locked.
func flock(*os.File) error { return nil }
