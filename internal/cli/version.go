package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/buildinfo"
)

func newCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the defaultsg version",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(f.IO.Out, "defaultsg %s (%s, %s/%s)\n", buildinfo.String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
