package sim

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// The subset of AWS Config's advanced-query SQL the simulator answers
// (developer guide, "Query Components"):
//
//	SELECT property [, ...] [ WHERE condition ] [ GROUP BY property [, ...] ]
//	       [ ORDER BY property [ ASC | DESC ] [, ...] ]
//
// property is a dotted path (resourceType, configuration.groups.groupId,
// relationships.resourceId) or COUNT(*); condition combines
// `path = 'v'`, `path IN ('a', 'b')`, `path LIKE 'prefix%'` and
// `path BETWEEN 'a' AND 'b'` with AND, OR, NOT and parentheses. A path
// that crosses an array matches when any element matches, as AWS documents
// for array properties. Everything else — FROM, SELECT *, DISTINCT, other
// aggregate functions, comparison operators Config does not document — is
// an InvalidExpressionException, as AWS answers a query it cannot parse.

type configQuery struct {
	fields  []string // selected paths; "COUNT(*)" for the count
	where   condition
	groupBy []string
	orderBy []orderKey
	count   bool
}

type orderKey struct {
	path string
	desc bool
}

// condition is a WHERE expression.
type condition interface {
	match(doc map[string]any) bool
}

type andCond struct{ l, r condition }
type orCond struct{ l, r condition }
type notCond struct{ c condition }

// cmpCond is one comparison: values holds one value for = and LIKE, the
// list for IN, and two for BETWEEN.
type cmpCond struct {
	path   string
	op     string // "=", "IN", "LIKE", "BETWEEN"
	values []string
}

func (c andCond) match(d map[string]any) bool { return c.l.match(d) && c.r.match(d) }
func (c orCond) match(d map[string]any) bool  { return c.l.match(d) || c.r.match(d) }
func (c notCond) match(d map[string]any) bool { return !c.c.match(d) }

func (c cmpCond) match(d map[string]any) bool {
	for _, v := range leafValues(d, strings.Split(c.path, ".")) {
		s := scalarString(v)
		switch c.op {
		case "=", "IN":
			for _, want := range c.values {
				if s == want {
					return true
				}
			}
		case "LIKE":
			if likeMatch(s, c.values[0]) {
				return true
			}
		case "BETWEEN":
			if s >= c.values[0] && s <= c.values[1] {
				return true
			}
		}
	}
	return false
}

// likeMatch is SQL LIKE: % any run, _ one character.
func likeMatch(s, pattern string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '%':
		for i := 0; i <= len(s); i++ {
			if likeMatch(s[i:], pattern[1:]) {
				return true
			}
		}
		return false
	case '_':
		return s != "" && likeMatch(s[1:], pattern[1:])
	}
	return s != "" && s[0] == pattern[0] && likeMatch(s[1:], pattern[1:])
}

// leafValues is every value at path in doc, descending into arrays.
func leafValues(v any, path []string) []any {
	if len(path) == 0 {
		if arr, ok := v.([]any); ok {
			return arr
		}
		return []any{v}
	}
	switch x := v.(type) {
	case map[string]any:
		next, ok := x[path[0]]
		if !ok {
			return nil
		}
		return leafValues(next, path[1:])
	case []any:
		var out []any
		for _, e := range x {
			out = append(out, leafValues(e, path)...)
		}
		return out
	}
	return nil
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// project copies the selected paths of doc into out, keeping their nesting
// and, through arrays, one element per source element.
func project(out map[string]any, doc any, path []string) {
	m, ok := doc.(map[string]any)
	if !ok {
		return
	}
	v, ok := m[path[0]]
	if !ok {
		return
	}
	if len(path) == 1 {
		out[path[0]] = v
		return
	}
	switch x := v.(type) {
	case map[string]any:
		sub, _ := out[path[0]].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			out[path[0]] = sub
		}
		project(sub, x, path[1:])
	case []any:
		subs, _ := out[path[0]].([]any)
		if subs == nil {
			subs = make([]any, len(x))
			for i := range subs {
				subs[i] = map[string]any{}
			}
			out[path[0]] = subs
		}
		for i, e := range x {
			project(subs[i].(map[string]any), e, path[1:])
		}
	}
}

// --- parsing ---

type sqlToken struct {
	kind string // "word", "string", "sym"
	text string
	pos  int
}

