package backup

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ErrExists marks an explicit --backup path that is already taken: close
// refuses it (usage error) rather than writing somewhere the user did not
// name.
var ErrExists = errors.New("backup file already exists")

// Destination is where close writes its backup.
type Destination struct {
	Path string
	// AutoNumber is set for a default name only: when it is taken (two
	// closes in one second), -2, -3, … is tried.
	AutoNumber bool
}

// ResolveDestination turns the --backup flag into a destination:
//   - empty: the default name (DefaultName) in the current directory;
//   - an existing directory: the default name inside it;
//   - an existing file (or anything else that exists): ErrExists;
//   - otherwise: exactly that path, never renumbered.
func ResolveDestination(flag string, accounts []string, now time.Time) (Destination, error) {
	name := DefaultName(accounts, now)
	if flag == "" {
		return Destination{Path: filepath.Join(".", name), AutoNumber: true}, nil
	}
	st, err := os.Stat(flag)
	switch {
	case err == nil && st.IsDir():
		return Destination{Path: filepath.Join(flag, name), AutoNumber: true}, nil
	case err == nil:
		return Destination{}, fmt.Errorf("%w: %s (give a new file name, or a directory to get a default name in it)", ErrExists, flag)
	case errors.Is(err, os.ErrNotExist):
		return Destination{Path: flag}, nil
	}
	return Destination{}, fmt.Errorf("--backup %s: %w", flag, err)
}
