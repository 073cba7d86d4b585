package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// VersionOptions are the inputs of `defaultsg version`.
type VersionOptions struct {
	IO *iostreams.IOStreams
}

// NewCmdVersion builds `version`; runF, when not nil, replaces the run (tests).
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the defaultsg version",
		Example: `  defaultsg version
  defaultsg --version`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
}

func versionRun(opts *VersionOptions) error {
	_, err := fmt.Fprintln(opts.IO.Out, versionLine())
	return err
}

// versionLine is what `version` and `--version` print.
func versionLine() string {
	return "defaultsg " + buildinfo.Long()
}
