package sim

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The service models botocore ships (data/<service>/<version>/
// service-2.json[.gz] and paginators-1.json) and a checker that compares a
// response body with an operation's output shape: member names, types,
// enum values. fidelity_test.go drives the simulator with them.

type awsModel struct {
	Metadata struct {
		APIVersion   string `json:"apiVersion"`
		Protocol     string `json:"protocol"`
		TargetPrefix string `json:"targetPrefix"`
		JSONVersion  string `json:"jsonVersion"`
	} `json:"metadata"`
	Operations map[string]*awsOperation `json:"operations"`
	Shapes     map[string]*awsShape     `json:"shapes"`
	Paginators map[string]awsPaginator  `json:"-"`
}

type awsOperation struct {
	HTTP struct {
		Method     string `json:"method"`
		RequestURI string `json:"requestUri"`
	} `json:"http"`
	Input  *awsRef   `json:"input"`
	Output *awsRef   `json:"output"`
	Errors []*awsRef `json:"errors"`
}

type awsRef struct {
	Shape         string `json:"shape"`
	LocationName  string `json:"locationName"`
	Location      string `json:"location"`
	ResultWrapper string `json:"resultWrapper"`
	Flattened     bool   `json:"flattened"`
	Documentation string `json:"documentation"`
}

type awsShape struct {
	Type            string             `json:"type"`
	Members         map[string]*awsRef `json:"members"`
	Member          *awsRef            `json:"member"`
	Key             *awsRef            `json:"key"`
	Value           *awsRef            `json:"value"`
	Enum            []string           `json:"enum"`
	Flattened       bool               `json:"flattened"`
	Payload         string             `json:"payload"`
	TimestampFormat string             `json:"timestampFormat"`
	Min             *float64           `json:"min"`
	Documentation   string             `json:"documentation"`
	Exception       bool               `json:"exception"`
	Required        []string           `json:"required"`
	Error           *struct {
		Code string `json:"code"`
	} `json:"error"`
}

// awsPaginator is one paginators-1.json entry; tokens may be lists.
type awsPaginator struct {
	InputToken  any    `json:"input_token"`
	OutputToken any    `json:"output_token"`
	LimitKey    string `json:"limit_key"`
}

func firstToken(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) > 0 {
			s, _ := t[0].(string)
			return s
		}
	}
	return ""
}

// botocoreData finds botocore's data directory through the machine's
// Python. Without it the test is skipped, unless CI=true.
func botocoreData(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("botocore is required in CI: %v", err)
		}
		t.Skipf("python3 with botocore not found (%v); the fidelity check needs the service models it ships", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "data")
}

