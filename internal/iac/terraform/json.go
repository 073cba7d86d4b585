package terraform

import (
	"sort"

	"github.com/hashicorp/hcl/v2"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// The JSON syntax cannot tell a block from an attribute without a schema, so
// these tables name the block types the rules look into. Anything else is
// read as an attribute, which still yields its references.
var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "locals"},
}}

var nestedBlockTypes = []string{
	"ingress", "egress", "filter", "vpc_config", "vpc_options", "network_configuration",
	"network_interface", "content", "lifecycle", "timeouts", "validation",
}

func nestedSchema() *hcl.BodySchema {
	s := &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "dynamic", LabelNames: []string{"name"}}}}
	for _, t := range nestedBlockTypes {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: t})
	}
	return s
}

func (c *conv) jsonBlock(blk *hcl.Block, depth int) (*model.Block, error) {
	if err := c.count(depth); err != nil {
		return nil, err
	}
	out := &model.Block{Type: blk.Type, Labels: blk.Labels, Pos: c.pos(blk.DefRange.Start)}
	body := blk.Body
	if blk.Type != "locals" && blk.Type != "module" && blk.Type != "output" && blk.Type != "variable" {
		content, rest, diags := body.PartialContent(nestedSchema())
		if err := diagErr(diags); err != nil {
			return nil, err
		}
		for _, nb := range content.Blocks {
			b, err := c.jsonBlock(nb, depth+1)
			if err != nil {
				return nil, err
			}
			out.Blocks = append(out.Blocks, b)
		}
		body = rest
	}
	attrs, diags := body.JustAttributes()
	if err := diagErr(diags); err != nil {
		return nil, err
	}
	for name, a := range attrs {
		if err := c.count(depth); err != nil {
			return nil, err
		}
		out.Attrs = append(out.Attrs, &model.Attr{Name: name, Pos: c.pos(a.NameRange.Start), Expr: c.expr(a.Expr)})
	}
	sort.Slice(out.Attrs, func(i, j int) bool { return out.Attrs[i].Pos.Line < out.Attrs[j].Pos.Line })
	sort.SliceStable(out.Blocks, func(i, j int) bool { return out.Blocks[i].Pos.Line < out.Blocks[j].Pos.Line })
	return out, nil
}
