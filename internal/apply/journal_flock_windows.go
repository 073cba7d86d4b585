//go:build windows

package apply

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/windows"
)

// flock takes an exclusive lock on the file's first byte without waiting
// (LockFileEx): EWOULDBLOCK when another process holds it. Windows drops
// the lock when the handle is closed or the process dies.
func flock(f *os.File) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY,
		0, 1, 0, new(windows.Overlapped))
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return syscall.EWOULDBLOCK
	}
	return err
}
