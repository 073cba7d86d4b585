package apply

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

// LockedError is a journal another apply (or rollback, or verify) holds:
// two runs on one journal would both make its calls.
type LockedError struct {
	Journal string
	PID     int // 0 when the holder's pid could not be read
}

func (e *LockedError) Error() string {
	who := "pid unknown"
	if e.PID > 0 {
		who = "pid " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("journal %s is locked: another apply or rollback of this plan is running (%s); nothing changed — wait for it to finish", e.Journal, who)
}

// lockJournal takes an exclusive, non-blocking flock on JOURNAL.lock and
// writes the caller's pid into it. The kernel drops the lock when the
// process dies, so a crash never leaves a stale lock; the file itself is
// removed by unlock.
func lockJournal(journal string) (*os.File, error) {
	path := journal + ".lock"
	for attempt := 0; ; attempt++ {
		if err := atomicfile.CheckRegular(path, 64); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("journal lock: %w", err)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NONBLOCK, 0o600)
		if err != nil {
			return nil, fmt.Errorf("journal lock: %w", err)
		}
		if err := flock(f); err != nil {
			pid := readPID(f)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, &LockedError{Journal: journal, PID: pid}
			}
			return nil, fmt.Errorf("journal lock %s: %w", path, err)
		}
		// The holder before us may have removed the file between our open
		// and our flock: then we hold a lock on a file nobody else sees.
		if same(f, path) || attempt > 10 {
			if err := writePID(f); err != nil {
				f.Close()
				return nil, fmt.Errorf("journal lock %s: %w", path, err)
			}
			return f, nil
		}
		f.Close()
	}
}

// unlockJournal removes the lock file while still holding the lock, then
// releases it.
func unlockJournal(f *os.File) error {
	if f == nil {
		return nil
	}
	_ = os.Remove(f.Name())
	return f.Close()
}

func same(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	return pid
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}
