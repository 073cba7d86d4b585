// Package terraform parses Terraform files, native syntax (.tf) and JSON
// syntax (.tf.json), with hashicorp/hcl/v2 into model.TFFile: blocks,
// attributes, the references each expression makes and constant values.
// Nothing is evaluated beyond constants; resolving references across
// locals, variables and modules is the rules' job.
package terraform

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// Parse parses one file; names ending in .json use the JSON syntax.
func Parse(path string, data []byte, lim model.Limits) (*model.TFFile, error) {
	data = model.StripBOM(data)
	if err := model.Precheck(data, lim); err != nil {
		return nil, err
	}
	if err := precheckExpr(data); err != nil {
		return nil, err
	}
	c := &conv{path: path, src: data, lim: lim}
	f := &model.TFFile{Path: path, Dir: filepath.Dir(path)}
	var err error
	if strings.HasSuffix(path, ".json") {
		f.Blocks, err = c.jsonFile()
	} else {
		f.Blocks, err = c.nativeFile()
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// precheckExpr refuses shapes that make the HCL parser recurse once per
// byte without brackets (long runs of unary operators, ternary chains);
// Precheck's bracket depth covers everything else.
func precheckExpr(data []byte) error {
	run, questions := 0, 0
	for _, c := range data {
		switch c {
		case '!', '-':
			run++
			if run > 4096 {
				return fmt.Errorf("%w: %d unary operators in a row", model.ErrTooComplex, run)
			}
		case ' ', '\t':
		case '?':
			questions++
			run = 0
		default:
			run = 0
		}
	}
	if questions > 50_000 {
		return fmt.Errorf("%w: %d conditional operators", model.ErrTooComplex, questions)
	}
	return nil
}

type conv struct {
	path  string
	src   []byte
	lim   model.Limits
	nodes int
}

func (c *conv) pos(p hcl.Pos) model.Pos {
	return model.Pos{File: c.path, Line: p.Line, Col: p.Column}
}

func (c *conv) count(depth int) error {
	c.nodes++
	if c.lim.MaxNodes > 0 && c.nodes > c.lim.MaxNodes {
		return fmt.Errorf("%w: more than %d blocks and attributes", model.ErrTooComplex, c.lim.MaxNodes)
	}
	if c.lim.MaxDepth > 0 && depth > c.lim.MaxDepth {
		return fmt.Errorf("%w: blocks nested deeper than %d", model.ErrTooComplex, c.lim.MaxDepth)
	}
	return nil
}

// diagErr turns HCL error diagnostics into one error; warnings are dropped.
func diagErr(diags hcl.Diagnostics) error {
	var msgs []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		m := d.Summary
		if d.Detail != "" {
			m += ": " + d.Detail
		}
		if d.Subject != nil {
			m = fmt.Sprintf("line %d col %d: %s", d.Subject.Start.Line, d.Subject.Start.Column, m)
		}
		msgs = append(msgs, m)
		if len(msgs) == 3 {
			break
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("hcl: %s", strings.Join(msgs, "; "))
}

func (c *conv) nativeFile() ([]*model.Block, error) {
	f, diags := hclsyntax.ParseConfig(c.src, c.path, hcl.InitialPos)
	if err := diagErr(diags); err != nil {
		return nil, err
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("hcl: unexpected body type %T", f.Body)
	}
	b, err := c.nativeBody(body, 0)
	if err != nil {
		return nil, err
	}
	return b.Blocks, nil
}

func (c *conv) nativeBody(body *hclsyntax.Body, depth int) (*model.Block, error) {
	out := &model.Block{}
	for _, a := range body.Attributes {
		if err := c.count(depth); err != nil {
			return nil, err
		}
		out.Attrs = append(out.Attrs, &model.Attr{Name: a.Name, Pos: c.pos(a.NameRange.Start), Expr: c.expr(a.Expr)})
	}
	// Attributes is a map; sort so that findings come out in file order.
	sort.Slice(out.Attrs, func(i, j int) bool { return out.Attrs[i].Pos.Line < out.Attrs[j].Pos.Line })
	for _, blk := range body.Blocks {
		if err := c.count(depth); err != nil {
			return nil, err
		}
		inner, err := c.nativeBody(blk.Body, depth+1)
		if err != nil {
			return nil, err
		}
		inner.Type, inner.Labels, inner.Pos = blk.Type, blk.Labels, c.pos(blk.TypeRange.Start)
		out.Blocks = append(out.Blocks, inner)
	}
	return out, nil
}

func (c *conv) jsonFile() ([]*model.Block, error) {
	f, diags := hcljson.Parse(c.src, c.path)
	if err := diagErr(diags); err != nil {
		return nil, err
	}
	content, _, diags := f.Body.PartialContent(topSchema)
	if err := diagErr(diags); err != nil {
		return nil, err
	}
	var blocks []*model.Block
	for _, blk := range content.Blocks {
		b, err := c.jsonBlock(blk, 1)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b)
	}
	return blocks, nil
}
