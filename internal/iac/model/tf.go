package model

// TFFile is one parsed Terraform file (.tf or .tf.json). Files of the same
// directory form a module; rules group them by Dir.
type TFFile struct {
	Path   string
	Dir    string
	Blocks []*Block
}

// Block is a Terraform block (resource, data, module, locals, dynamic, ...).
type Block struct {
	Type   string
	Labels []string
	Pos    Pos
	Attrs  []*Attr
	Blocks []*Block
}

// Attr is one attribute of a block.
type Attr struct {
	Name string
	Pos  Pos
	Expr *Expr
}

// Expr is what the rules need of an HCL expression: the references it makes
// and, when it has none, its constant value.
type Expr struct {
	Pos  Pos
	Refs []Ref
	// Known is true when the expression is a constant; Value is then a string,
	// bool, float64, []any or map[string]any (nil for null).
	Known bool
	Value any
	// Single is true when the expression is exactly one reference
	// (`var.x`, not `[var.x]` or `"${var.x}-a"`).
	Single bool
}

// Ref is a reference such as aws_vpc.main.default_security_group_id: the
// attribute names of the traversal, index steps dropped.
type Ref struct {
	Parts []string
	Pos   Pos
	// Embedded is true when the reference is interpolated into a longer
	// string ("arn:...:security-group/${...}"): the value is then not an id.
	Embedded bool
	// Keys are the object keys the reference sits under, outermost first
	// ({api = {groups = [x]}} gives x the keys [api groups]); nil when
	// unknown (JSON syntax).
	Keys []string
}

// Attr returns the attribute called name, or nil.
func (b *Block) Attr(name string) *Attr {
	if b == nil {
		return nil
	}
	for _, a := range b.Attrs {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// BlocksOf returns the nested blocks of type typ.
func (b *Block) BlocksOf(typ string) []*Block {
	var out []*Block
	for _, c := range b.Blocks {
		if c.Type == typ {
			out = append(out, c)
		}
	}
	return out
}

// Label returns the i-th label or "".
func (b *Block) Label(i int) string {
	if i < len(b.Labels) {
		return b.Labels[i]
	}
	return ""
}
