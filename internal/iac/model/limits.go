package model

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Limits bound the work one file may cause, so that hostile input (alias
// bombs, deep nesting, huge files) yields a per-file error instead of
// exhausting memory, time or the goroutine stack.
type Limits struct {
	MaxBytes int64 // larger files are refused before they are read
	MaxDepth int   // nesting of maps/lists/blocks/brackets
	MaxNodes int   // values built per file, aliases expanded
}

// DefaultLimits are generous for real templates (the largest CDK outputs are
// a few MiB) and small enough to keep a hostile file to well under a second.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 10 << 20, MaxDepth: 200, MaxNodes: 2_000_000}
}

// ErrTooComplex is wrapped by parse errors caused by a limit.
var ErrTooComplex = errors.New("input exceeds scanner limits")

// Precheck rejects input no parser should see: too large, not UTF-8, or
// bracketed deeper than the limit. The bracket count ignores quoting, so it
// over-counts at worst; that only matters for files far past any real
// template's depth. It runs before the third-party parsers because their
// recursion is bounded only by the goroutine stack, whose overflow is fatal.
func Precheck(data []byte, lim Limits) error {
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return fmt.Errorf("%w: file is %d bytes, limit %d (--max-file-size)", ErrTooComplex, len(data), lim.MaxBytes)
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		return fmt.Errorf("invalid UTF-8 at line %d (byte offset %d); templates must be UTF-8", line, off)
	}
	depth, maxDepth := 0, 0
	for _, c := range data {
		switch c {
		case '[', '{', '(':
			depth++
			maxDepth = max(maxDepth, depth)
		case ']', '}', ')':
			depth = max(0, depth-1)
		}
	}
	if lim.MaxDepth > 0 && maxDepth > lim.MaxDepth*4 {
		return fmt.Errorf("%w: brackets nested %d deep", ErrTooComplex, maxDepth)
	}
	return nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// StripBOM drops a UTF-8 byte-order mark, which some Windows editors add.
func StripBOM(data []byte) []byte { return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) }
