package cdk

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// analyzer walks one file's tokens once, front to back. Brackets are
// matched first; a use of the default group is then classified by what
// encloses it, innermost first: a property key (securityGroupIds: [...],
// security_groups=[...], SecurityGroupIds = new[] {...}), a call
// (CfnOutput, addIngressRule, Java builder methods), or an assignment,
// whose variable is followed to its own uses later in the file.
type analyzer struct {
	path   string
	lang   string
	src    []byte
	ts     []tok
	ls     *lines
	match  []int // index of the matching bracket, or -1
	parent []int // innermost open bracket enclosing each token, or -1
	vars   map[string]*taint
	uses   []model.SourceUse
	// reported[origin] is true once a use derived from the access at
	// token origin has been recorded.
	reported map[int]bool
	pending  []pendingUse
	// extern are members other files set to the default group; members
	// are the ones this file sets.
	extern  map[string]model.SourceMember
	members map[string]model.SourceMember
}

// taint is a variable (or this./self. member) holding the default group.
type taint struct {
	origin int
	expr   string
	vpc    string
	via    []string
	member bool
}

type pendingUse struct {
	origin int
	use    model.SourceUse
}

func newAnalyzer(path, lang string, src []byte, ts []tok, ls *lines) *analyzer {
	a := &analyzer{path: path, lang: lang, src: src, ts: ts, ls: ls, vars: map[string]*taint{}, reported: map[int]bool{}}
	a.match, a.parent = make([]int, len(ts)), make([]int, len(ts))
	var stack []int
	for i, t := range ts {
		a.match[i] = -1
		a.parent[i] = -1
		if len(stack) > 0 {
			a.parent[i] = stack[len(stack)-1]
		}
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			stack = append(stack, i)
		case ")", "]", "}":
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				a.match[i], a.match[o] = o, i
				a.parent[i] = a.parent[o]
			}
		}
	}
	return a
}

func (a *analyzer) run() []model.SourceUse {
	for i, t := range a.ts {
		if t.kind != tIdent {
			continue
		}
		switch {
		case lockdownNames[t.text]:
			a.lockdown(i)
		case accessNames[t.text] && i > 0 && (a.ts[i-1].is(".") || a.ts[i-1].is("?.")):
			s, e := a.exprStart(i), a.exprEnd(i)
			expr := a.text(s, e)
			a.use(s, e, &taint{origin: i, expr: expr, vpc: a.text(s, i-2),
				via: []string{fmt.Sprintf("%s:%d %s", a.path, t.line, expr)}})
		case a.vars[t.text] != nil && a.reassigned(i):
			// sg = new ec2.SecurityGroup(...) in another function: a new
			// value; if it is the default group again, its use re-taints.
			delete(a.vars, t.text)
		default:
			if tv := a.tainted(i); tv != nil {
				a.use(a.exprStart(i), a.exprEnd(i), tv)
			} else if tv := a.externRead(i); tv != nil {
				a.use(a.exprStart(i), a.exprEnd(i), tv)
			}
		}
	}
	// A value only ever assigned is reported once, where it was taken.
	for _, p := range a.pending {
		if !a.reported[p.origin] {
			a.uses = append(a.uses, p.use)
			a.reported[p.origin] = true
		}
	}
	return a.uses
}

// tainted returns the variable token i reads, if it holds the default group.
func (a *analyzer) tainted(i int) *taint {
	tv := a.vars[a.ts[i].text]
	if tv == nil || i+1 < len(a.ts) && (a.ts[i+1].is("=") || a.ts[i+1].is(":=") || a.ts[i+1].is(":") && a.inDecl(i)) {
		return nil
	}
	if i > 0 && (a.ts[i-1].is(".") || a.ts[i-1].is("?.")) {
		if !tv.member && !(i > 1 && (a.ts[i-2].is("this") || a.ts[i-2].is("self"))) {
			return nil
		}
	}
	return tv
}

// reassigned: token i is the target of an assignment statement or a
// declaration (x =, x :=, x: T =), not a key or named argument.
func (a *analyzer) reassigned(i int) bool {
	if i+1 >= len(a.ts) {
		return false
	}
	next := a.ts[i+1]
	if !next.is("=") && !next.is(":=") && !(next.is(":") && (a.lang == langTS || a.lang == langPython)) {
		return false
	}
	if p := a.parent[i]; p >= 0 && !(a.ts[p].is("{") && !a.isLiteral(p)) {
		return false
	}
	if i > 0 && (a.ts[i-1].is(".") || a.ts[i-1].is("?.")) {
		return i > 1 && (a.ts[i-2].is("this") || a.ts[i-2].is("self"))
	}
	return true
}

// externRead: token i reads (x.name) a member another file set to the
// default group.
func (a *analyzer) externRead(i int) *taint {
	m, ok := a.extern[a.ts[i].text]
	if !ok || i == 0 || !(a.ts[i-1].is(".") || a.ts[i-1].is("?.")) || a.vars[a.ts[i].text] != nil {
		return nil
	}
	if i+1 < len(a.ts) && (a.ts[i+1].is("=") || a.ts[i+1].is(":=")) {
		return nil
	}
	return &taint{origin: i, expr: a.text(a.exprStart(i), i), vpc: m.VPC, via: m.Via}
}

// inDecl: a name followed by ":" is a declaration or a key, not a read,
// except inside a TypeScript object literal's value position.
func (a *analyzer) inDecl(i int) bool {
	return i == 0 || !a.ts[i-1].is(":")
}

// use classifies one read of the default group spanning tokens s..e.
func (a *analyzer) use(s, e int, tv *taint) {
	u := model.SourceUse{Pos: a.pos(s), Expr: tv.expr, Via: tv.via, VPC: tv.vpc}
	if s > 0 && a.ts[s-1].kind == tString && strings.HasSuffix(a.ts[s-1].text, "${") {
		// `arn:...:security-group/${vpc.vpcDefaultSecurityGroup}`: built
		// into a longer string, not a group reference.
		u.Kind = model.UseEmbedded
		a.uses = append(a.uses, u)
		a.reported[tv.origin] = true
		return
	}
	kind, where, target, ok := a.classify(s, e)
	if target > 0 {
		line := a.ts[s].line
		step := fmt.Sprintf("%s:%d %s = %s", a.path, line, a.ts[target].text, a.statementRHS(target, s, e))
		if a.isMember(target) {
			if a.members == nil {
				a.members = map[string]model.SourceMember{}
			}
			a.members[a.ts[target].text] = model.SourceMember{VPC: tv.vpc, Via: append([]string{step}, tv.via...)}
		}
		nv := &taint{origin: tv.origin, expr: tv.expr, vpc: tv.vpc, member: a.isMember(target),
			via: append([]string{step}, tv.via...)}
		a.vars[a.ts[target].text] = nv
		u.Kind, u.Where = model.UseReference, "variable "+a.ts[target].text
		a.pending = append(a.pending, pendingUse{origin: tv.origin, use: u})
		return
	}
	if !ok {
		kind, where = model.UseReference, ""
	}
	u.Kind, u.Where = kind, where
	a.uses = append(a.uses, u)
	a.reported[tv.origin] = true
}

func (a *analyzer) isMember(target int) bool {
	return target > 1 && a.ts[target-1].is(".") && (a.ts[target-2].is("this") || a.ts[target-2].is("self"))
}
