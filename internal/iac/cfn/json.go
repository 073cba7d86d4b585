package cfn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// fromJSON walks encoding/json's token stream, which is iterative (no
// recursion on hostile nesting) and exact about JSON, and computes each
// value's line and column from the decoder's byte offset.
func (b *builder) fromJSON(data []byte) (*model.Value, error) {
	j := &jsonConv{b: b, data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: lineStarts(data)}
	j.dec.UseNumber()
	v, err := j.value(0)
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			p := j.at(int(se.Offset))
			return nil, fmt.Errorf("json: line %d col %d: %w", p.Line, p.Col, err)
		}
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("json: unexpected end of input")
		}
		return nil, fmt.Errorf("json: %w", err)
	}
	return v, nil
}

type jsonConv struct {
	b     *builder
	data  []byte
	dec   *json.Decoder
	lines []int
	// Offsets only grow, so columns are counted from the previous position
	// on the same line; recounting from the line start is quadratic on
	// minified templates.
	lastLine, lastOff, lastCol int
}

// next returns the next token and the position where it starts (the
// decoder's offset is after the previous token, before separators).
func (j *jsonConv) next() (json.Token, model.Pos, error) {
	off := int(j.dec.InputOffset())
	for off < len(j.data) {
		c := j.data[off]
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':' {
			break
		}
		off++
	}
	tok, err := j.dec.Token()
	return tok, j.at(off), err
}

func (j *jsonConv) value(depth int) (*model.Value, error) {
	tok, pos, err := j.next()
	if err != nil {
		return nil, err
	}
	return j.fromToken(tok, pos, depth)
}

func (j *jsonConv) fromToken(tok json.Token, pos model.Pos, depth int) (*model.Value, error) {
	if err := j.b.count(depth); err != nil {
		return nil, err
	}
	v := &model.Value{Pos: pos}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			v.Kind = model.List
			for j.dec.More() {
				item, err := j.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.Items = append(v.Items, item)
			}
		} else {
			v.Kind = model.Map
			for j.dec.More() {
				ktok, kpos, err := j.next()
				if err != nil {
					return nil, err
				}
				key, _ := ktok.(string)
				val, err := j.value(depth + 1)
				if err != nil {
					return nil, err
				}
				v.Entries = append(v.Entries, model.Entry{Key: key, KeyPos: kpos, Value: val})
			}
		}
		if _, err := j.dec.Token(); err != nil { // closing delimiter
			return nil, err
		}
	case nil:
		v.Kind = model.Null
	case string:
		v.Kind, v.Str = model.Scalar, t
	case json.Number:
		v.Kind, v.Str = model.Scalar, t.String()
	case bool:
		v.Kind, v.Str = model.Scalar, fmt.Sprint(t)
	}
	return v, nil
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// at converts a byte offset to a 1-based line and a 1-based column in runes.
func (j *jsonConv) at(off int) model.Pos {
	i := sort.Search(len(j.lines), func(i int) bool { return j.lines[i] > off }) - 1
	i = max(i, 0)
	off = min(off, len(j.data))
	from, col := j.lines[i], 1
	if j.lastLine == i+1 && j.lastOff <= off && j.lastOff >= from {
		from, col = j.lastOff, j.lastCol
	}
	col += utf8.RuneCount(j.data[from:off])
	j.lastLine, j.lastOff, j.lastCol = i+1, off, col
	return j.b.pos(i+1, col)
}
