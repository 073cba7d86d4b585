package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// terminal runs args against the simulator on streams that look like a
// terminal of the given width.
func terminal(t *testing.T, width int, color bool, args ...string) (stdout, stderr string) {
	t.Helper()
	f, ios, _ := simFactory(t)
	ios.SetTTY(true)
	ios.SetWidth(width)
	ios.SetColor(color)
	Execute(context.Background(), f, args)
	return out(ios), errOut(ios)
}

func widest(s string) (int, string) {
	n, line := 0, ""
	// A progress bar redraws its line after a carriage return.
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if w := text.StringWidthWithoutEscSequences(l); w > n {
			n, line = w, l
		}
	}
	return n, line
}

func TestTablesFitAnEightyColumnTerminal(t *testing.T) {
	for _, cmd := range [][]string{{"audit"}, {"usage"}, {"usage", "--list-finders"}} {
		args := append([]string{"--regions", "eu-west-1,us-east-1"}, cmd...)
		stdout, stderr := terminal(t, 80, false, args...)
		if n, line := widest(stdout); n > 80 || n < 40 {
			t.Errorf("%v: widest line %d columns:\n%s\n%s", cmd, n, line, stdout)
		}
		if n, line := widest(stderr); n > 80 {
			t.Errorf("%v: stderr line of %d columns:\n%s", cmd, n, line)
		}
		wide, _ := terminal(t, 80, false, append([]string{"--wide"}, args...)...)
		if n, _ := widest(wide); cmd[0] == "audit" && n <= 80 {
			t.Errorf("%v --wide: widest line %d, want the full width", cmd, n)
		}
	}
}

func TestColourOnATerminalOnly(t *testing.T) {
	coloured, _ := terminal(t, 120, true, "--region", "eu-west-1", "audit")
	if !strings.Contains(coloured, text.Colors{text.FgRed, text.Bold}.Sprint("FAIL")) {
		t.Errorf("FAIL is not red on a terminal:\n%q", coloured)
	}
	plain, _ := terminal(t, 120, false, "--region", "eu-west-1", "audit")
	if strings.Contains(plain, "\x1b[") || !strings.Contains(plain, "FAIL") {
		t.Errorf("NO_COLOR output has escape codes:\n%q", plain)
	}
	f, ios, _ := simFactory(t) // a pipe: no colour, no width limit
	ios.SetColor(true)
	Execute(context.Background(), f, []string{"--region", "eu-west-1", "audit"})
	if s := out(ios); strings.Contains(s, "\x1b[") {
		t.Errorf("colour in a pipe:\n%q", s)
	}
}

func TestNoColorEnv(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	if iostreams.System().ColorEnabled() {
		t.Error("NO_COLOR is set but colour is enabled")
	}
}

func TestLongNoteGoesToStderrOnceWrapped(t *testing.T) {
	stdout, stderr := terminal(t, 80, false, "--region", "eu-west-1", "usage")
	if strings.Contains(stdout, "create calls") {
		t.Errorf("the note is on stdout:\n%s", stdout)
	}
	if strings.Count(stderr, "create calls put a new resource") != 1 {
		t.Errorf("the note is not on stderr exactly once:\n%s", stderr)
	}
	if n, line := widest(stderr); n > 80 {
		t.Errorf("note line of %d columns: %s", n, line)
	}
	_, quiet := terminal(t, 80, false, "-q", "--region", "eu-west-1", "usage")
	if strings.Contains(quiet, "create calls") {
		t.Errorf("-q still shows the note:\n%s", quiet)
	}
}

func TestHanging(t *testing.T) {
	line := "    - inbound tcp/5432 from 222222222222/sg-0a1b2c3d4e5f60789 via pcx-0123456789abcdef0 (\"analytics via peering\")  [sgr-1]"
	got := hanging(line, 60)
	for i, l := range strings.Split(got, "\n") {
		if len(l) > 60 {
			t.Errorf("line %d has %d columns: %q", i, len(l), l)
		}
		if i > 0 && !strings.HasPrefix(l, "        ") {
			t.Errorf("continuation %q is not indented under its item", l)
		}
	}
	if hanging(line, 0) != line || hanging("short", 60) != "short" {
		t.Error("a line that fits, or no width, is left as is")
	}
}

func TestCloseListingFitsTheTerminal(t *testing.T) {
	_, stderr := terminal(t, 60, false, "--regions", "eu-west-1,ap-southeast-2", "close", "--dry-run")
	if n, line := widest(stderr); n > 60 || !strings.Contains(stderr, "would revoke") {
		t.Errorf("widest stderr line %d: %s\n%s", n, line, stderr)
	}
}
