package usage_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/apprunner"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/sim/simtest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// reader is a finder of service svc that makes one real call, sent to
// endpoint when it is not "".
func reader(name, svc, endpoint string, call func(context.Context, aws.Config) error) usage.Finder {
	return usage.Finder{Name: name, Service: svc, Find: func(ctx context.Context, cfg aws.Config, _ usage.Target) ([]usage.Usage, error) {
		if endpoint != "" {
			cfg.BaseEndpoint = aws.String(endpoint)
		}
		return nil, call(ctx, cfg)
	}}
}

func ec2Reader(endpoint string) usage.Finder {
	return reader("ec2-vpcs", "ec2", endpoint, func(ctx context.Context, cfg aws.Config) error {
		_, err := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, nil)
		return err
	})
}

func appRunnerReader(endpoint string) usage.Finder {
	return reader("apprunner-vpc-connectors", "apprunner", endpoint, func(ctx context.Context, cfg aws.Config) error {
		_, err := apprunner.NewFromConfig(cfg).ListVpcConnectors(ctx, nil)
		return err
	})
}

func statusOf(t *testing.T, res usage.Result, finder string) usage.Coverage {
	t.Helper()
	for _, c := range res.Cells() {
		if c.Finder == finder {
			return c
		}
	}
	t.Fatalf("no coverage for %s", finder)
	return usage.Coverage{}
}

func runFinders(t *testing.T, cfg aws.Config, fs ...usage.Finder) usage.Result {
	t.Helper()
	scope, err := awsx.SingleAccount(context.Background(), cfg, []string{"us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	tg := usage.Target{Account: scope.Accounts[0].ID, Region: "us-east-1", GroupIDs: []string{"sg-0def"}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := usage.Run(ctx, scope, []usage.Target{tg}, fs, usage.Options{Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Issue 12 item 4: a service whose regional endpoint does not exist is
// skipped — only with NXDOMAIN for its own host while EC2 answered.
func TestServiceNotOfferedOnlyOnNXDOMAINWhileEC2Answers(t *testing.T) {
	srv, url := simtest.Start(t, nil)
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor(sim.DefaultScenario().Accounts()[0]), "s")
	const gone = "http://apprunner.us-east-1.invalid"

	res := runFinders(t, cfg, ec2Reader(""), appRunnerReader(gone))
	if c := statusOf(t, res, "apprunner-vpc-connectors"); c.Status != usage.StatusSkipped ||
		!strings.Contains(c.Error, "not offered in us-east-1") || !strings.Contains(c.Error, "apprunner.us-east-1.invalid") {
		t.Errorf("app runner's host does not exist, EC2 answered: %+v, want skipped with the evidence", c)
	}

	// Every host fails to resolve: the resolver proves nothing.
	res = runFinders(t, cfg, ec2Reader("http://ec2.us-east-1.invalid"), appRunnerReader(gone))
	for _, f := range []string{"ec2-vpcs", "apprunner-vpc-connectors"} {
		if c := statusOf(t, res, f); c.Status != usage.StatusUnknown {
			t.Errorf("every host unresolvable: %s is %s, want unknown", f, c.Status)
		}
	}

	// EC2's own host never means "not offered".
	res = runFinders(t, cfg, ec2Reader(""), reader("ec2-other", "ec2", gone, func(ctx context.Context, cfg aws.Config) error {
		_, err := ec2.NewFromConfig(cfg).DescribeSubnets(ctx, nil)
		return err
	}))
	if c := statusOf(t, res, "ec2-other"); c.Status != usage.StatusUnknown {
		t.Errorf("an EC2 call with no such host is %s, want unknown", c.Status)
	}
	// Nor does an EC2 call made by another service's finder.
	res = runFinders(t, cfg, ec2Reader(""), reader("ecs-services", "ecs", gone, func(ctx context.Context, cfg aws.Config) error {
		_, err := ec2.NewFromConfig(cfg).DescribeSubnets(ctx, nil)
		return err
	}))
	if c := statusOf(t, res, "ecs-services"); c.Status != usage.StatusUnknown {
		t.Errorf("an ECS finder's EC2 call with no such host is %s, want unknown", c.Status)
	}

	// A resolver that fails (not NXDOMAIN) is unknown, even while EC2 answers.
	broken := cfg.Copy()
	broken.HTTPClient = awshttp.NewBuildableClient().WithDialerOptions(func(d *net.Dialer) {
		d.Resolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Err: &net.DNSError{Err: "server misbehaving", IsTemporary: true}}
		}}
	})
	brokenAppRunner := reader("apprunner-vpc-connectors", "apprunner", "", func(ctx context.Context, _ aws.Config) error {
		c := broken.Copy()
		c.BaseEndpoint = aws.String("http://apprunner.us-east-1.example")
		c.RetryMaxAttempts = 1
		_, err := apprunner.NewFromConfig(c).ListVpcConnectors(ctx, nil)
		return err
	})
	res = runFinders(t, cfg, ec2Reader(""), brokenAppRunner)
	if c := statusOf(t, res, "apprunner-vpc-connectors"); c.Status != usage.StatusUnknown {
		t.Errorf("broken resolver: %+v, want unknown", c)
	}

	// An error code saying "not offered" answers one call: unknown.
	srv.SetActionFaults(sim.ActionFault{Service: "apprunner", Answer: sim.AnswerError, Code: "UnknownOperationException"})
	res = runFinders(t, cfg, ec2Reader(""), appRunnerReader(""))
	if c := statusOf(t, res, "apprunner-vpc-connectors"); c.Status != usage.StatusUnknown {
		t.Errorf("UnknownOperationException: %s, want unknown", c.Status)
	}
}
