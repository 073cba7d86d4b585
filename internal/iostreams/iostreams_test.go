package iostreams

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	got := Wrap("Note: these create calls put a new resource in the default group\nsecond paragraph", 20)
	for _, l := range strings.Split(got, "\n") {
		if len(l) > 20 {
			t.Errorf("line %q longer than 20", l)
		}
	}
	if !strings.HasSuffix(got, "\nsecond paragraph") || !strings.HasPrefix(got, "Note: these create\n") {
		t.Errorf("got %q", got)
	}
}

func TestNoteOnceAndQuiet(t *testing.T) {
	ios, _, _, errOut := Test()
	ios.NoteOnce("k", "hello")
	ios.WithOut(nil).NoteOnce("k", "hello") // a --out copy shares what was shown
	if errOut.String() != "hello\n" {
		t.Errorf("stderr %q", errOut.String())
	}
	ios.Quiet = true
	ios.NoteOnce("other", "x")
	if errOut.String() != "hello\n" {
		t.Errorf("quiet: stderr %q", errOut.String())
	}
}

func TestWidthAndColourOnlyOnATerminal(t *testing.T) {
	ios, _, _, _ := Test()
	ios.SetWidth(80)
	if ios.TerminalWidth() != 0 || ios.ColorEnabled() {
		t.Error("a buffer is not a terminal")
	}
	ios.SetTTY(true)
	if ios.TerminalWidth() != 80 || !ios.ColorEnabled() {
		t.Errorf("terminal: width %d colour %t", ios.TerminalWidth(), ios.ColorEnabled())
	}
	ios.Wide = true
	ios.SetColor(false)
	if ios.TerminalWidth() != 0 || ios.ColorEnabled() {
		t.Error("--wide and NO_COLOR")
	}
}
