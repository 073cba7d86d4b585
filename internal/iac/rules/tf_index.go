package rules

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// tfModule is one directory of Terraform files.
type tfModule struct {
	dir       string
	resources map[string]*model.Block // "aws_vpc.main"
	data      map[string]*model.Block // "aws_security_group.default"
	locals    map[string]*model.Attr
	variables map[string]*model.Block
	outputs   map[string]*model.Block
	calls     map[string]*model.Block
	callers   []tfCaller
	// blocks in file order, for rules that visit everything
	blocks []*model.Block
}

type tfCaller struct {
	parent *tfModule
	call   *model.Block
}

// tfIndex groups files into modules and links local module calls, so that
// variables resolve through the module inputs given by their callers.
type tfIndex struct {
	mods  map[string]*tfModule
	order []*tfModule
	memo  map[string]*hit
	busy  map[string]bool
}

func newTFIndex(files []*model.TFFile) *tfIndex {
	x := &tfIndex{mods: map[string]*tfModule{}, memo: map[string]*hit{}, busy: map[string]bool{}}
	for _, f := range files {
		dir := filepath.Clean(f.Dir)
		m := x.mods[dir]
		if m == nil {
			m = &tfModule{dir: dir, resources: map[string]*model.Block{}, data: map[string]*model.Block{},
				locals: map[string]*model.Attr{}, variables: map[string]*model.Block{},
				outputs: map[string]*model.Block{}, calls: map[string]*model.Block{}}
			x.mods[dir] = m
			x.order = append(x.order, m)
		}
		for _, b := range f.Blocks {
			m.add(b)
		}
	}
	sort.Slice(x.order, func(i, j int) bool { return x.order[i].dir < x.order[j].dir })
	for _, m := range x.order {
		for _, name := range sortedKeys(m.calls) {
			if child := x.child(m, m.calls[name]); child != nil {
				child.callers = append(child.callers, tfCaller{parent: m, call: m.calls[name]})
			}
		}
	}
	return x
}

func (m *tfModule) add(b *model.Block) {
	key := b.Label(0) + "." + b.Label(1)
	switch b.Type {
	case "resource":
		m.resources[key] = b
	case "data":
		m.data[key] = b
	case "locals":
		for _, a := range b.Attrs {
			m.locals[a.Name] = a
		}
	case "variable":
		m.variables[b.Label(0)] = b
	case "output":
		m.outputs[b.Label(0)] = b
	case "module":
		m.calls[b.Label(0)] = b
	}
	m.blocks = append(m.blocks, b)
}

// child returns the module a call's local source points to, if scanned.
func (x *tfIndex) child(m *tfModule, call *model.Block) *tfModule {
	src := constString(call.Attr("source"))
	if !strings.HasPrefix(src, "./") && !strings.HasPrefix(src, "../") {
		return nil
	}
	return x.mods[filepath.Join(m.dir, filepath.FromSlash(src))]
}

func constString(a *model.Attr) string {
	if a == nil || !a.Expr.Known {
		return ""
	}
	s, _ := a.Expr.Value.(string)
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// isVPCModule recognises a call of terraform-aws-modules/vpc or a module
// with its interface (the manage_default_security_group input).
func isVPCModule(call *model.Block) bool {
	src := constString(call.Attr("source"))
	return strings.Contains(src, "terraform-aws-modules/vpc") || call.Attr("manage_default_security_group") != nil
}
