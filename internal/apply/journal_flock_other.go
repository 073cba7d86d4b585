//go:build !unix

package apply

import "os"

// flock is a no-op where flock(2) does not exist: defaultsg is released for
// Linux and macOS, where the journal is locked.
func flock(*os.File) error { return nil }
