package apply

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

// PlanInUseError is a plan file whose apply has not been rolled back:
// rollback reads that plan, so a new plan must not replace it.
type PlanInUseError struct{ Plan, Journal string }

func (e *PlanInUseError) Error() string {
	return fmt.Sprintf("%s was applied (journal %s) and not rolled back: rollback needs it, so it is not overwritten; nothing written — write the new plan elsewhere (-o OTHER.json), or roll back first", e.Plan, e.Journal)
}

// JournalFor is the default journal of a plan file.
func JournalFor(planPath string) string { return planPath + ".journal" }

// PlanPathFree reports whether a new plan may be written at planPath. It
// may when the plan has no journal, or a journal that records no apply (a
// refused or dry run). When the journal's apply was completely rolled back
// it may too, and the journal is returned: ArchiveJournal moves it aside
// so the new plan's apply starts a fresh one. Otherwise it is a
// *PlanInUseError, or a *LockedError while an apply runs.
func PlanPathFree(planPath string) (stale string, err error) {
	jp := JournalFor(planPath)
	if _, err := os.Lstat(jp); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	j, err := OpenJournal(jp)
	if err != nil {
		return "", err
	}
	defer j.Close()
	if _, applied := j.Done("plan"); !applied {
		return "", nil
	}
	if !j.RolledBack() {
		return "", &PlanInUseError{Plan: planPath, Journal: jp}
	}
	return jp, nil
}

// ArchiveJournal renames a rolled-back journal to
// JOURNAL.rolled-back-TIME (kept as a record, never read again) and
// returns the new name.
func ArchiveJournal(journal string, now time.Time) (string, error) {
	lock, err := lockJournal(journal)
	if err != nil {
		return "", err
	}
	defer unlockJournal(lock)
	to := journal + ".rolled-back-" + now.UTC().Format("20060102T150405Z")
	if err := os.Rename(journal, to); err != nil {
		return "", fmt.Errorf("moving the rolled-back journal aside: %w", err)
	}
	return to, atomicfile.SyncDir(filepath.Dir(journal))
}
