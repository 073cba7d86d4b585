//go:build windows

package atomicfile

// SyncDir does nothing on Windows: a directory cannot be opened for
// flushing there (FlushFileBuffers on a directory handle is "Access is
// denied", golang/go#75541), and NTFS journals the rename or link itself.
func SyncDir(string) error { return nil }
