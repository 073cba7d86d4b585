package sim

import (
	"fmt"
	"strings"
	"sync"
)

// Call is one request as the simulator saw it, including requests that
// failed (throttled, denied, invalid).
type Call struct {
	Account, Region, Service, Action string
	DryRun, Mutating                 bool
	ErrorCode                        string // "" on success
	HTTPStatus                       int
}

// callLog keeps calls in arrival order: a slot is taken when a request
// arrives and filled in when it is answered.
type callLog struct {
	mu     sync.Mutex
	calls  []Call
	nextID uint64
}

func (l *callLog) begin(c Call) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
	return len(l.calls) - 1
}

func (l *callLog) finish(i int, code string, status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i < len(l.calls) { // ResetCalls may have run meanwhile
		l.calls[i].ErrorCode, l.calls[i].HTTPStatus = code, status
	}
}

// nextRequestID is a UUID-shaped id, sequential so logs are easy to follow.
func (l *callLog) nextRequestID() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nextID++
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", l.nextID)
}

// Calls returns a copy of the call record in arrival order.
func (s *Server) Calls() []Call {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return append([]Call(nil), s.calls.calls...)
}

// ResetCalls empties the call record.
func (s *Server) ResetCalls() {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	s.calls.calls = nil
}

// mutatingPrefixes are the verbs AWS uses for actions that change state
// across services; a read-only command must never call one.
var mutatingPrefixes = []string{
	"Accept", "Allocate", "Apply", "Assign", "Associate", "Attach", "Authorize",
	"Cancel", "Copy", "Create", "Delete", "Deregister", "Detach", "Disable",
	"Disassociate", "Enable", "Import", "Modify", "Publish", "Put", "Reboot",
	"Register", "Reject", "Release", "Remove", "Replace", "Reset", "Restore",
	"Revoke", "Run", "Set", "Start", "Stop", "Tag", "Terminate", "Unassign",
	"Untag", "Update",
}

func isMutating(action string) bool {
	for _, p := range mutatingPrefixes {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}
