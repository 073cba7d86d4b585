package cfn

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// fromYAML decodes the first document with the Node API, which keeps
// positions and custom tags and does not expand aliases itself; convert
// expands them against the node budget, which is what stops alias bombs.
func (b *builder) fromYAML(data []byte) (*model.Value, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrNotTemplate
		}
		return nil, err // yaml.v3 errors already say "yaml: line N: ..."
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, ErrNotTemplate
	}
	return b.convert(doc.Content[0], 0)
}

func (b *builder) convert(n *yaml.Node, depth int) (*model.Value, error) {
	if err := b.count(depth); err != nil {
		return nil, err
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return &model.Value{Kind: model.Null, Pos: b.pos(n.Line, n.Column)}, nil
		}
		b.inAlias++
		v, err := b.convert(n.Alias, depth+1)
		b.inAlias--
		return v, err
	}
	v := &model.Value{Pos: b.pos(n.Line, n.Column)}
	switch n.Kind {
	case yaml.ScalarNode:
		v.Kind, v.Str = model.Scalar, n.Value
		if n.Tag == "!!null" {
			v.Kind = model.Null
		}
	case yaml.SequenceNode:
		v.Kind = model.List
		for _, c := range n.Content {
			cv, err := b.convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			v.Items = append(v.Items, cv)
		}
	case yaml.MappingNode:
		v.Kind = model.Map
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			cv, err := b.convert(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			v.Entries = append(v.Entries, model.Entry{Key: k.Value, KeyPos: b.pos(k.Line, k.Column), Value: cv})
		}
	}
	if fn := intrinsicTag(n.Tag); fn != "" {
		return &model.Value{Kind: model.Map, Pos: v.Pos, Entries: []model.Entry{{Key: fn, KeyPos: v.Pos, Value: v}}}, nil
	}
	return v, nil
}

// intrinsicTag maps a CloudFormation short-form tag to its long-form key:
// !Ref -> Ref, !Condition -> Condition, !GetAtt -> Fn::GetAtt, ...
func intrinsicTag(tag string) string {
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") || len(tag) < 2 {
		return ""
	}
	name := tag[1:]
	if name == "Ref" || name == "Condition" {
		return name
	}
	return "Fn::" + name
}
