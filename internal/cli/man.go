package cli

import (
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// ManOptions are the inputs of `defaultsg man`.
type ManOptions struct {
	IO  *iostreams.IOStreams
	Dir string
	// Root is the command tree the pages are generated from.
	Root *cobra.Command
}

// NewCmdMan builds `man`; runF, when not nil, replaces the run (tests).
func NewCmdMan(f *Factory, runF func(*ManOptions) error) *cobra.Command {
	opts := &ManOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "man DIR",
		Short: "Write a man page for every command into DIR (section 1)",
		Example: `  defaultsg man /usr/local/share/man/man1
  defaultsg man ./man && man ./man/defaultsg-close.1`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Root = args[0], cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return manRun(opts)
		},
	}
	return cmd
}

func manRun(opts *ManOptions) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	opts.Root.DisableAutoGenTag = true
	if err := doc.GenManTree(opts.Root, &doc.GenManHeader{Title: "DEFAULTSG", Section: "1", Source: "defaultsg"}, opts.Dir); err != nil {
		return err
	}
	opts.IO.Infof("Man pages written to %s\n", opts.Dir)
	return nil
}
