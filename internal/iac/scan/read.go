package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// sniffBytes is how much of a file with an unknown extension is read to
// decide whether it is a template.
const sniffBytes = 8 << 10

// errNotRegular refuses FIFOs, devices and sockets: reading /dev/zero never
// ends and opening a FIFO blocks until a writer appears.
var errNotRegular = errors.New("not a regular file")

// openRegular opens p without blocking (O_NONBLOCK makes opening a FIFO
// return at once) and checks, on the opened file, that it is a regular file
// no larger than max, so that a path swapped after the walk cannot slip a
// device past the check.
func openRegular(p string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%w (%s); only regular files are scanned", errNotRegular, kindName(info.Mode().Type()))
	}
	return f, info, nil
}

// readAll reads at most max bytes (0: no limit) of an opened regular file;
// a file that grew past max while being read is refused like a large one.
func readAll(f *os.File, size, max int64) ([]byte, error) {
	if max > 0 && size > max {
		return nil, tooLarge(size, max)
	}
	r := io.Reader(f)
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	// Sized from stat like os.ReadFile, so a file is read in one go.
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if max > 0 && int64(len(data)) > max {
		return nil, tooLarge(int64(len(data)), max)
	}
	return data, nil
}

func tooLarge(size, max int64) error {
	return fmt.Errorf("%w: file is %d bytes, limit %d (--max-file-size)", model.ErrTooComplex, size, max)
}

// readHead reads up to n bytes from the start of f.
func readHead(f *os.File, n int) ([]byte, error) {
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:m], nil
}

// sniffed is what the start of a file with an unknown extension looks like.
type sniffed int

const (
	sniffOther sniffed = iota
	sniffCFN
	sniffHCL
)

var (
	cfnTopKeys = [][]byte{[]byte("AWSTemplateFormatVersion"), []byte("Resources"), []byte("Description"),
		[]byte("Parameters"), []byte("Transform"), []byte("Metadata"), []byte("Mappings"), []byte("Conditions"), []byte("Outputs")}
	hclBlocks = [][]byte{[]byte("resource"), []byte("data"), []byte("module"), []byte("variable"), []byte("output"),
		[]byte("provider"), []byte("terraform"), []byte("locals")}
)

// sniff recognises a template by content: binary data (a NUL byte) is
// never one; CloudFormation is a JSON object or YAML map whose first key
// is a template section and which names AWSTemplateFormatVersion or an
// AWS:: type; Terraform is text whose first statement opens one of its
// top-level blocks. Only the first significant line decides, so prose that
// quotes a template (a README) is not mistaken for one.
func sniff(head []byte) sniffed {
	if bytes.IndexByte(head, 0) >= 0 {
		return sniffOther
	}
	head = model.StripBOM(head)
	line := firstSignificantLine(head)
	if len(line) == 0 {
		return sniffOther
	}
	mentionsCFN := bytes.Contains(head, []byte("AWSTemplateFormatVersion")) || bytes.Contains(head, []byte("AWS::"))
	if line[0] == '{' {
		if mentionsCFN && (bytes.Contains(head, []byte(`"Resources"`)) || bytes.Contains(head, []byte(`"AWSTemplateFormatVersion"`))) {
			return sniffCFN
		}
		return sniffOther
	}
	for _, k := range cfnTopKeys {
		if rest, ok := bytes.CutPrefix(line, k); ok && bytes.HasPrefix(bytes.TrimLeft(rest, " \t"), []byte(":")) && mentionsCFN {
			return sniffCFN
		}
	}
	for _, k := range hclBlocks {
		rest, ok := bytes.CutPrefix(line, k)
		if !ok {
			continue
		}
		rest = bytes.TrimLeft(rest, " \t")
		if len(rest) > 0 && (rest[0] == '"' || (rest[0] == '{' && (k[0] == 't' || k[0] == 'l'))) {
			return sniffHCL
		}
	}
	return sniffOther
}

// firstSignificantLine skips blank lines, comments (#, //) and a YAML
// document marker.
func firstSignificantLine(b []byte) []byte {
	for len(b) > 0 {
		var line []byte
		line, b, _ = bytes.Cut(b, []byte("\n"))
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || bytes.HasPrefix(t, []byte("//")) || bytes.Equal(t, []byte("---")) {
			continue
		}
		if bytes.HasPrefix(t, []byte("{")) {
			return t
		}
		return bytes.TrimRight(line, " \t\r")
	}
	return nil
}
