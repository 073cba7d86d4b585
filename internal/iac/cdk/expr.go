package cdk

import (
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

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
