package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `defaultsg man DIR` writes a page per command, generated from the commands
// themselves (flags included), that man can render.
func TestManPages(t *testing.T) {
	dir := t.TempDir()
	out, err := exec.Command(binary, "man", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("man: %v\n%s", err, out)
	}
	for _, page := range []string{"defaultsg.1", "defaultsg-close.1", "defaultsg-apply.1", "defaultsg-report.1"} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		if !strings.Contains(string(b), ".TH \"DEFAULTSG\"") || !strings.Contains(string(b), "--") {
			t.Errorf("%s is not a man page with options:\n%.400s", page, b)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "defaultsg-close.1"))
	if !strings.Contains(string(b), "--dry-run") {
		t.Errorf("close's page lacks --dry-run:\n%.600s", b)
	}
}

// --region and --regions complete region names.
func TestRegionNamesComplete(t *testing.T) {
	out, err := exec.Command(binary, "__complete", "audit", "--region", "").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "eu-west-1\n") {
		t.Fatalf("completion of --region: %v\n%s", err, out)
	}
}
