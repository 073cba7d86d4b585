package awsx

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

func TestBadBody(t *testing.T) {
	cases := []struct {
		op    string
		query bool
		body  string
		bad   bool
	}{
		{"DescribeVpcs", true, `<?xml version="1.0"?><DescribeVpcsResponse xmlns="x"><vpcSet/></DescribeVpcsResponse>`, false},
		{"DescribeVpcs", true, "", true},
		{"DescribeVpcs", true, "<!DOCTYPE html><html></html>", true},
		{"DescribeVpcs", true, "<html><body>proxy</body></html>", true},
		{"DescribeVpcs", true, `<DescribeSubnetsResponse/>`, true},
		{"DescribeVpcs", true, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><!DOCTYPE x>\n<DescribeVpcsResponse>", false},
		{"DescribeVpcs", true, `<ec2:DescribeVpcsResponse xmlns:ec2="x">`, false},
		{"DescribeVpcs", true, `<DescribeVpcsResponseX>`, true},
		{"DescribeVpcs", true, `<?xml version="1.0"?>`, true},
		{"DescribeVpcs", true, `<DescribeVpcsResp`, true}, // the name runs past what was read
		{"DescribeVpcs", true, `not xml`, true},
		{"DescribeVpcs", true, `<!-- never closed`, true},
		{"DescribeVpcs", true, `{"Vpcs":[]}`, true},
		{"RevokeSecurityGroupIngress", true, "", true},
		{"ListFunctions", false, `{"Functions":[]}`, false},
		{"ListFunctions", false, "", true},
		{"ListFunctions", false, "  \n", true},
		{"ListFunctions", false, "<!doctype html>", true},
		{"ListFunctions", false, "null", true},
		{"UpdateFunctionConfiguration", false, "", false},
	}
	for _, c := range cases {
		if got := badBody(c.op, c.query, []byte(c.body)) != ""; got != c.bad {
			t.Errorf("badBody(%s, query=%t, %q) bad=%t, want %t", c.op, c.query, c.body, got, c.bad)
		}
	}
}

// TestHostile200IsAnErrorNotAnEmptyResult: the SDK alone decodes an HTML or
// empty 200 into an empty result; through StaticConfig it is an error.
func TestHostile200IsAnErrorNotAnEmptyResult(t *testing.T) {
	for _, body := range []string{"", "<!DOCTYPE html><html><body>Sign in</body></html>"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(body))
		}))
		cfg := StaticConfig(srv.URL, "us-east-1", "AKIDTEST", "secret")
		var me *MalformedResponseError
		_, err := ec2.NewFromConfig(cfg).DescribeNetworkInterfaces(context.Background(), nil)
		if !errors.As(err, &me) || Classify(err) != ClassOther {
			t.Errorf("ec2 %q: %v (class %v), want a MalformedResponseError", body, err, Classify(err))
		}
		_, err = lambda.NewFromConfig(cfg).ListFunctions(context.Background(), nil)
		if !errors.As(err, &me) {
			t.Errorf("lambda %q: %v, want a MalformedResponseError", body, err)
		}
		srv.Close()
	}
}

// TestTruncatedAnswerIsAnError: a body cut short decodes to an error, never
// to the part that arrived.
func TestTruncatedAnswerIsAnError(t *testing.T) {
	for _, c := range []struct{ body, svc string }{
		{`<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>`, "ec2"},
		{`<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>x</requestId>`, "ec2"},
		{`{"Functions":[{"FunctionName":"a"`, "lambda"},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(c.body)) }))
		cfg := StaticConfig(srv.URL, "us-east-1", "AKIDTEST", "secret")
		var err error
		if c.svc == "ec2" {
			_, err = ec2.NewFromConfig(cfg).DescribeNetworkInterfaces(context.Background(), nil)
		} else {
			_, err = lambda.NewFromConfig(cfg).ListFunctions(context.Background(), nil)
		}
		if err == nil || Classify(err) != ClassOther {
			t.Errorf("%s %.40q: err %v, want an error (unknown)", c.svc, c.body, err)
		}
		srv.Close()
	}
}

func TestNoSuchHostOnlyForTheRequestsOwnHost(t *testing.T) {
	dns := func(name string, notFound, temporary bool) error {
		return &url.Error{Op: "Post", URL: "https://apprunner.ap-south-2.amazonaws.com/",
			Err: &net.OpError{Op: "dial", Err: &net.DNSError{Name: name, Err: "no such host", IsNotFound: notFound, IsTemporary: temporary}}}
	}
	cases := []struct {
		err  error
		want bool
	}{
		{dns("apprunner.ap-south-2.amazonaws.com", true, false), true},
		{dns("proxy.corp.example", true, false), false},                 // the proxy's name, not the service's
		{dns("apprunner.ap-south-2.amazonaws.com", false, true), false}, // SERVFAIL / timeout
		{dns("apprunner.ap-south-2.amazonaws.com", false, false), false},
		{errors.New("no such host"), false},
	}
	for _, c := range cases {
		if _, got := NoSuchHost(c.err); got != c.want {
			t.Errorf("NoSuchHost(%v) = %t, want %t", c.err, got, c.want)
		}
		if got := Classify(c.err) == ClassNoEndpoint; got != c.want {
			t.Errorf("Classify(%v) no-endpoint = %t, want %t", c.err, got, c.want)
		}
	}
}

// TestMalformedReadIsRetriedOnce: an empty 200 to a read is tried again
// once — a first bad answer followed by the service's answer gives the
// answer — and a second bad answer is final (two attempts, not the
// retryer's ten), so a proxy's page stays an error and costs one attempt
// more.
func TestMalformedReadIsRetriedOnce(t *testing.T) {
	const good = `<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId></item></networkInterfaceSet></DescribeNetworkInterfacesResponse>`
	for _, c := range []struct {
		name      string
		bad       int // answers that are empty before the good one
		wantErr   bool
		wantTries int32
	}{
		{"one empty answer", 1, false, 2},
		{"always empty", 100, true, 2},
	} {
		var tries atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if int(tries.Add(1)) <= c.bad {
				w.WriteHeader(http.StatusOK)
				return
			}
			_, _ = io.WriteString(w, good)
		}))
		cfg := StaticConfig(srv.URL, "us-east-1", "AKIDTEST", "secret")
		out, err := ec2.NewFromConfig(cfg).DescribeNetworkInterfaces(context.Background(), nil)
		srv.Close()
		var me *MalformedResponseError
		switch {
		case c.wantErr && !errors.As(err, &me):
			t.Errorf("%s: %v, want a MalformedResponseError", c.name, err)
		case !c.wantErr && (err != nil || len(out.NetworkInterfaces) != 1):
			t.Errorf("%s: %v, want the service's answer after a retry", c.name, err)
		}
		if tries.Load() != c.wantTries {
			t.Errorf("%s: %d attempts, want %d", c.name, tries.Load(), c.wantTries)
		}
	}
}