func readMaybeGzip(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		return b, nil
	}
	f, err := os.Open(path + ".gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// loadModel reads a service's model at version ("" = the newest).
func loadModel(t *testing.T, data, service, version string) *awsModel {
	t.Helper()
	if version == "" {
		dirs, err := os.ReadDir(filepath.Join(data, service))
		if err != nil {
			t.Fatalf("model %s: %v", service, err)
		}
		for _, d := range dirs {
			if d.IsDir() && d.Name() > version {
				version = d.Name()
			}
		}
	}
	dir := filepath.Join(data, service, version)
	b, err := readMaybeGzip(filepath.Join(dir, "service-2.json"))
	if err != nil {
		t.Fatalf("model %s/%s: %v", service, version, err)
	}
	m := &awsModel{}
	if err := json.Unmarshal(b, m); err != nil {
		t.Fatalf("model %s/%s: %v", service, version, err)
	}
	if b, err := readMaybeGzip(filepath.Join(dir, "paginators-1.json")); err == nil {
		var p struct {
			Pagination map[string]awsPaginator `json:"pagination"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatalf("paginators %s/%s: %v", service, version, err)
		}
		m.Paginators = p.Pagination
	}
	return m
}

// wireName is how a member is named on the wire: its locationName, or the
// member name.
func wireName(name string, r *awsRef) string {
	if r.LocationName != "" {
		return r.LocationName
	}
	return name
}

// shapeChecker collects every difference between a response and a shape.
type shapeChecker struct {
	m        *awsModel
	problems []string
}

func (c *shapeChecker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// --- JSON protocols ---

func (c *shapeChecker) jsonValue(path string, v any, shapeName string) {
	sh := c.m.Shapes[shapeName]
	if v == nil {
		return // null is how JSON says "absent"
	}
	switch sh.Type {
	case "structure":
		obj, ok := v.(map[string]any)
		if !ok {
			c.addf("%s: want an object (%s), got %T", path, shapeName, v)
			return
		}
		for _, r := range sh.Required {
			if ref := sh.Members[r]; ref != nil && ref.Location == "" && obj[wireName(r, ref)] == nil {
				c.addf("%s: required member %s of %s is missing", path, r, shapeName)
			}
		}
		for _, k := range sortedKeys(obj) {
			name, ref := c.member(sh, k, true)
			if ref == nil {
				c.addf("%s.%s: no such member in %s", path, k, shapeName)
				continue
			}
			c.jsonValue(path+"."+name, obj[k], ref.Shape)
		}
	case "list":
		arr, ok := v.([]any)
		if !ok {
			c.addf("%s: want a list (%s), got %T", path, shapeName, v)
			return
		}
		for i, e := range arr {
			c.jsonValue(fmt.Sprintf("%s[%d]", path, i), e, sh.Member.Shape)
		}
	case "map":
		obj, ok := v.(map[string]any)
		if !ok {
			c.addf("%s: want a map (%s), got %T", path, shapeName, v)
			return
		}
		for _, k := range sortedKeys(obj) {
			c.jsonValue(path+"["+k+"]", obj[k], sh.Value.Shape)
		}
	case "string":
		s, ok := v.(string)
		if !ok {
			c.addf("%s: want a string, got %T %v", path, v, v)
			return
		}
		c.enum(path, s, sh)
	case "blob":
		if _, ok := v.(string); !ok {
			c.addf("%s: want a base64 string, got %T", path, v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			c.addf("%s: want a boolean, got %T %v", path, v, v)
		}
	case "integer", "long", "float", "double":
		if _, ok := v.(json.Number); !ok {
			c.addf("%s: want a number (%s), got %T %v", path, sh.Type, v, v)
		}
	case "timestamp":
		switch sh.TimestampFormat {
		case "iso8601", "rfc822":
			if _, ok := v.(string); !ok {
				c.addf("%s: want an %s timestamp string, got %T %v", path, sh.TimestampFormat, v, v)
			}
		default: // JSON protocols default to epoch seconds
			if _, ok := v.(json.Number); !ok {
				c.addf("%s: want an epoch-seconds timestamp, got %T %v", path, v, v)
			}
		}
	}
}

// member finds the member of sh that a wire name names; body members only
// when body is set (REST members bound to headers, URI or status are not
// in the body).
func (c *shapeChecker) member(sh *awsShape, wire string, body bool) (string, *awsRef) {
	for name, ref := range sh.Members {
		if body && ref.Location != "" {
			continue
		}
		if wireName(name, ref) == wire {
			return name, ref
		}
	}
	return "", nil
}

// enum checks a value against the model's enum. For EC2 the comparison
// ignores case: EC2's model capitalizes some enums that EC2 answers in
// lower case (VpcEndpoint State "Available"; EC2 and the AWS CLI show
// "available").
func (c *shapeChecker) enum(path, s string, sh *awsShape) {
	if len(sh.Enum) == 0 || slices.Contains(sh.Enum, s) {
		return
	}
	if c.m.Metadata.Protocol == "ec2" && slices.ContainsFunc(sh.Enum, func(e string) bool { return strings.EqualFold(e, s) }) {
		return
	}
	c.addf("%s: %q is not one of the model's values %v", path, s, sh.Enum)
}

// checkJSONBody checks a JSON response body against an output shape.
func (c *shapeChecker) checkJSONBody(body []byte, out *awsRef) {
	if len(bytes.TrimSpace(body)) == 0 {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		c.addf("body is not JSON: %v", err)
		return
	}
	if out == nil {
		if m, ok := v.(map[string]any); !ok || len(m) > 0 {
			c.addf("the operation has no output, but the body is %s", body)
		}
		return
	}
	if sh := c.m.Shapes[out.Shape]; sh.Payload != "" {
		c.jsonValue("$", v, sh.Members[sh.Payload].Shape)
		return
	}
	c.jsonValue("$", v, out.Shape)
}

// --- XML protocols (query, ec2) ---

type xmlNode struct {
	Name     string
	Children []*xmlNode
	Text     string
}

func parseXML(body []byte) (*xmlNode, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{Name: t.Name.Local}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		}
	}
}

func (c *shapeChecker) xmlStruct(path string, n *xmlNode, shapeName string) {
	sh := c.m.Shapes[shapeName]
	if sh.Type != "structure" {
		c.xmlValue(path, n, shapeName)
		return
	}
	for _, r := range sh.Required {
		found := false
		for _, child := range n.Children {
			if name, _ := c.xmlMember(sh, child.Name); name == r {
				found = true
			}
		}
		if !found {
			c.addf("%s: required member %s of %s is missing", path, r, shapeName)
		}
	}
	for _, child := range n.Children {
		name, ref := c.xmlMember(sh, child.Name)
		if ref == nil {
			c.addf("%s.%s: no such member in %s", path, child.Name, shapeName)
			continue
		}
		mref := c.m.Shapes[ref.Shape]
		if mref.Type == "list" && (mref.Flattened || ref.Flattened) {
			c.xmlValue(path+"."+name+"[]", child, mref.Member.Shape)
			continue
		}
		c.xmlValue(path+"."+name, child, ref.Shape)
	}
}

// xmlMember finds the member an element names: its locationName or name,
// or, for a flattened list, its items' locationName.
func (c *shapeChecker) xmlMember(sh *awsShape, elem string) (string, *awsRef) {
	for name, ref := range sh.Members {
		if wireName(name, ref) == elem {
			return name, ref
		}
		if ms := c.m.Shapes[ref.Shape]; ms.Type == "list" && (ms.Flattened || ref.Flattened) && ms.Member.LocationName == elem {
			return name, ref
		}
	}
	return "", nil
}

func (c *shapeChecker) xmlValue(path string, n *xmlNode, shapeName string) {
	sh := c.m.Shapes[shapeName]
	text := strings.TrimSpace(n.Text)
	switch sh.Type {
	case "structure":
		c.xmlStruct(path, n, shapeName)
	case "list":
		item := "member"
		if sh.Member.LocationName != "" {
			item = sh.Member.LocationName
		}
		for i, e := range n.Children {
			if e.Name != item {
				c.addf("%s: list item <%s>, the model names items <%s>", path, e.Name, item)
				continue
			}
			c.xmlValue(fmt.Sprintf("%s[%d]", path, i), e, sh.Member.Shape)
		}
	case "map":
		for _, e := range n.Children {
			for _, kv := range e.Children {
				if kv.Name == "value" {
					c.xmlValue(path+"[]", kv, sh.Value.Shape)
				}
			}
		}
	case "string":
		if len(n.Children) > 0 {
			c.addf("%s: want text, got elements", path)
		}
		c.enum(path, text, sh)
	case "boolean":
		if text != "true" && text != "false" {
			c.addf("%s: want true or false, got %q", path, text)
		}
	case "integer", "long":
		if _, err := strconv.ParseInt(text, 10, 64); err != nil {
			c.addf("%s: want an integer, got %q", path, text)
		}
	case "float", "double":
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			c.addf("%s: want a number, got %q", path, text)
		}
	case "timestamp":
		if _, err := time.Parse(time.RFC3339, text); err != nil {
			c.addf("%s: want an ISO 8601 timestamp, got %q", path, text)
		}
	}
}

// checkXMLBody checks a query or EC2 response against an output shape.
func (c *shapeChecker) checkXMLBody(body []byte, op string, out *awsRef, ec2 bool) {
	root, err := parseXML(body)
	if err != nil || root == nil {
		c.addf("body is not XML: %v", err)
		return
	}
	if root.Name != op+"Response" {
		c.addf("root element <%s>, want <%sResponse>", root.Name, op)
	}
	if ec2 {
		var members []*xmlNode
		for _, ch := range root.Children {
			if ch.Name != "requestId" {
				members = append(members, ch)
			}
		}
		switch {
		case out != nil:
			c.xmlStruct("$", &xmlNode{Children: members}, out.Shape)
		case len(members) == 1 && members[0].Name == "return":
			// EC2 answers actions without output with <return>true</return>,
			// as its API reference's examples show.
		case len(members) > 0:
			c.addf("the operation has no output, but the response has <%s>", members[0].Name)
		}
		return
	}
	for _, ch := range root.Children {
		switch {
		case ch.Name == "ResponseMetadata":
		case out != nil && ch.Name == out.ResultWrapper:
			c.xmlStruct("$", ch, out.Shape)
		default:
			c.addf("unexpected element <%s> in <%s>", ch.Name, root.Name)
		}
	}
}

// serviceErrors are every exception shape of the service, by name and code.
func (m *awsModel) serviceErrors() []string {
	var out []string
	for name, s := range m.Shapes {
		if s.Exception {
			out = append(out, name)
			if s.Error != nil && s.Error.Code != "" {
				out = append(out, s.Error.Code)
			}
		}
	}
	sort.Strings(out)
	return out
}

// limitMin is the smallest page size a limit member takes: the model's
// min, else the one its documentation states ("between 20 and 100",
// "Minimum 20"), else 1.
func (m *awsModel) limitMin(op, member string) int {
	ref := m.Shapes[m.Operations[op].Input.Shape].Members[member]
	if ref == nil {
		return 1
	}
	if mn := m.Shapes[ref.Shape].Min; mn != nil && *mn >= 1 {
		return int(*mn)
	}
	doc := ref.Documentation + " " + m.Shapes[ref.Shape].Documentation
	if g := limitDoc.FindStringSubmatch(doc); g != nil {
		for _, s := range g[1:] {
			if n, err := strconv.Atoi(s); err == nil {
				return n
			}
		}
	}
	return 1
}

var limitDoc = regexp.MustCompile(`between (\d+) and \d+|[Mm]inimum(?: value)?(?: of)? (\d+)`)

// declaredErrors are the codes an operation may answer with: its declared
// error shapes (by name and by their error code).
func (m *awsModel) declaredErrors(op string) []string {
	var out []string
	for _, e := range m.Operations[op].Errors {
		out = append(out, e.Shape)
		if s := m.Shapes[e.Shape]; s.Error != nil && s.Error.Code != "" {
			out = append(out, s.Error.Code)
		}
	}
	sort.Strings(out)
	return out
}
