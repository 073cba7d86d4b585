package awsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestStalledCallGivesUpAfterItsDeadline: an endpoint that accepts the
// connection and never answers fails the call after OperationTimeoutFactor
// call timeouts, retries included, as an unknown — never a hang.
func TestStalledCallGivesUpAfterItsDeadline(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	const call = 200 * time.Millisecond
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", ""),
		Retryer:     func() aws.Retryer { return newRetryer(10) },
		HTTPClient:  newHTTPClient(call), APIOptions: callGuards(call)}
	start := time.Now()
	_, err := ec2.NewFromConfig(cfg).DescribeNetworkInterfaces(context.Background(), nil)
	took := time.Since(start)
	var te *CallTimeoutError
	if !errors.As(err, &te) || Classify(err) != ClassOther {
		t.Fatalf("err %v (class %v), want a CallTimeoutError", err, Classify(err))
	}
	if took > OperationTimeoutFactor*call+2*time.Second {
		t.Fatalf("gave up after %s, want about %s", took, OperationTimeoutFactor*call)
	}
	if calls.Load() < 2 {
		t.Errorf("%d attempts: a timed-out attempt must be retried", calls.Load())
	}
}

// TestStreamedBodyOutlivesTheOperation: S3 GetObject returns before its
// body is read; the operation's deadline must not cut the body off. The
// server sends the headers, then the bytes a little later, as a loaded
// endpoint does. Cancelling the deadline on return failed this read with
// "context canceled" (seen reading a backup from moto in CI).
func TestStreamedBodyOutlivesTheOperation(t *testing.T) {
	// More than the response check peeks at (peekSize), so the operation
	// returns before the rest has arrived.
	body := `{"rules":"` + strings.Repeat("x", 3*peekSize) + `"}`
	first := 2 * peekSize
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, body[:first])
		w.(http.Flusher).Flush()
		time.Sleep(150 * time.Millisecond)
		_, _ = io.WriteString(w, body[first:])
	}))
	defer srv.Close()
	cfg := StaticConfig(srv.URL, "us-east-1", "AKIDTEST", "secret")
	out, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).GetObject(context.Background(),
		&s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatalf("reading the body after the operation returned: %v", err)
	}
	if err := out.Body.Close(); err != nil {
		t.Fatal(err)
	}
	if string(data) != body {
		t.Fatalf("body of %d bytes, want the %d sent", len(data), len(body))
	}
}

// TestStreamedBodyKeepsItsDeadline: the body stays bounded by the
// operation's deadline; a body that never finishes fails the read instead
// of hanging it.
func TestStreamedBodyKeepsItsDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(3*peekSize))
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "{"+strings.Repeat(" ", 2*peekSize))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	const call = 200 * time.Millisecond
	cfg := StaticConfig(srv.URL, "us-east-1", "AKIDTEST", "secret")
	cfg.HTTPClient, cfg.APIOptions = newHTTPClient(call), callGuards(call)
	out, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).GetObject(context.Background(),
		&s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	start := time.Now()
	if _, err := io.ReadAll(out.Body); err == nil {
		t.Fatal("a body that never finishes was read without error")
	}
	if took := time.Since(start); took > OperationTimeoutFactor*call+2*time.Second {
		t.Fatalf("the read gave up after %s, want within about %s", took, OperationTimeoutFactor*call)
	}
}
