package awsx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
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
