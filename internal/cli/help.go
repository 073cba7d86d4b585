package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// exitCodesHelp is the exit code table every command's help ends with.
func exitCodesHelp() string {
	var b strings.Builder
	b.WriteString("\nExit codes:\n")
	for _, m := range exitcode.Meanings {
		fmt.Fprintf(&b, "  %-4d %s\n", m.Code, m.Meaning)
	}
	return b.String()
}

// wrapFlagUsages makes cobra's usage template print flags through the
// wrappedFlagUsages template function.
func wrapFlagUsages(tmpl string) string {
	for _, set := range []string{".LocalFlags", ".InheritedFlags"} {
		tmpl = strings.ReplaceAll(tmpl, set+".FlagUsages | trimTrailingWhitespaces", "wrappedFlagUsages "+set)
	}
	return tmpl
}

// reflow wraps each prose paragraph of a command's long help to width;
// paragraphs with indented lines (examples) are kept as written, and so is
// everything when width is 0 (not a terminal).
func reflow(s string, width int) string {
	if width <= 0 {
		return s
	}
	paras := strings.Split(s, "\n\n")
	for i, p := range paras {
		if strings.Contains("\n"+p, "\n ") {
			continue
		}
		paras[i] = iostreams.Wrap(strings.Join(strings.Fields(p), " "), width)
	}
	return strings.Join(paras, "\n\n")
}

// hanging wraps one line of a listing to width, its continuation lines
// indented four more than the line itself; width 0 leaves it whole.
func hanging(line string, width int) string {
	if width <= 0 || len([]rune(line)) <= width {
		return line
	}
	body := strings.TrimLeft(line, " ")
	indent := strings.Repeat(" ", len(line)-len(body))
	more := indent + "    "
	wrapped := strings.Split(iostreams.Wrap(body, max(width-len(more), 20)), "\n")
	for i := range wrapped {
		if i == 0 {
			wrapped[i] = indent + wrapped[i]
		} else {
			wrapped[i] = more + wrapped[i]
		}
	}
	return strings.Join(wrapped, "\n")
}

// flagError makes a flag mistake a usage error and, for an unknown flag,
// suggests the closest one the command takes.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		if s := closestFlag(cmd, name); s != "" {
			err = fmt.Errorf("%w\n\nDid you mean --%s?", err, s)
		}
	}
	return exitcode.Usagef(err)
}

// closestFlag is the flag of cmd (its own or inherited) nearest to name:
// within two edits, or the only one name is a prefix of.
func closestFlag(cmd *cobra.Command, name string) string {
	best, bestDist := "", 3
	var prefixed []string
	each := func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		if strings.HasPrefix(f.Name, name) {
			prefixed = append(prefixed, f.Name)
		}
		if d := editDistance(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	}
	cmd.Flags().VisitAll(each)
	cmd.InheritedFlags().VisitAll(each)
	if best == "" && len(prefixed) == 1 {
		return prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
