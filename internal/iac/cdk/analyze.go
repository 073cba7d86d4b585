package cdk

import (
	"fmt"
	"strings"
	"unicode"

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

// classify looks outward from the use. It returns the kind and the key or
// call that decided it, or the token index of the variable it is assigned
// to (target > 0).
func (a *analyzer) classify(s, e int) (kind model.UseKind, where string, target int, ok bool) {
	if m := a.methodAfter(e); m != "" && ruleAdder(m) {
		return model.UseRules, m, 0, true
	}
	for p := a.parent[s]; ; p = a.parent[p] {
		sep, key := a.keyBefore(p, s)
		if sep >= 0 {
			isAssign := (a.ts[sep].is("=") || a.ts[sep].is(":=")) && (p < 0 || a.ts[p].is("{") && !a.isLiteral(p))
			if isAssign {
				if t := a.assignTarget(sep); t > 0 {
					return 0, "", t, false
				}
				return 0, "", 0, false
			}
			if k, ok := a.classifyKey(key, p); ok {
				return k, key, 0, true
			}
		}
		if p < 0 || a.ts[p].is("{") && !a.isLiteral(p) {
			return 0, "", 0, false // a statement of its own: return, argument of an unknown chain
		}
		if a.ts[p].is("(") && p > 0 && a.ts[p-1].kind == tIdent {
			name := a.ts[p-1].text
			chain := a.chain(p - 1)
			switch {
			case hasCfnOutput(chain):
				return model.UseOutput, "CfnOutput", 0, true
			case peerCall(name):
				return model.UsePeer, name, 0, true
			case groupsKeys[norm(name)]:
				return model.UseAttached, name, 0, true
			case norm(name) == "groupid" && ruleResource(chain):
				return model.UseRules, name, 0, true
			case peerKeys[norm(name)]:
				return model.UsePeer, name, 0, true
			case wrapper(name):
				if m := a.methodAfter(a.match[p]); m != "" && ruleAdder(m) {
					return model.UseRules, m, 0, true
				}
			}
		}
		s = p
	}
}

// classifyKey decides by a property key or named argument.
func (a *analyzer) classifyKey(key string, p int) (model.UseKind, bool) {
	n := norm(key)
	switch {
	case groupsKeys[n]:
		return model.UseAttached, true
	case peerKeys[n]:
		return model.UsePeer, true
	case n == "groupid" || n == "securitygroupid":
		// CfnSecurityGroupIngress/Egress props: the group the rule is on.
		for q := p; q >= 0; q = a.parent[q] {
			if a.ts[q].is("(") && q > 0 && ruleResource(a.chain(q-1)) {
				return model.UseRules, true
			}
		}
	}
	return 0, false
}

func hasCfnOutput(chain []string) bool {
	for _, c := range chain {
		if strings.Contains(c, "CfnOutput") {
			return true
		}
	}
	return false
}

func ruleResource(chain []string) bool {
	for _, c := range chain {
		if strings.Contains(c, "SecurityGroupIngress") || strings.Contains(c, "SecurityGroupEgress") {
			return true
		}
	}
	return false
}

// chain returns the identifiers of the call chain ending at name token i,
// innermost last: CfnOutput.Builder.create(...).value -> [value create
// Builder CfnOutput]; `new ec2.CfnSecurityGroupIngress` -> [CfnSecurityGroupIngress ec2].
func (a *analyzer) chain(i int) []string {
	var out []string
	for i >= 0 {
		if a.ts[i].kind == tIdent {
			out = append(out, a.ts[i].text)
		} else if (a.ts[i].is(")") || a.ts[i].is("]")) && a.match[i] >= 0 {
			i = a.match[i] - 1
			continue
		} else {
			break
		}
		if i > 0 && (a.ts[i-1].is(".") || a.ts[i-1].is("?.") || a.ts[i-1].is("::")) {
			i -= 2
			continue
		}
		break
	}
	return out
}

// keyBefore scans back from s to the start of the element it is in, within
// the bracket p (-1: top level), for "key:" or "key =" (also "name :=").
// It returns the index of the separator and the key, or -1.
func (a *analyzer) keyBefore(p, s int) (int, string) {
	block := p < 0 || a.ts[p].is("{") && !a.isLiteral(p)
	for k := s - 1; k > p; k-- {
		t := a.ts[k]
		if (t.is(")") || t.is("]") || t.is("}")) && a.match[k] >= 0 && a.match[k] > p {
			k = a.match[k]
			continue
		}
		if t.is(",") || t.is(";") || t.is("=>") || block && a.boundaryAfter(k) {
			return -1, ""
		}
		if (t.is(":") || t.is("=") || t.is(":=")) && k > 0 && a.ts[k-1].kind == tIdent {
			if t.is(":") && block {
				continue // a type annotation or label
			}
			return k, a.ts[k-1].text
		}
	}
	return -1, ""
}

// boundaryAfter reports a statement end between tokens k and k+1 in code
// without semicolons (TypeScript, Python, Go): a line break where the line
// does not go on.
func (a *analyzer) boundaryAfter(k int) bool {
	if k+1 >= len(a.ts) || a.ts[k+1].line == a.ts[k].line {
		return false
	}
	next, t := a.ts[k+1], a.ts[k]
	if next.is(".") || next.is("?.") {
		return false
	}
	if t.kind == tPunct {
		switch t.text {
		case ")", "]", "}", "!":
			return true
		}
		return false
	}
	return true
}

// assignTarget returns the variable token of the assignment whose "=" is
// at eq: the name before a type annotation (const sg: ISecurityGroup =),
// else the name right before "=" (sg =, ISecurityGroup sg =, sg :=).
func (a *analyzer) assignTarget(eq int) int {
	colon := -1
	for k := eq - 1; k >= 0; k-- {
		t := a.ts[k]
		if (t.is(")") || t.is("]") || t.is(">")) && a.match[k] >= 0 {
			k = a.match[k]
			continue
		}
		if t.is(";") || t.is("{") || t.is("}") || a.boundaryAfter(k) {
			break
		}
		if t.is(":") {
			colon = k
		}
	}
	if colon > 0 && a.ts[colon-1].kind == tIdent && (a.lang == langTS || a.lang == langPython) {
		return colon - 1
	}
	if eq > 0 && a.ts[eq-1].kind == tIdent {
		return eq - 1
	}
	return -1
}

// isLiteral tells an object, dictionary, composite or initializer literal
// "{" (whose entries have keys) from a code block.
func (a *analyzer) isLiteral(p int) bool {
	if a.lang == langPython {
		return true
	}
	if p == 0 {
		return false
	}
	prev := a.ts[p-1]
	if prev.kind == tPunct {
		switch prev.text {
		case "(", ",", ":", "=", "[", "?", "||", "??", "&&", ":=", "]", "&":
			return true
		}
		if prev.text != ">" {
			return false
		}
	}
	if prev.is("return") {
		return true
	}
	// new T { ... } (C#), new T[] { ... }; Go composite literals T{...}.
	k := p - 1
	for k > 0 && (a.ts[k].kind == tIdent || a.ts[k].is(".") || a.ts[k].is("*") || a.ts[k].is("<") || a.ts[k].is(">")) {
		if a.ts[k].is("new") {
			return true
		}
		k--
	}
	if a.ts[k].is("new") {
		return true
	}
	if a.lang == langGo && prev.kind == tIdent {
		// A composite literal's type follows an operand position
		// (x := T{, &T{, f(T{, return T{); a block follows a function
		// result type, a condition, or a keyword.
		k := p - 1
		for k > 0 && (a.ts[k].kind == tIdent && !goKeyword(a.ts[k].text) || a.ts[k].is(".") || a.ts[k].is("*") ||
			a.ts[k].is("[") || a.ts[k].is("]")) {
			k--
		}
		switch b := a.ts[k]; {
		case b.is(":=") || b.is("=") || b.is("&") || b.is("(") || b.is(",") || b.is("{") || b.is(":") || b.is("return"):
			r := []rune(prev.text)[0]
			return unicode.IsUpper(r) || prev.text == "string" || prev.text == "any"
		}
	}
	return false
}

func goKeyword(s string) bool {
	switch s {
	case "func", "if", "for", "switch", "select", "else", "range", "go", "defer", "return", "struct", "interface", "type", "case":
		return true
	}
	return false
}

// exprStart walks back over the receiver chain of token i (vpc.x,
// this.network.vpc.x, stack.Vpc().x).
func (a *analyzer) exprStart(i int) int {
	for i > 1 && (a.ts[i-1].is(".") || a.ts[i-1].is("?.")) {
		k := i - 2
		if (a.ts[k].is(")") || a.ts[k].is("]")) && a.match[k] > 0 {
			k = a.match[k] - 1
		}
		if a.ts[k].kind != tIdent {
			break
		}
		i = k
	}
	return i
}

// exprEnd includes a getter call (Java getVpcDefaultSecurityGroup(), Go
// VpcDefaultSecurityGroup()) and TypeScript's non-null "!".
func (a *analyzer) exprEnd(i int) int {
	for i+1 < len(a.ts) {
		switch {
		case a.ts[i+1].is("(") && a.match[i+1] > i:
			i = a.match[i+1]
		case a.ts[i+1].is("!") && a.lang == langTS:
			i++
		default:
			return i
		}
	}
	return i
}

// methodAfter returns m for ".m(" (also ".connections.m(") right after e.
func (a *analyzer) methodAfter(e int) string {
	k := e + 1
	if k+1 < len(a.ts) && a.ts[k].is(".") && (a.ts[k+1].text == "connections" || a.ts[k+1].text == "Connections") {
		k += 2
		if k < len(a.ts) && a.ts[k].is("(") && a.match[k] > k { // Go: Connections()
			k = a.match[k] + 1
		}
	}
	if k+2 < len(a.ts) && a.ts[k].is(".") && a.ts[k+1].kind == tIdent && a.ts[k+2].is("(") {
		return a.ts[k+1].text
	}
	return ""
}

// lockdown records restrictDefaultSecurityGroup set to a literal false
// (restrictDefaultSecurityGroup: false, restrict_default_security_group=False,
// .restrictDefaultSecurityGroup(false), RestrictDefaultSecurityGroup:
// jsii.Bool(false)).
func (a *analyzer) lockdown(i int) {
	if i+1 >= len(a.ts) || !(a.ts[i+1].is(":") || a.ts[i+1].is("=") || a.ts[i+1].is("(")) {
		return
	}
	for k := i + 2; k < len(a.ts) && k < i+8; k++ {
		t := a.ts[k]
		switch {
		case t.is("false") || t.is("False"):
			a.uses = append(a.uses, model.SourceUse{Kind: model.UseLockdownOff, Pos: a.pos(i), Expr: a.text(i, k)})
			return
		case t.is("jsii") || t.is(".") || t.is("Bool") || t.is("("):
		default:
			return
		}
	}
}

// statementRHS is the right-hand side of the assignment to target that
// contains the use s..e, up to the end of the outermost expression.
func (a *analyzer) statementRHS(target, s, e int) string {
	from := target + 2
	if from > s {
		from = s
	}
	to := e
	for p := a.parent[s]; p > target; p = a.parent[p] {
		if a.match[p] > to {
			to = a.match[p]
		}
	}
	for to+1 < len(a.ts) && a.ts[to+1].is(".") && to+2 < len(a.ts) {
		to = a.exprEnd(to + 2)
	}
	txt := a.text(from, to)
	if len(txt) > 120 {
		txt = txt[:117] + "..."
	}
	return txt
}

func (a *analyzer) pos(i int) model.Pos {
	line, col := a.ls.at(a.ts[i].off)
	return model.Pos{File: a.path, Line: line, Col: col}
}

// text is the source from token s to token e, on one line.
func (a *analyzer) text(s, e int) string {
	if s > e || s < 0 {
		return ""
	}
	end := a.ts[e].off + len(a.ts[e].text)
	return strings.Join(strings.Fields(string(a.src[a.ts[s].off:min(end, len(a.src))])), " ")
}
