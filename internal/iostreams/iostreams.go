// Package iostreams is the one place that decides whether output goes to a
// terminal: colour, progress bars and prompts happen only on a TTY, never in
// pipes or CI, and machine-readable output stays clean on stdout.
package iostreams

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// IOStreams bundles the process streams with what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	// Quiet suppresses progress and informational messages on stderr.
	Quiet bool
}

// System returns streams bound to the process's stdin/stdout/stderr.
func System() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// Test returns streams backed by buffers (no TTY) and the buffers.
func Test() (ios *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// SetTTY marks all streams as terminals (for tests of interactive paths).
func (s *IOStreams) SetTTY(tty bool) {
	s.stdinTTY, s.stdoutTTY, s.stderrTTY = tty, tty, tty
}

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// CanPrompt reports whether a question can be asked and answered.
func (s *IOStreams) CanPrompt() bool { return s.stdinTTY && s.stderrTTY }

// ShowProgress reports whether progress bars should be drawn (stderr on a TTY,
// not quiet).
func (s *IOStreams) ShowProgress() bool { return s.stderrTTY && !s.Quiet }

// Infof writes an informational line to stderr unless quiet.
func (s *IOStreams) Infof(format string, a ...any) {
	if s.Quiet {
		return
	}
	fmt.Fprintf(s.ErrOut, format, a...)
}

// ErrNoTTY is returned by Confirm when nobody can answer.
var ErrNoTTY = errors.New("no terminal to confirm on")

// Confirm asks a yes/no question on stderr and reads the answer from stdin.
// Only "y" or "yes" (any case) confirms.
func (s *IOStreams) Confirm(question string) (bool, error) {
	if !s.CanPrompt() {
		return false, ErrNoTTY
	}
	fmt.Fprintf(s.ErrOut, "%s [y/N]: ", question)
	line, err := bufio.NewReader(s.In).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	ans := strings.ToLower(strings.TrimSpace(line))
	return ans == "y" || ans == "yes", nil
}

// WithOut returns a copy of s writing its standard output to w, which is
// never a terminal (--out FILE).
func (s *IOStreams) WithOut(w io.Writer) *IOStreams {
	c := *s
	c.Out, c.stdoutTTY = w, false
	return &c
}
