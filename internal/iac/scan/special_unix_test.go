//go:build unix

package scan_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
)

// TestScanSpecialFiles: a FIFO in the tree is noted and never opened for a
// blocking read; a FIFO or a device named on the command line is an error
// (not a hang, and /dev/zero is not read until memory runs out).
func TestScanSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.yaml", vpcWithRule)
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	res := run(t, dir)
	if len(res.Findings) != 1 || len(res.Errors) != 0 {
		t.Errorf("findings %v errors %v", res.Findings, res.Errors)
	}
	if n := noteFor(res, "pipe.yaml"); !strings.Contains(n, "named pipe") {
		t.Errorf("note for the FIFO = %q", n)
	}

	for _, p := range []string{fifo, "/dev/zero"} {
		res, err := scan.Run(context.Background(), scan.Options{Paths: []string{p}, Limits: model.DefaultLimits()})
		if err != nil {
			if errors.Is(err, syscall.ENOENT) {
				continue
			}
			t.Fatal(err)
		}
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Err.Error(), "not a regular file") {
			t.Errorf("%s: errors %v, want not a regular file", p, res.Errors)
		}
		if res.Bytes != 0 {
			t.Errorf("%s: read %d bytes", p, res.Bytes)
		}
	}
}
