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
	// S3 is set for an s3:// --backup (Path is then empty); Name is the
	// default name appended to an S3 prefix.
	S3   *S3Location
	Name string
}

// String is where the backup goes, for messages.
func (d Destination) String() string {
	if d.S3 != nil {
		if d.S3.Dir {
			return d.S3.String() + d.Name
		}
		return d.S3.String()
	}
	return d.Path
}

// ResolveDestination turns the --backup flag into a destination:
//   - empty: the default name (DefaultName) in the current directory;
//   - an existing directory: the default name inside it;
//   - an existing file (or anything else that exists): ErrExists;
//   - otherwise: exactly that path, never renumbered;
//   - s3://bucket/key: that object; s3://bucket/prefix/ (or s3://bucket):
//     the default name under the prefix. Whether it is taken is for the
//     caller to ask S3 (S3Store.Exists); the write is conditional anyway.
func ResolveDestination(flag string, accounts []string, now time.Time) (Destination, error) {
	name := DefaultName(accounts, now)
	if IsS3URL(flag) {
		loc, err := ParseS3URL(flag)
		if err != nil {
			return Destination{}, fmt.Errorf("--backup %w", err)
		}
		return Destination{S3: &loc, Name: name, AutoNumber: loc.Dir}, nil
	}
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
