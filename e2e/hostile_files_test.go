package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// restore, apply and rollback open only regular files and check their size
// with stat first: a FIFO is refused at once (it used to hang, deaf to
// SIGINT), a 300 MB file without reading it.
func TestSpecialAndHugeFilesAreRefusedAtOnce(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	huge := filepath.Join(dir, "huge.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil { // sparse: no data written
		t.Fatal(err)
	}
	f.Close()
	// rollback's journal exists (an empty file), so only its --plan, a
	// FIFO, is at fault.
	if err := os.WriteFile(filepath.Join(dir, "x.journal"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"restore", "--yes", fifo},
		{"restore", "--yes", huge},
		{"restore", "--yes", dir},
		{"apply", "--yes", fifo},
		{"apply", "--yes", huge},
		{"rollback", "--yes", "--plan", fifo, "x.journal"},
		{"verify", fifo},
	} {
		s := start(t, ep, dir, args...)
		timer := time.AfterFunc(10*time.Second, func() { _ = s.cmd.Process.Kill() })
		r := s.wait(t)
		if !timer.Stop() {
			t.Errorf("%q hangs (killed after 10s)", args)
			continue
		}
		if r.Code != 2 || !(strings.Contains(r.Stderr, "not a regular file") || strings.Contains(r.Stderr, "bytes, more than")) {
			t.Errorf("%q: exit %d, want 2 naming the file type or size\n%s", args, r.Code, r.Stderr)
		}
	}
}
