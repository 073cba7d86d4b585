package sim

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGeneratedOrgFollowsRegionalAvailability: a generated organization
// lists App Runner as not offered in the standard regions AWS does not run
// it in, and refuses a request that reaches it for such a pair; written
// scenarios, and generate with all_services_everywhere, offer everything.
func TestGeneratedOrgFollowsRegionalAvailability(t *testing.T) {
	gen := func(extra string) *Server {
		sc, err := ParseScenario([]byte("accounts: []\nregions: standard\ngenerate: {accounts: 2" + extra + "}\n"))
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(sc)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	e := gen("").Endpoints()
	if len(e.NotOffered) != 1 || e.NotOffered[0].ServiceID != "AppRunner" ||
		strings.Join(e.NotOffered[0].Regions, ",") != "ap-northeast-2,ap-northeast-3,ca-central-1,us-west-1" {
		t.Fatalf("endpoints %+v", e)
	}
	if e := gen(", all_services_everywhere: true").Endpoints(); len(e.NotOffered) != 0 {
		t.Errorf("all_services_everywhere: %+v, want everything offered", e)
	}
	if e := mustServer(t, DefaultScenario()).Endpoints(); len(e.NotOffered) != 0 {
		t.Errorf("written scenario: %+v, want everything offered", e)
	}

	s := gen("")
	for region, want := range map[string]string{"us-west-1": "EndpointNotOffered", "us-east-1": ""} {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIASIMX900000000001/20260101/"+region+"/apprunner/aws4_request, SignedHeaders=host, Signature=x")
		req.Header.Set("X-Amz-Target", "AppRunner.ListVpcConnectors")
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		if got := w.Body.String(); strings.Contains(got, "EndpointNotOffered") != (want != "") {
			t.Errorf("%s: %d %s, want error %q", region, w.Code, got, want)
		}
	}
}

func mustServer(t *testing.T, sc *Scenario) *Server {
	t.Helper()
	s, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
