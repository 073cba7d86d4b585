//go:build !unix

package awsx

// openFileLimit: Windows has no per-process open-file limit to read (its
// handle limit is far above what HostConcurrency allows), so none bounds it.
func openFileLimit() (uint64, bool) { return 0, false }
