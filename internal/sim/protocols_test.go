package sim

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The JSON writers have no service yet; these pin their wire shape so the
// first JSON 1.1 or REST-JSON service gets errors the SDK can decode.
func TestJSONErrorWriters(t *testing.T) {
	c := &call{RequestID: "req-1"}
	for _, tc := range []struct {
		write       func(http.ResponseWriter, *call, *apiError)
		contentType string
	}{
		{writeJSON11Error, "application/x-amz-json-1.1"},
		{writeRESTJSONError, "application/json"},
	} {
		rec := httptest.NewRecorder()
		tc.write(rec, c, jsonErrors.deny("111111111111", "lambda", "ListFunctions"))
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if rec.Code != 403 || rec.Header().Get("X-Amzn-ErrorType") != "AccessDeniedException" ||
			rec.Header().Get("Content-Type") != tc.contentType || body["__type"] != "AccessDeniedException" ||
			!strings.Contains(body["message"], "lambda:ListFunctions") {
			t.Fatalf("%d %v %v", rec.Code, rec.Header(), body)
		}
	}
}

func TestParseJSON11Target(t *testing.T) {
	r := httptest.NewRequest("POST", "/", nil)
	r.Header.Set("X-Amz-Target", "CodeBuild_20161006.BatchGetProjects")
	if action, _, _ := parseJSON11(r, nil); action != "BatchGetProjects" {
		t.Fatalf("action %q", action)
	}
}

func TestCredentialScope(t *testing.T) {
	r := httptest.NewRequest("POST", "/", nil)
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAX/20260101/eu-west-3/ec2/aws4_request, SignedHeaders=host, Signature=abc")
	if got := credentialScope(r); got != (scope{"AKIAX", "eu-west-3", "ec2"}) {
		t.Fatalf("%+v", got)
	}
	r = httptest.NewRequest("GET", "/?X-Amz-Credential=AKIAY%2F20260101%2Fus-east-1%2Fsts%2Faws4_request", nil)
	if got := credentialScope(r); got != (scope{"AKIAY", "us-east-1", "sts"}) {
		t.Fatalf("presigned %+v", got)
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		p, s string
		want bool
	}{
		{"Describe*", "DescribeVpcs", true}, {"Describe*", "CreateTags", false},
		{"10.0.*", "10.0.0.0/8", true}, {"?", "ab", false}, {"a*b*c", "aXXbYc", true}, {"", "", true},
	} {
		if glob(tc.p, tc.s) != tc.want {
			t.Errorf("glob(%q, %q) != %v", tc.p, tc.s, tc.want)
		}
	}
}

// TestResponsesAreWellFormedXML reads raw bodies token by token: the SDK's
// decoders tolerate a missing end tag that botocore rejects.
func TestResponsesAreWellFormedXML(t *testing.T) {
	s := startServer(t, nil)
	for _, form := range []url.Values{
		{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}},
		{"Action": {"DescribeSecurityGroups"}, "Version": {"2016-11-15"}},
		{"Action": {"DescribeSecurityGroups"}, "Version": {"2016-11-15"}, "GroupId.1": {"sg-0"}},
		{"Action": {"Nope"}, "Version": {"2011-06-15"}},
	} {
		resp, err := http.PostForm(s.URL(), form)
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(resp.Body)
		depth, roots := 0, 0
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%v: %v", form, err)
			}
			switch tok.(type) {
			case xml.StartElement:
				if depth == 0 {
					roots++
				}
				depth++
			case xml.EndElement:
				depth--
			}
		}
		resp.Body.Close()
		if depth != 0 || roots != 1 {
			t.Fatalf("%v: unbalanced XML (depth %d, %d roots)", form, depth, roots)
		}
	}
}
