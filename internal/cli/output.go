package cli

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/atomicfile"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/services"
)

// One meaning per flag in every command: -o/--output is the format of what
// the command prints, --out the file it goes to instead of stdout.

// addOutputFlags registers -o/--output FORMAT (one of formats, the first
// being the default) and --out FILE.
func addOutputFlags(cmd *cobra.Command, format, file *string, formats ...string) {
	cmd.Flags().StringVarP(format, "output", "o", formats[0], "output format: "+strings.Join(formats, ", "))
	cmd.Flags().StringVar(file, "out", "", "write the output to `FILE` instead of stdout")
	completeWith(cmd, "output", formats...)
}

// completeWith makes the shell complete flag's value from values.
func completeWith(cmd *cobra.Command, flag string, values ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// completeFinders completes --accept-unknown with finder names.
func completeFinders(cmd *cobra.Command) {
	names := make([]string, len(services.Finders()))
	for i, f := range services.Finders() {
		names[i] = f.Name
	}
	completeWith(cmd, "accept-unknown", names...)
}

// tableFormats are the formats of commands whose output is tables.
var tableFormats = []string{"table", "json", "csv", "markdown"}

// checkFormat returns a usage error unless value is one of formats. A value
// that looks like a file name was probably meant for --out.
func checkFormat(value string, formats ...string) error {
	if slices.Contains(formats, value) {
		return nil
	}
	err := fmt.Errorf("unknown output format %q (want one of %s)", value, strings.Join(formats, ", "))
	if strings.ContainsAny(value, "./\\") {
		err = fmt.Errorf("%w; -o/--output is the format: to write to a file use --out %s", err, value)
	}
	return exitcode.Usagef(err)
}

// parseTableFormat checks value against formats and returns it as a report
// format.
func parseTableFormat(value string, formats ...string) (report.Format, error) {
	if err := checkFormat(value, formats...); err != nil {
		return "", err
	}
	return report.ParseFormat(value)
}

// writeOut runs write on ios, or with --out on streams whose stdout is
// file, written atomically once write is done.
func writeOut(ios *iostreams.IOStreams, file string, write func(*iostreams.IOStreams) error) error {
	if file == "" {
		return write(ios)
	}
	var buf bytes.Buffer
	if err := write(ios.WithOut(&buf)); err != nil {
		return err
	}
	if err := atomicfile.Write(file, buf.Bytes(), 0o644); err != nil {
		return err
	}
	ios.Infof("Output written to %s\n", file)
	return nil
}

// writeTable renders t on ios: on a terminal it fits the width (unless
// --wide) and colours outcomes (unless NO_COLOR).
func writeTable(ios *iostreams.IOStreams, f report.Format, t report.Table) error {
	st := report.Style{Width: ios.TerminalWidth()}
	if ios.ColorEnabled() {
		st.Paint = paint
	}
	return report.WriteTableStyled(ios.Out, f, t, st)
}

// outcomeColors colours the cells that say how something went, matched on
// the whole cell or its part before " (": "closed (forced)" is closed.
var outcomeColors = map[string]text.Colors{
	"PASS": {text.FgGreen}, "closed": {text.FgGreen}, "already-closed": {text.FgGreen}, "would-succeed": {text.FgGreen},
	"done": {text.FgGreen}, "equivalent": {text.FgGreen}, "unused": {text.FgGreen}, "COMPLIANT": {text.FgGreen},
	"FAIL": {text.FgRed, text.Bold}, "refused": {text.FgRed, text.Bold}, "failed": {text.FgRed, text.Bold},
	"would-fail": {text.FgRed, text.Bold}, "DIFFERENT": {text.FgRed, text.Bold}, "NON_COMPLIANT": {text.FgRed},
	"used": {text.FgYellow}, "usage unknown": {text.FgYellow}, "unknown": {text.FgYellow}, "pending": {text.FgYellow},
	"manual": {text.FgYellow},
}

func paint(cell string) string {
	word, _, _ := strings.Cut(cell, " (")
	if c, ok := outcomeColors[word]; ok {
		return c.Sprint(cell)
	}
	return cell
}