func tokenizeSQL(s string) ([]sqlToken, error) {
	var out []sqlToken
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for ; ; j++ {
				if j >= len(s) {
					return nil, fmt.Errorf("unterminated string at position %d", i)
				}
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' { // '' is a quote
						b.WriteByte('\'')
						j++
						continue
					}
					break
				}
				b.WriteByte(s[j])
			}
			out = append(out, sqlToken{"string", b.String(), i})
			i = j + 1
		case strings.ContainsRune("(),*=", c):
			out = append(out, sqlToken{"sym", string(c), i})
			i++
		case c == '_' || c == '-' || unicode.IsLetter(c) || unicode.IsDigit(c):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || s[j] == '-' || unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j]))) {
				j++
			}
			out = append(out, sqlToken{"word", s[i:j], i})
			i = j
		default:
			return nil, fmt.Errorf("unexpected character %q at position %d", c, i)
		}
	}
	return out, nil
}

type sqlParser struct {
	toks []sqlToken
	i    int
}

// unsupported are SQL words AWS Config's advanced query does not accept.
var unsupported = map[string]bool{"FROM": true, "DISTINCT": true, "JOIN": true, "UNION": true, "HAVING": true, "LIMIT": true}

func parseConfigQuery(expr string) (*configQuery, error) {
	toks, err := tokenizeSQL(expr)
	if err != nil {
		return nil, err
	}
	for _, t := range toks {
		if t.kind == "word" && unsupported[strings.ToUpper(t.text)] {
			return nil, fmt.Errorf("%s is not supported", strings.ToUpper(t.text))
		}
	}
	p := &sqlParser{toks: toks}
	if !p.keyword("SELECT") {
		return nil, fmt.Errorf("the query must start with SELECT")
	}
	q := &configQuery{}
	for {
		f, err := p.field()
		if err != nil {
			return nil, err
		}
		if f == "COUNT(*)" {
			q.count = true
		}
		q.fields = append(q.fields, f)
		if !p.sym(",") {
			break
		}
	}
	if p.keyword("WHERE") {
		if q.where, err = p.or(); err != nil {
			return nil, err
		}
	}
	if p.keyword("GROUP") {
		if !p.keyword("BY") {
			return nil, p.errorf("expected BY after GROUP")
		}
		for {
			path, err := p.path()
			if err != nil {
				return nil, err
			}
			q.groupBy = append(q.groupBy, path)
			if !p.sym(",") {
				break
			}
		}
	}
	if p.keyword("ORDER") {
		if !p.keyword("BY") {
			return nil, p.errorf("expected BY after ORDER")
		}
		for {
			path, err := p.field()
			if err != nil {
				return nil, err
			}
			k := orderKey{path: path}
			if p.keyword("DESC") {
				k.desc = true
			} else {
				p.keyword("ASC")
			}
			q.orderBy = append(q.orderBy, k)
			if !p.sym(",") {
				break
			}
		}
	}
	if p.i < len(p.toks) {
		return nil, p.errorf("unexpected %q", p.toks[p.i].text)
	}
	return q, q.check()
}

// check applies the rules between clauses: with GROUP BY or COUNT every
// other selected property must be grouped.
func (q *configQuery) check() error {
	if !q.count && len(q.groupBy) == 0 {
		return nil
	}
	grouped := map[string]bool{}
	for _, g := range q.groupBy {
		grouped[g] = true
	}
	for _, f := range q.fields {
		if f != "COUNT(*)" && !grouped[f] {
			return fmt.Errorf("%s must appear in GROUP BY when aggregating", f)
		}
	}
	return nil
}

func (p *sqlParser) errorf(format string, args ...any) error {
	at := "end of query"
	if p.i < len(p.toks) {
		at = "position " + strconv.Itoa(p.toks[p.i].pos)
	}
	return fmt.Errorf(format+" at "+at, args...)
}

func (p *sqlParser) keyword(k string) bool {
	if p.i < len(p.toks) && p.toks[p.i].kind == "word" && strings.EqualFold(p.toks[p.i].text, k) {
		p.i++
		return true
	}
	return false
}

func (p *sqlParser) sym(s string) bool {
	if p.i < len(p.toks) && p.toks[p.i].kind == "sym" && p.toks[p.i].text == s {
		p.i++
		return true
	}
	return false
}

var reserved = map[string]bool{"SELECT": true, "WHERE": true, "AND": true, "OR": true, "NOT": true, "IN": true,
	"LIKE": true, "BETWEEN": true, "GROUP": true, "ORDER": true, "BY": true, "ASC": true, "DESC": true, "COUNT": true}

