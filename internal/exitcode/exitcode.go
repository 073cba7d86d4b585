// Package exitcode defines the process exit codes of defaultsg and the typed
// errors that select them. The one mapping from error to code lives in Of.
package exitcode

import (
	"context"
	"errors"
)

// Documented exit codes (README "Exit codes"). They never change meaning.
const (
	OK           = 0 // everything compliant / done
	Error        = 1 // unexpected failure (AWS error that stopped the run, I/O, ...)
	Usage        = 2 // bad flags or arguments
	NonCompliant = 3 // audit: a default group has rules; usage: a default group is used; scan: findings
	Incomplete   = 4 // some account/region/finder could not be read; results are partial
	Refused      = 5 // close/apply: some groups refused (in use, usage unknown, stale plan)
	Failed       = 6 // close/restore/apply: some changes failed
	Cancelled    = 130
)

// UsageError is a mistake in the command line.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef builds a UsageError.
func Usagef(err error) error { return &UsageError{Err: err} }

// Status is an outcome that is not a failure of the program itself but must be
// visible to CI through the exit code (non-compliant, incomplete, ...). The
// report has already been printed when a command returns one.
type Status struct {
	Code    int
	Message string
}

func (s *Status) Error() string { return s.Message }

// NewStatus returns a Status error, or nil for OK.
func NewStatus(code int, msg string) error {
	if code == OK {
		return nil
	}
	return &Status{Code: code, Message: msg}
}

// Of maps an error returned by a command to its exit code.
func Of(err error) int {
	var st *Status
	var ue *UsageError
	switch {
	case err == nil:
		return OK
	case errors.As(err, &st):
		return st.Code
	case errors.As(err, &ue):
		return Usage
	case errors.Is(err, context.Canceled):
		return Cancelled
	default:
		return Error
	}
}

// Meanings is the one table of exit codes, shown by every command's --help
// and in the README (a test keeps them equal).
var Meanings = []struct {
	Code    int
	Meaning string
}{
	{OK, "success: compliant, unused, closed, restored, applied, no finding"},
	{Error, "unexpected error (I/O, an AWS error that stopped the run)"},
	{Usage, "usage error: bad flag, argument, file, region or profile; no --yes"},
	{NonCompliant, "non-compliant: a default group has rules or is used; scan findings"},
	{Incomplete, "incomplete: something could not be read; or changes still taking effect"},
	{Refused, "refused: close refused used groups; apply refused a stale plan"},
	{Failed, "failed: some change failed; verify: a flow was lost"},
	{Cancelled, "cancelled (Ctrl-C, or \"no\" at the confirmation)"},
}
