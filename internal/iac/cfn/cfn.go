// Package cfn parses CloudFormation, SAM and CDK-synthesised templates (YAML
// or JSON) into model.Template, keeping every value's line and column and
// normalising short-form tags (!GetAtt, !Ref, !Sub, ...) into the long form.
package cfn

import (
	"errors"
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// ErrNotTemplate is returned for well-formed YAML/JSON that is not a
// CloudFormation template (a Kubernetes manifest, package.json, ...).
var ErrNotTemplate = errors.New("not a CloudFormation template")

// Parse parses one template. JSON input (first non-space byte '{') goes
// through encoding/json, because YAML parsers reject some valid JSON
// (surrogate-pair escapes); everything else through yaml.v3's Node API.
func Parse(path string, data []byte, lim model.Limits) (*model.Template, error) {
	data = model.StripBOM(data)
	if err := model.Precheck(data, lim); err != nil {
		return nil, err
	}
	// Aliases may expand to no more values than the file has bytes (at
	// least 10,000): real templates barely use them, bombs need far more.
	b := &builder{path: path, lim: lim, aliasBudget: max(10_000, len(data))}
	var root *model.Value
	var err error
	if looksJSON(data) {
		root, err = b.fromJSON(data)
	} else {
		root, err = b.fromYAML(data)
	}
	if err != nil {
		return nil, err
	}
	return build(path, root)
}

func looksJSON(data []byte) bool {
	s := strings.TrimLeft(string(data[:min(len(data), 512)]), " \t\r\n")
	return strings.HasPrefix(s, "{")
}

// build checks that root is a template and indexes its sections.
func build(path string, root *model.Value) (*model.Template, error) {
	if root == nil || root.Kind != model.Map {
		return nil, ErrNotTemplate
	}
	res := root.Get("Resources")
	if res == nil || res.Kind != model.Map || (root.Get("AWSTemplateFormatVersion") == nil && !hasTypedResource(res)) {
		return nil, ErrNotTemplate
	}
	t := &model.Template{Path: path, Root: root, Parameters: root.Get("Parameters"), Globals: root.Get("Globals")}
	for _, e := range res.Entries {
		r := model.Resource{ID: e.Key, Pos: e.KeyPos}
		if e.Value.Kind != model.Map {
			return nil, fmt.Errorf("%s: resource %s is not a map", e.KeyPos, e.Key)
		}
		if ty := e.Value.Get("Type"); ty != nil && ty.Kind == model.Scalar {
			r.Type = ty.Str
		}
		r.Properties, r.Metadata = e.Value.Get("Properties"), e.Value.Get("Metadata")
		if r.Type == "AWS::CDK::Metadata" || hasCDKPath(e.Value) {
			t.CDK = true
		}
		t.Resources = append(t.Resources, r)
	}
	if outs := root.Get("Outputs"); outs != nil && outs.Kind == model.Map {
		for _, e := range outs.Entries {
			o := model.Output{Name: e.Key, Pos: e.KeyPos, Value: e.Value.Get("Value")}
			if ex := e.Value.Get("Export"); ex != nil {
				o.Export = ex.Get("Name")
			}
			t.Outputs = append(t.Outputs, o)
		}
	}
	return t, nil
}

func hasTypedResource(res *model.Value) bool {
	for _, e := range res.Entries {
		if ty := e.Value.Get("Type"); ty != nil && ty.Kind == model.Scalar && strings.Contains(ty.Str, "::") {
			return true
		}
	}
	return false
}

func hasCDKPath(r *model.Value) bool {
	md := r.Get("Metadata")
	return md.Get("aws:cdk:path") != nil
}

// builder converts parser nodes to model values within the limits.
type builder struct {
	path        string
	lim         model.Limits
	nodes       int
	inAlias     int
	aliasBudget int
}

func (b *builder) count(depth int) error {
	b.nodes++
	if b.inAlias > 0 {
		b.aliasBudget--
		if b.aliasBudget < 0 {
			return fmt.Errorf("%w: YAML aliases expand to more values than the file has bytes", model.ErrTooComplex)
		}
	}
	if b.lim.MaxNodes > 0 && b.nodes > b.lim.MaxNodes {
		return fmt.Errorf("%w: more than %d values (YAML alias expansion?)", model.ErrTooComplex, b.lim.MaxNodes)
	}
	if b.lim.MaxDepth > 0 && depth > b.lim.MaxDepth {
		return fmt.Errorf("%w: nested deeper than %d", model.ErrTooComplex, b.lim.MaxDepth)
	}
	return nil
}

func (b *builder) pos(line, col int) model.Pos { return model.Pos{File: b.path, Line: line, Col: col} }