func (p *sqlParser) path() (string, error) {
	if p.i >= len(p.toks) || p.toks[p.i].kind != "word" || reserved[strings.ToUpper(p.toks[p.i].text)] {
		return "", p.errorf("expected a property")
	}
	t := p.toks[p.i].text
	if strings.HasPrefix(t, ".") || strings.HasSuffix(t, ".") || strings.Contains(t, "..") {
		return "", p.errorf("malformed property %q", t)
	}
	p.i++
	return t, nil
}

func (p *sqlParser) field() (string, error) {
	if p.sym("*") {
		return "", p.errorf("SELECT * is not supported; list the properties")
	}
	if p.i < len(p.toks) && p.toks[p.i].kind == "word" && p.i+1 < len(p.toks) && p.toks[p.i+1].text == "(" {
		if !strings.EqualFold(p.toks[p.i].text, "COUNT") {
			return "", p.errorf("function %s is not supported", strings.ToUpper(p.toks[p.i].text))
		}
		p.i += 2
		if !p.sym("*") || !p.sym(")") {
			return "", p.errorf("only COUNT(*) is supported")
		}
		return "COUNT(*)", nil
	}
	return p.path()
}

func (p *sqlParser) or() (condition, error) {
	l, err := p.and()
	for err == nil && p.keyword("OR") {
		var r condition
		if r, err = p.and(); err == nil {
			l = orCond{l, r}
		}
	}
	return l, err
}

func (p *sqlParser) and() (condition, error) {
	l, err := p.not()
	for err == nil && p.keyword("AND") {
		var r condition
		if r, err = p.not(); err == nil {
			l = andCond{l, r}
		}
	}
	return l, err
}

func (p *sqlParser) not() (condition, error) {
	if p.keyword("NOT") {
		c, err := p.not()
		return notCond{c}, err
	}
	if p.sym("(") {
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.sym(")") {
			return nil, p.errorf("expected )")
		}
		return c, nil
	}
	return p.comparison()
}

func (p *sqlParser) comparison() (condition, error) {
	path, err := p.path()
	if err != nil {
		return nil, err
	}
	c := cmpCond{path: path}
	switch {
	case p.sym("="):
		c.op = "="
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		c.values = []string{v}
	case p.keyword("IN"):
		c.op = "IN"
		if !p.sym("(") {
			return nil, p.errorf("expected ( after IN")
		}
		for {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			c.values = append(c.values, v)
			if !p.sym(",") {
				break
			}
		}
		if !p.sym(")") {
			return nil, p.errorf("expected ) to close IN")
		}
	case p.keyword("LIKE"):
		c.op = "LIKE"
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		c.values = []string{v}
	case p.keyword("BETWEEN"):
		c.op = "BETWEEN"
		lo, err := p.value()
		if err != nil {
			return nil, err
		}
		if !p.keyword("AND") {
			return nil, p.errorf("expected AND in BETWEEN")
		}
		hi, err := p.value()
		if err != nil {
			return nil, err
		}
		c.values = []string{lo, hi}
	default:
		return nil, p.errorf("expected =, IN, LIKE or BETWEEN after %s", path)
	}
	return c, nil
}

// value is a quoted string, a number or a boolean.
func (p *sqlParser) value() (string, error) {
	if p.i >= len(p.toks) {
		return "", p.errorf("expected a value")
	}
	t := p.toks[p.i]
	switch {
	case t.kind == "string":
	case t.kind == "word" && (strings.EqualFold(t.text, "true") || strings.EqualFold(t.text, "false")):
		t.text = strings.ToLower(t.text)
	case t.kind == "word":
		if _, err := strconv.ParseFloat(t.text, 64); err != nil {
			return "", p.errorf("expected a quoted value, got %s", t.text)
		}
	default:
		return "", p.errorf("expected a value, got %q", t.text)
	}
	p.i++
	return t.text, nil
}

// required returns the values path is constrained to by the top-level
// AND of the WHERE clause (= or IN), or nil when it is not constrained:
// the handler builds only the documents that can match.
func required(c condition, path string) []string {
	switch x := c.(type) {
	case andCond:
		if v := required(x.l, path); v != nil {
			return v
		}
		return required(x.r, path)
	case cmpCond:
		if x.path == path && (x.op == "=" || x.op == "IN") {
			return x.values
		}
	}
	return nil
}
