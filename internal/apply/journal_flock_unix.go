//go:build unix

package apply

import (
	"errors"
	"os"
	"syscall"
)

// flock takes an exclusive lock without waiting: EWOULDBLOCK when held.
func flock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
