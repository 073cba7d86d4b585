package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --backup DIR writes the default name inside DIR; an explicit file that
// exists is refused before anything changes; the result names the backup.
func TestCloseBackupFlagNeverWritesASurprisePath(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	dir := t.TempDir()

	taken := filepath.Join(dir, "mine.json")
	if err := os.WriteFile(taken, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "close", "--yes", "--regions", "eu-west-1", "--backup", taken)
	if r.Code != 2 || !strings.Contains(r.Stderr, "mine.json") || !strings.Contains(r.Stderr, "nothing changed") {
		t.Fatalf("existing --backup FILE: exit %d, want 2\n%s", r.Code, r.Stderr)
	}
	for _, c := range ep.Sim.Calls() {
		if c.Mutating {
			t.Fatalf("changed AWS although the backup path was refused: %+v", c)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("files written next to the refused path: %v", entries)
	}

	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	r = run(t, ep, dir, nil, "close", "--yes", "--regions", "eu-west-1", "--backup", backups)
	if r.Code != 0 {
		t.Fatalf("--backup DIR: exit %d\n%s", r.Code, r.Stderr)
	}
	inside, _ := os.ReadDir(backups)
	if len(inside) != 1 || !strings.HasPrefix(inside[0].Name(), "defaultsg-backup-") {
		t.Fatalf("backup dir holds %v, want one default-named backup", inside)
	}
	if _, err := os.Stat(backups + "-2"); !os.IsNotExist(err) {
		t.Fatalf("a sibling %s-2 was written", backups)
	}
	want := filepath.Join(backups, inside[0].Name())
	mustContain(t, "close table", r.Stdout, "Backup: "+want)
}
