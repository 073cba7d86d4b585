// Package apply executes a plan (step 4 of the job) exactly: steps in
// dependency order (create groups → add their rules → add rules to
// referencing groups → move users), each journaled durably before and after
// its call, idempotent, and resumable after a crash from the journal
// without repeating done steps or creating a second replacement group.
package apply

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
)

// Record is one line of the journal.
type Record struct {
	Step  string            `json:"step"`
	Phase string            `json:"phase"` // "start", "done", "failed"
	Time  time.Time         `json:"time"`
	Data  map[string]string `json:"data,omitempty"`
	Error string            `json:"error,omitempty"`
}

// Journal is an append-only JSON-lines file; every record is fsynced before
// Append returns, so after a crash it tells exactly which calls may have been
// made. An open journal holds an exclusive lock (JOURNAL.lock): one run at a
// time.
type Journal struct {
	f    *os.File
	lock *os.File
	done map[string]Record
	all  []Record
}

// maxJournal bounds what OpenJournal reads; a journal of thousands of moves
// is a few MB.
const maxJournal = 256 << 20

// OpenJournal locks the journal at path (a *LockedError when another run
// holds it), then opens or creates it and reads what it holds. Only a
// regular file is opened and its size is checked first. A torn last line (a
// crash mid-write) is ignored: its step was not done.
func OpenJournal(path string) (_ *Journal, err error) {
	lock, err := lockJournal(path)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = unlockJournal(lock)
		}
	}()
	j := &Journal{lock: lock, done: map[string]Record{}}
	switch err := atomicfile.CheckRegular(path, maxJournal); {
	case err == nil:
		if err := j.read(path); err != nil {
			return nil, err
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY|syscall.O_NONBLOCK, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening journal %s: %w", path, err)
	}
	j.f = f
	return j, nil
}

func (j *Journal) read(path string) error {
	data, err := atomicfile.ReadRegular(path, maxJournal)
	if err != nil {
		return fmt.Errorf("reading journal: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r Record
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		j.all = append(j.all, r)
		if r.Phase == "done" {
			j.done[r.Step] = r
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading journal %s: %w", path, err)
	}
	return nil
}

// Done returns the record of a completed step.
func (j *Journal) Done(step string) (Record, bool) {
	r, ok := j.done[step]
	return r, ok
}

// FirstIntents returns, by step, the data of the step's first intent
// record: for a move, the state before any change (a move resumed after a
// crash records another intent, of a state already partly moved).
func (j *Journal) FirstIntents() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, r := range j.all {
		if r.Phase == "intent" && out[r.Step] == nil {
			out[r.Step] = r.Data
		}
	}
	return out
}

// Records returns every record read or written, in order.
func (j *Journal) Records() []Record { return append([]Record(nil), j.all...) }

// Append writes and fsyncs one record.
func (j *Journal) Append(r Record) error {
	r.Time = time.Now().UTC()
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("writing journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("syncing journal: %w", err)
	}
	j.all = append(j.all, r)
	if r.Phase == "done" {
		j.done[r.Step] = r
	}
	return nil
}

// Close closes the journal file and releases its lock.
func (j *Journal) Close() error {
	err := j.f.Close()
	if uerr := unlockJournal(j.lock); err == nil {
		err = uerr
	}
	return err
}

// rolledBack is the record a rollback that undid everything appends.
const rolledBack = "rollback"

// MarkRolledBack records that everything the journal's apply did has been
// undone, so its plan file is no longer needed (see PlanPathFree).
func (j *Journal) MarkRolledBack() error {
	return j.Append(Record{Step: rolledBack, Phase: "done"})
}

// RolledBack reports whether a rollback of this journal completed.
func (j *Journal) RolledBack() bool {
	_, ok := j.done[rolledBack]
	return ok
}
