package backup

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestResolveDestination(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC)
	name := DefaultName([]string{"111111111111"}, at)
	taken := filepath.Join(dir, "taken.json")
	if err := os.WriteFile(taken, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		flag string
		want Destination
		err  error
	}{
		{"", Destination{Path: name, AutoNumber: true}, nil},
		{dir, Destination{Path: filepath.Join(dir, name), AutoNumber: true}, nil},
		{taken, Destination{}, ErrExists},
		{filepath.Join(dir, "new.json"), Destination{Path: filepath.Join(dir, "new.json")}, nil},
	}
	for _, c := range cases {
		got, err := ResolveDestination(c.flag, []string{"111111111111"}, at)
		if !errors.Is(err, c.err) || got != c.want {
			t.Errorf("ResolveDestination(%q) = %+v, %v; want %+v, %v", c.flag, got, err, c.want, c.err)
		}
	}
}

func TestWriteIntoDirectoryWritesNoSibling(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "backups")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	dst, err := ResolveDestination(dir, []string{"111111111111"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	written, err := Write(dst, sample())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(written) != dir {
		t.Fatalf("backup written to %s, want inside %s", written, dir)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Fatalf("sibling files next to the directory: %v", entries)
	}
}

func TestLoadRefusesSpecialAndHugeFilesWithoutReading(t *testing.T) {
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
	// Sparse: 300 MB of size, no data written.
	if err := f.Truncate(300 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, p := range []string{fifo, huge, dir} {
		done := make(chan error, 1)
		go func() { _, err := Load(p); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Load(%s) = %v, want ErrInvalid", filepath.Base(p), err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Load(%s) hangs", filepath.Base(p))
		}
	}
}
