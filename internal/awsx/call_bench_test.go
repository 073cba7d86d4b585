package awsx

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// BenchmarkNewClient: building a service client per call (as finders do)
// costs little beside a call.
func BenchmarkNewClient(b *testing.B) {
	cfg := StaticConfig("http://127.0.0.1:1", "us-east-1", "AKID", "s")
	b.ReportAllocs()
	for b.Loop() {
		_ = ec2.NewFromConfig(cfg)
	}
}

// BenchmarkCall: one EC2 read through StaticConfig (the product's
// middlewares: deadline, response check, counters) against a loopback
// server, client and server in this process.
func BenchmarkCall(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet/></DescribeVpcsResponse>`)
	}))
	defer srv.Close()
	cfg := StaticConfig(srv.URL, "us-east-1", "AKID", "s")
	c := ec2.NewFromConfig(cfg)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.DescribeVpcs(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallBare: the same read with the SDK's stack alone; the
// difference to BenchmarkCall is what the product adds per call.
func BenchmarkCallBare(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcSet/></DescribeVpcsResponse>`)
	}))
	defer srv.Close()
	cfg := StaticConfig(srv.URL, "us-east-1", "AKID", "s")
	cfg.APIOptions = nil
	c := ec2.NewFromConfig(cfg)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.DescribeVpcs(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
}
