package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFidelityAgainstBotocore drives every operation the services table
// serves against testdata/every-service.yaml and checks each answer
// against the service model botocore ships: member names exist in the
// output shape, values have the member's type and enum values, paginated
// operations read the model's input token (a bogus one is refused) and
// answer with its output token, and every error code is one the operation
// declares or a common AWS error. docs/FIDELITY.md lists what it found.
func TestFidelityAgainstBotocore(t *testing.T) {
	data := botocoreData(t)
	sc, err := LoadScenario("testdata/every-service.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, sc)
	f := &fidelity{t: t, s: s, data: data, models: map[string]*awsModel{}}
	covered := map[string]bool{}
	for _, next := range fidelityProbes(s) {
		p := next()
		served := p.op
		if p.served != "" {
			served = p.served
		}
		covered[p.service+":"+served] = true
		f.run(p)
	}
	for _, svc := range services {
		for op := range svc.ops {
			if !covered[svc.name+":"+op] {
				t.Errorf("%s:%s has no fidelity probe: add one to fidelityProbes", svc.name, op)
			}
		}
	}
	f.denied()
}

// probe is one request: query protocols take form, JSON ones body, REST
// ones path labels, query and body.
type probe struct {
	service, op string
	api         string // for elasticloadbalancing: "elb" or "elbv2"; apigateway: "apigatewayv2"
	// served is the simulator's action when it is not the operation's
	// name: API Gateway's are its IAM actions, the HTTP methods.
	served  string
	form    url.Values
	body    string
	path    map[string]string
	query   url.Values
	header  http.Header // REST members with location "header" (S3's If-None-Match)
	wantErr bool        // a request that must fail, with a declared or common code
}

// commonErrors are the codes every AWS API may answer with
// (https://docs.aws.amazon.com/…/CommonErrors.html), plus the access-denied
// and throttling codes the query-protocol services answer with
// (AccessDenied, Throttling) and the JSON protocols' client errors.
var commonErrors = []string{
	"AccessDeniedException", "IncompleteSignature", "InternalFailure", "InvalidAction", "InvalidClientTokenId",
	"InvalidParameterCombination", "InvalidParameterValue", "InvalidQueryParameter", "MalformedQueryString",
	"MissingAction", "MissingAuthenticationToken", "MissingParameter", "NotAuthorized", "OptInRequired",
	"RequestExpired", "ServiceUnavailable", "ThrottlingException", "ValidationError",
	"AccessDenied", "Throttling", "UnrecognizedClientException", "UnknownOperationException", "SerializationException",
}

// jsonValidation is how AWS's JSON-protocol services answer a request that
// breaks the model's constraints ("1 validation error detected: …"), also
// where the operation does not declare it (SageMaker's Describe* answer a
// missing resource with it too). Observed, not on the CommonErrors page.
const jsonValidation = "ValidationException"

// ec2Errors are the EC2 codes the simulator answers with, each listed on
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
// (EC2's model declares no errors). InvalidVpc.Range is what EC2 answers
// (the page spells it InvalidVpcRange; AWS's SDKs and users see
// InvalidVpc.Range).
var ec2Errors = []string{
	"AuthFailure", "DependencyViolation", "DryRunOperation", "InvalidAction", "InvalidClientTokenId",
	"InvalidClientVpnEndpointId.NotFound", "InvalidGroup.Duplicate", "InvalidGroup.NotFound", "InvalidGroupId.Malformed",
	"InvalidID", "InvalidInstanceConnectEndpointId.NotFound", "InvalidLaunchTemplateId.Malformed",
	"InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateId.VersionNotFound", "InvalidLaunchTemplateName.NotFoundException",
	"InvalidNetworkInterface.InUse", "InvalidNetworkInterfaceId.Malformed", "InvalidNetworkInterfaceID.NotFound",
	"InvalidPaginationToken", "InvalidParameter", "InvalidParameterCombination", "InvalidParameterValue",
	"InvalidPermission.Duplicate", "InvalidPermission.NotFound", "InvalidPrefixListId.Malformed",
	"InvalidSecurityGroupRuleId.Malformed", "InvalidSecurityGroupRuleId.NotFound", "InvalidSpotInstanceRequestID.NotFound", "IncorrectState", "InvalidSubnet.Conflict",
	"InvalidSubnet.Range", "InvalidSubnetID.NotFound", "InvalidVpc.Range", "InvalidVpcEndpointId.NotFound",
	"InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "MissingParameter", "OperationNotPermitted", "RequestLimitExceeded",
	"RulesPerSecurityGroupLimitExceeded", "SecurityGroupsPerInterfaceLimitExceeded", "UnauthorizedOperation",
	"InternalError", "ServiceUnavailable",
}

// modelDirs names botocore's model of each simulated service.
var modelDirs = map[string]string{
	"elasticfilesystem": "efs", "elasticmapreduce": "emr", "es": "opensearch", "airflow": "mwaa", "aoss": "opensearchserverless",
	"states":           "stepfunctions",
	"kinesisanalytics": "kinesisanalyticsv2",
}

type fidelity struct {
	t      *testing.T
	s      *Server
	data   string
	models map[string]*awsModel
}

func (f *fidelity) model(p probe) *awsModel {
	dir := p.service
	if d, ok := modelDirs[dir]; ok {
		dir = d
	}
	if p.api != "" {
		dir = p.api
	}
	if f.models[dir] == nil {
		f.models[dir] = loadModel(f.t, f.data, dir, "")
	}
	return f.models[dir]
}

// send makes p's request as the model says the operation is called.
func (f *fidelity) send(p probe, m *awsModel) (int, http.Header, []byte) {
	op := m.Operations[p.op]
	if op == nil {
		f.t.Fatalf("%s:%s: not in botocore's model", p.service, p.op)
	}
	method, target, body := http.MethodPost, "/", []byte(p.body)
	hdr := http.Header{}
	switch m.Metadata.Protocol {
	case "query", "ec2":
		form := url.Values{"Action": {p.op}, "Version": {m.Metadata.APIVersion}}
		for k, v := range p.form {
			form[k] = v
		}
		body = []byte(form.Encode())
		hdr.Set("Content-Type", "application/x-www-form-urlencoded")
	case "json":
		hdr.Set("X-Amz-Target", m.Metadata.TargetPrefix+"."+p.op)
		hdr.Set("Content-Type", "application/x-amz-json-"+m.Metadata.JSONVersion)
		if len(body) == 0 {
			body = []byte("{}")
		}
	case "rest-json", "rest-xml":
		method = op.HTTP.Method
		uri, fixed, _ := strings.Cut(op.HTTP.RequestURI, "?")
		for label, v := range p.path {
			uri = strings.ReplaceAll(uri, "{"+label+"}", url.PathEscape(v))
			// A greedy label ({Key+}) keeps its slashes.
			uri = strings.ReplaceAll(uri, "{"+label+"+}", strings.ReplaceAll(url.PathEscape(v), "%2F", "/"))
		}
		q := url.Values{}
		if fixed != "" {
			q, _ = url.ParseQuery(fixed)
		}
		for k, v := range p.query {
			q[k] = v
		}
		target = uri
		if len(q) > 0 {
			target += "?" + q.Encode()
		}
		hdr.Set("Content-Type", "application/json")
	}
	req, err := http.NewRequest(method, f.s.URL()+target, bytes.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header = hdr
	for k, v := range p.header {
		req.Header[k] = v
	}
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+f.s.AccessKeyFor(acct)+
		"/20260101/us-east-1/"+p.service+"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, out
}

// run sends p, checks the answer, and for paginated operations probes the
// tokens.
func (f *fidelity) run(p probe) {
	m := f.model(p)
	status, hdr, body := f.send(p, m)
	name := p.service + ":" + p.op
	if status >= 300 {
		code := errorCode(m.Metadata.Protocol, hdr, body)
		if m.Metadata.Protocol == "rest-xml" && len(body) == 0 {
			// A HEAD error has no body: the SDKs name it by its status.
			code = strings.ReplaceAll(http.StatusText(status), " ", "")
		}
		if !p.wantErr {
			f.t.Errorf("%s: unexpected error %d %s: %s", name, status, code, body)
		}
		f.checkCode(name, m, p.op, code)
		return
	}
	if p.wantErr {
		f.t.Errorf("%s: want an error, got %d", name, status)
		return
	}
	if m.Metadata.Protocol == "rest-xml" {
		f.checkHeaders(name, m, p.op, hdr)
	} else {
		f.checkBody(name, m, p.op, body)
	}
	if pg, ok := m.Paginators[p.op]; ok {
		f.paginate(p, m, pg)
	}
}

func (f *fidelity) checkBody(name string, m *awsModel, op string, body []byte) {
	c := &shapeChecker{m: m}
	switch m.Metadata.Protocol {
	case "query":
		c.checkXMLBody(body, op, m.Operations[op].Output, false)
	case "ec2":
		c.checkXMLBody(body, op, m.Operations[op].Output, true)
	default:
		c.checkJSONBody(body, m.Operations[op].Output)
	}
	for _, pr := range c.problems {
		f.t.Errorf("%s: %s", name, pr)
	}
}

func (f *fidelity) checkCode(name string, m *awsModel, op, code string) {
	f.checkCodeIn(name, m, op, code, nil)
}

// checkCodeIn checks code against the operation's declared errors, the
// common ones, and extra.
func (f *fidelity) checkCodeIn(name string, m *awsModel, op, code string, extra []string) {
	allowed := append(append(m.declaredErrors(op), commonErrors...), extra...)
	switch m.Metadata.Protocol {
	case "ec2":
		allowed = append(allowed, ec2Errors...)
	case "json", "rest-json":
		allowed = append(allowed, jsonValidation)
	case "rest-xml":
		allowed = append(allowed, s3Errors...)
	}
	if !slices.Contains(allowed, code) {
		f.t.Errorf("%s: error code %q is neither declared by the operation %v nor a common error", name, code, m.declaredErrors(op))
	}
}

// paginate checks that the simulator reads the model's input token (a
// bogus one is refused) and pages with its limit key and output token.
func (f *fidelity) paginate(p probe, m *awsModel, pg awsPaginator) {
	name := p.service + ":" + p.op
	in, out := firstToken(pg.InputToken), firstToken(pg.OutputToken)
	bogus := withInput(p, m, in, "bogus-token")
	if status, hdr, body := f.send(bogus, m); status < 400 {
		f.t.Errorf("%s: a bogus %s was accepted (%d): the simulator does not read the model's input token", name, in, status)
	} else {
		// How a service refuses a token it did not issue is rarely
		// declared per operation; any exception the service declares will do.
		f.checkCodeIn(name+" (bogus "+in+")", m, p.op, errorCode(m.Metadata.Protocol, hdr, body), m.serviceErrors())
	}
	if pg.LimitKey == "" {
		return
	}
	small := m.limitMin(p.op, pg.LimitKey)
	first := withInput(p, m, pg.LimitKey, strconv.Itoa(small))
	status, hdr, body := f.send(first, m)
	if status >= 300 {
		f.t.Errorf("%s with %s=%d: %d %s", name, pg.LimitKey, small, status, errorCode(m.Metadata.Protocol, hdr, body))
		return
	}
	f.checkBody(name+" (page 1)", m, p.op, body)
	token := outputToken(m, p.op, out, body)
	if token == "" {
		return
	}
	second := withInput(first, m, in, token)
	if status, hdr, body := f.send(second, m); status >= 300 {
		f.t.Errorf("%s: the %s it answered was refused: %d %s", name, out, status, errorCode(m.Metadata.Protocol, hdr, body))
	} else {
		f.checkBody(name+" (page 2)", m, p.op, body)
	}
}

// withInput returns p with one more input member, placed as the model
// says: form field, JSON body member, or REST query string.
func withInput(p probe, m *awsModel, member, value string) probe {
	ref := m.Shapes[m.Operations[p.op].Input.Shape].Members[member]
	switch {
	case m.Metadata.Protocol == "query" || m.Metadata.Protocol == "ec2":
		form := url.Values{}
		for k, v := range p.form {
			form[k] = v
		}
		form.Set(member, value)
		p.form = form
	case ref != nil && ref.Location == "querystring":
		q := url.Values{}
		for k, v := range p.query {
			q[k] = v
		}
		q.Set(ref.LocationName, value)
		p.query = q
	default:
		obj := map[string]any{}
		if p.body != "" {
			_ = json.Unmarshal([]byte(p.body), &obj)
		}
		var v any = value
		if ref != nil {
			if t := m.Shapes[ref.Shape].Type; t == "integer" || t == "long" {
				v, _ = strconv.Atoi(value)
			}
			member = wireName(member, ref)
		}
		obj[member] = v
		b, _ := json.Marshal(obj)
		p.body = string(b)
	}
	return p
}

// outputToken reads the next-page token from a response, "" at the end.
func outputToken(m *awsModel, op, member string, body []byte) string {
	out := m.Operations[op].Output
	ref := m.Shapes[out.Shape].Members[member]
	if ref == nil {
		return ""
	}
	wire := wireName(member, ref)
	switch m.Metadata.Protocol {
	case "query", "ec2":
		root, err := parseXML(body)
		if err != nil || root == nil {
			return ""
		}
		for _, ch := range root.Children {
			if ch.Name == wire {
				return strings.TrimSpace(ch.Text)
			}
			for _, g := range ch.Children {
				if ch.Name == out.ResultWrapper && g.Name == wire {
					return strings.TrimSpace(g.Text)
				}
			}
		}
	default:
		var obj map[string]any
		if json.Unmarshal(body, &obj) == nil {
			s, _ := obj[wire].(string)
			return s
		}
	}
	return ""
}

// errorCode reads an error's code as the SDKs do.
func errorCode(protocol string, hdr http.Header, body []byte) string {
	if protocol == "rest-xml" {
		return restXMLErrorCode(hdr, body)
	}
	if protocol == "query" || protocol == "ec2" {
		root, err := parseXML(body)
		var find func(n *xmlNode) string
		find = func(n *xmlNode) string {
			if n.Name == "Code" {
				return strings.TrimSpace(n.Text)
			}
			for _, c := range n.Children {
				if s := find(c); s != "" {
					return s
				}
			}
			return ""
		}
		if err != nil || root == nil {
			return "<unparsable>"
		}
		return find(root)
	}
	code := hdr.Get("X-Amzn-ErrorType")
	if code == "" {
		var e struct {
			Type string `json:"__type"`
		}
		_ = json.Unmarshal(body, &e)
		code = e.Type
	}
	code, _, _ = strings.Cut(code, ":")
	if i := strings.LastIndex(code, "#"); i >= 0 {
		code = code[i+1:]
	}
	return code
}

// denied checks every service's access-denied answer: a deny rule on the
// service, then its first probe.
func (f *fidelity) denied() {
	seen := map[string]bool{}
	for _, next := range fidelityProbes(f.s) {
		p := next()
		if seen[p.service] || p.wantErr {
			continue
		}
		seen[p.service] = true
		f.s.SetFaults(Faults{Deny: []DenyRule{{Service: p.service}}})
		m := f.model(p)
		status, hdr, body := f.send(p, m)
		if status < 400 {
			f.t.Errorf("%s:%s under a deny rule: %d", p.service, p.op, status)
		} else {
			f.checkCode(fmt.Sprintf("%s:%s (denied)", p.service, p.op), m, p.op, errorCode(m.Metadata.Protocol, hdr, body))
		}
	}
	f.s.SetFaults(Faults{})
}
