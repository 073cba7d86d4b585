package sim

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

// startScenario starts a simulator for a YAML scenario and stops it when
// the test ends.
func startScenario(t *testing.T, yamlText string, opts ...Option) *Server {
	t.Helper()
	sc, err := ParseScenario([]byte(yamlText))
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	return startServer(t, sc, opts...)
}

func startServer(t *testing.T, sc *Scenario, opts ...Option) *Server {
	t.Helper()
	s, err := New(sc, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// sdkConfig is a plain SDK config against s for account, without retries
// so that every injected fault reaches the test.
func sdkConfig(s *Server, account, region string) aws.Config {
	return aws.Config{
		Region:       region,
		BaseEndpoint: aws.String(s.URL()),
		Credentials:  credentials.NewStaticCredentialsProvider(s.AccessKeyFor(account), "test-secret", ""),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func ec2For(s *Server, account, region string) *ec2.Client {
	return ec2.NewFromConfig(sdkConfig(s, account, region))
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// wantCode fails unless err is an AWS API error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want API error %s, got %v", code, err)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("want error code %s, got %s (%s)", code, ae.ErrorCode(), ae.ErrorMessage())
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

const acct = "111111111111"

func getenv(k string) string { return os.Getenv(k) }

func boolText(b bool) string { return strconv.FormatBool(b) }

func itoa32(n int32) string { return strconv.Itoa(int(n)) }

type typesTag = types.Tag

func staticCreds(key string) aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(key, "test-secret", "")
}
