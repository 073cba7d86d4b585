package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// ErrNotRegular marks a path that is not a regular file (a FIFO, a device,
// a directory): reading one can block forever or never end.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge marks a file larger than its reader accepts.
var ErrTooLarge = errors.New("file too large")

// ReadRegular reads path, which must be a regular file of at most max bytes.
// The type and size are checked with stat before anything is read, and the
// file is opened non-blocking and checked again, so a FIFO swapped in
// between cannot make the read hang.
func ReadRegular(path string, max int64) ([]byte, error) {
	if err := CheckRegular(path, max); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if err := checkInfo(path, st, max); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: %s grew past %d bytes while being read", ErrTooLarge, path, max)
	}
	return data, nil
}

// CheckRegular returns an error unless path is a regular file of at most
// max bytes (max <= 0: any size). A missing file is os.ErrNotExist.
func CheckRegular(path string, max int64) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	return checkInfo(path, st, max)
}

func checkInfo(path string, st os.FileInfo, max int64) error {
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w: %s is a %s", ErrNotRegular, path, kind(st.Mode()))
	}
	if max > 0 && st.Size() > max {
		return fmt.Errorf("%w: %s is %d bytes, more than the %d accepted", ErrTooLarge, path, st.Size(), max)
	}
	return nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&os.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeDevice != 0:
		return "device"
	}
	return "special file"
}
