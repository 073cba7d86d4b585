package apply

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestPlanPathFree(t *testing.T) {
	dir := t.TempDir()
	planPath := filepath.Join(dir, "plan.json")
	write := func(recs ...Record) {
		t.Helper()
		os.Remove(JournalFor(planPath))
		j, err := OpenJournal(JournalFor(planPath))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if err := j.Append(r); err != nil {
				t.Fatal(err)
			}
		}
		j.Close()
	}
	if stale, err := PlanPathFree(planPath); stale != "" || err != nil {
		t.Fatalf("no journal: %q, %v", stale, err)
	}
	if _, err := os.Stat(JournalFor(planPath)); !os.IsNotExist(err) {
		t.Fatal("checking created a journal")
	}
	write()
	if stale, err := PlanPathFree(planPath); stale != "" || err != nil {
		t.Fatalf("journal of no apply: %q, %v", stale, err)
	}
	write(Record{Step: "plan", Phase: "done"}, Record{Step: "create:x", Phase: "done"})
	var inUse *PlanInUseError
	if _, err := PlanPathFree(planPath); !errors.As(err, &inUse) {
		t.Fatalf("applied journal: %v, want PlanInUseError", err)
	}
	j, _ := OpenJournal(JournalFor(planPath))
	if err := j.MarkRolledBack(); err != nil {
		t.Fatal(err)
	}
	j.Close()
	stale, err := PlanPathFree(planPath)
	if stale != JournalFor(planPath) || err != nil {
		t.Fatalf("rolled-back journal: %q, %v", stale, err)
	}
	archived, err := ArchiveJournal(stale, time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC))
	if err != nil || filepath.Base(archived) != "plan.json.journal.rolled-back-20261130T180000Z" {
		t.Fatalf("archived as %q, %v", archived, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatal("journal still in place after archiving")
	}
}
