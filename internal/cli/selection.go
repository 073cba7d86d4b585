package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
)

// checkEmptyLists refuses a list flag given with nothing in it (an empty
// --regions, --vpc-ids of only commas, an empty --accounts): left as it
// is, an empty list silently means "everything" (regions) or "nothing".
// Blank entries among real ones are dropped.
func checkEmptyLists(cmd *cobra.Command) error {
	var bad []string
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		switch v := fl.Value.(type) {
		case pflag.SliceValue:
			var kept []string
			for _, s := range v.GetSlice() {
				if s = strings.TrimSpace(s); s != "" {
					kept = append(kept, s)
				}
			}
			if len(kept) == 0 {
				bad = append(bad, "--"+fl.Name)
				return
			}
			_ = v.Replace(kept)
		default:
			if fl.Name == "regions" && len(awsx.ParseRegions(fl.Value.String())) == 0 {
				bad = append(bad, "--"+fl.Name)
			}
		}
	})
	if len(bad) > 0 {
		return exitcode.Usagef(fmt.Errorf("%s given with an empty list: name at least one value, or leave the flag out", strings.Join(bad, ", ")))
	}
	return nil
}

// selectionError makes an id that matched nothing (--vpc-ids, --group-ids,
// --accounts) a usage error naming it.
func selectionError(err error) error {
	var nm *awsx.NoMatchError
	if errors.As(err, &nm) {
		return exitcode.Usagef(fmt.Errorf("%w; nothing checked or changed", err))
	}
	return err
}
