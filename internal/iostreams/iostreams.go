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
	"unicode/utf8"

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
	// Wide lets tables be as wide as their content on a terminal too.
	Wide bool

	noColor bool             // NO_COLOR set, or TERM=dumb
	width   func(fd int) int // terminal width of fd, 0 when unknown
	outFd   int              // stdout's descriptor, for its width
	errFd   int              // stderr's descriptor
	notes   map[string]bool  // notes already shown (shared by copies)
}

// System returns streams bound to the process's stdin/stdout/stderr.
func System() *IOStreams {
	_, noColor := os.LookupEnv("NO_COLOR")
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		noColor:   noColor || os.Getenv("TERM") == "dumb",
		outFd:     int(os.Stdout.Fd()),
		errFd:     int(os.Stderr.Fd()),
		width: func(fd int) int {
			w, _, err := term.GetSize(fd)
			if err != nil {
				return 0
			}
			return w
		},
		notes: map[string]bool{},
	}
}

// Test returns streams backed by buffers (no TTY) and the buffers.
func Test() (ios *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, notes: map[string]bool{}}, in, out, errOut
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

// DefaultWidth is assumed for a terminal whose width cannot be read.
const DefaultWidth = 80

// SetWidth fixes the terminal width (tests; 0 restores detection).
func (s *IOStreams) SetWidth(w int) {
	s.width = func(int) int { return w }
}

// SetColor forces colour on or off (tests).
func (s *IOStreams) SetColor(on bool) { s.noColor = !on }

// TerminalWidth is the width tables on stdout must fit: 0 (no limit) when
// stdout is not a terminal or with --wide.
func (s *IOStreams) TerminalWidth() int {
	if !s.stdoutTTY || s.Wide {
		return 0
	}
	return s.widthOf(s.outFd)
}

func (s *IOStreams) widthOf(fd int) int {
	if s.width != nil {
		if w := s.width(fd); w > 0 {
			return w
		}
	}
	return DefaultWidth
}

// StderrWidth is the width lines on stderr should fit: 0 (no limit) when
// stderr is not a terminal.
func (s *IOStreams) StderrWidth() int {
	if !s.stderrTTY {
		return 0
	}
	return s.widthOf(s.errFd)
}

// ColorEnabled reports whether stdout gets colour: a terminal, and neither
// NO_COLOR (https://no-color.org) nor TERM=dumb.
func (s *IOStreams) ColorEnabled() bool { return s.stdoutTTY && !s.noColor }

// NoteOnce writes a note to stderr, wrapped to its width, the first time
// key is noted in this run; never when quiet.
func (s *IOStreams) NoteOnce(key, text string) {
	if s.Quiet || s.notes[key] {
		return
	}
	if s.notes != nil {
		s.notes[key] = true
	}
	width := DefaultWidth
	if s.stderrTTY {
		width = s.widthOf(s.errFd)
	}
	fmt.Fprintln(s.ErrOut, Wrap(text, width))
}

// Wrap breaks text into lines of at most width columns at spaces (a word
// longer than width stays whole), keeping its own line breaks.
func Wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
