package apply

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

func TestJournalIsLockedWhileOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json.journal")
	first, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenJournal(path)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("second open: %v, want a LockedError naming pid %d", err, os.Getpid())
	}
	if err := first.Append(Record{Step: "plan", Phase: "done"}); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lock"); !os.IsNotExist(err) {
		t.Fatalf("lock file left behind: %v", err)
	}
	again, err := OpenJournal(path)
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	defer again.Close()
	if _, ok := again.Done("plan"); !ok {
		t.Fatal("records lost across a reopen")
	}
}

func TestOpenJournalRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.journal")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan error, 1)
	go func() {
		j, err := OpenJournal(fifo)
		if err == nil {
			j.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, atomicfile.ErrNotRegular) {
			t.Fatalf("OpenJournal(fifo) = %v, want ErrNotRegular", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OpenJournal of a FIFO hangs")
	}
	if _, err := os.Stat(fifo + ".lock"); !os.IsNotExist(err) {
		t.Fatalf("lock file left behind after a refusal: %v", err)
	}
}
