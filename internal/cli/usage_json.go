package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// writeUsageJSON writes the usage report element by element: an
// organization's report lists hundreds of thousands of cells, which are
// built one at a time from the run's grid instead of held, with the whole
// document, in memory. The result is the same document report.WriteJSON
// would write.
func writeUsageJSON(w io.Writer, rep UsageReport) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	jw := jsonWriter{w: bw}
	jw.raw("{\n")
	jw.field("schema", rep.Schema, false)
	jw.array("groups", func(each func(any)) error {
		for _, g := range rep.Groups {
			each(g)
		}
		return nil
	})
	jw.array("coverage", func(each func(any)) error {
		return rep.cells.EachCell(func(c usage.Coverage) error { each(c); return jw.err })
	})
	jw.field("summary", rep.Summary, false)
	jw.field("accepted_unknown", rep.Accepted, false)
	jw.field("problems", rep.Problems, false)
	jw.field("fallback_apis", rep.FallbackAPIs, rep.SecurityHub == nil && rep.Inventory == nil)
	if rep.SecurityHub != nil {
		jw.field("securityhub", rep.SecurityHub, rep.Inventory == nil)
	}
	if rep.Inventory != nil {
		jw.field("inventory", rep.Inventory, true)
	}
	jw.raw("}\n")
	if jw.err != nil {
		return jw.err
	}
	return bw.Flush()
}

type jsonWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *jsonWriter) value(v any, prefix string) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if j.err = enc.Encode(v); j.err == nil {
		_, j.err = j.w.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
	}
}

func (j *jsonWriter) key(name string) {
	b, _ := json.Marshal(name)
	j.raw("  " + string(b) + ": ")
}

func (j *jsonWriter) field(name string, v any, last bool) {
	j.key(name)
	j.value(v, "  ")
	if last {
		j.raw("\n")
	} else {
		j.raw(",\n")
	}
}

// array writes name: [...] from the elements fill passes to each.
func (j *jsonWriter) array(name string, fill func(each func(any)) error) {
	j.key(name)
	j.raw("[")
	n := 0
	err := fill(func(v any) {
		if n > 0 {
			j.raw(",")
		}
		j.raw("\n    ")
		j.value(v, "    ")
		n++
	})
	if j.err == nil {
		j.err = err
	}
	if n > 0 {
		j.raw("\n  ")
	}
	j.raw("],\n")
}
