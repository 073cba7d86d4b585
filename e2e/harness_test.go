// Package e2e runs the real defaultsg binary against AWS-compatible
// endpoints over loopback HTTP: our simulator, and moto as an independent
// oracle. Nothing here can reach real AWS: every endpoint is 127.0.0.1 and
// credentials are fixed test values.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/sim/simtest"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "defaultsg-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "defaultsg")
	build := exec.Command("go", "build", "-o", binary, "../cmd/defaultsg")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building defaultsg:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// endpoint is an AWS-compatible server and the credentials of one account.
type endpoint struct {
	URL       string
	AccessKey string
	Sim       *sim.Server // nil for moto
}

// result of one CLI run.
type result struct {
	Stdout, Stderr string
	Code           int
}

// run executes the binary against ep in dir (a fresh temp dir when "").
func run(t *testing.T, ep endpoint, dir string, extraEnv []string, args ...string) result {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	cmd := exec.Command(binary, append([]string{"--endpoint-url", ep.URL}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(ep), extraEnv...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running defaultsg %v: %v", args, err)
	}
	return result{Stdout: out.String(), Stderr: errOut.String(), Code: code}
}

// cleanEnv is a minimal environment: no shared config, no real profile, no
// instance metadata, fixed credentials.
func cleanEnv(ep endpoint) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.TempDir(),
		"AWS_ACCESS_KEY_ID=" + ep.AccessKey,
		"AWS_SECRET_ACCESS_KEY=test-secret",
		"AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// startSim starts the simulator with a YAML scenario.
func startSim(t *testing.T, scenario string) endpoint {
	t.Helper()
	sc, err := sim.ParseScenario([]byte(scenario))
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	srv, url := simtest.Start(t, sc)
	return endpoint{URL: url, AccessKey: srv.AccessKeyFor(sc.Accounts()[0]), Sim: srv}
}

// ec2Client talks to ep directly, for setting up and checking state.
func ec2Client(ep endpoint, region string) *ec2.Client {
	return ec2.NewFromConfig(awsx.StaticConfig(ep.URL, region, ep.AccessKey, "test-secret"))
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// auditJSON runs audit -o json and decodes it.
func auditJSON(t *testing.T, ep endpoint, args ...string) (auditReport, result) {
	t.Helper()
	r := run(t, ep, "", nil, append([]string{"audit", "-o", "json"}, args...)...)
	var rep auditReport
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatalf("audit JSON: %v\nstdout:\n%s\nstderr:\n%s", err, r.Stdout, r.Stderr)
	}
	return rep, r
}

type auditReport struct {
	Schema  string `json:"schema"`
	Summary struct {
		AccountRegions     int  `json:"account_regions"`
		AccountRegionsRead int  `json:"account_regions_read"`
		Groups             int  `json:"groups"`
		Compliant          int  `json:"compliant"`
		NonCompliant       int  `json:"non_compliant"`
		Complete           bool `json:"complete"`
	} `json:"summary"`
	Groups []struct {
		Account   string     `json:"account"`
		Region    string     `json:"region"`
		VpcID     string     `json:"vpc_id"`
		VpcName   string     `json:"vpc_name"`
		GroupID   string     `json:"group_id"`
		Compliant bool       `json:"compliant"`
		Rules     []ruleJSON `json:"rules"`
	} `json:"groups"`
	Problems []struct {
		Account, Region, Operation, Class, Message string
	} `json:"problems"`
}

type ruleJSON struct {
	RuleID      string `json:"rule_id"`
	Egress      bool   `json:"egress"`
	Protocol    string `json:"protocol"`
	FromPort    int32  `json:"from_port"`
	ToPort      int32  `json:"to_port"`
	CidrIPv4    string `json:"cidr_ipv4"`
	CidrIPv6    string `json:"cidr_ipv6"`
	PrefixList  string `json:"prefix_list_id"`
	Description string `json:"description"`
	Group       *struct {
		GroupID string `json:"group_id"`
		UserID  string `json:"user_id"`
	} `json:"referenced_group"`
}

// ruleSet renders a group's rules as sorted, id-free strings; self and other
// group ids are replaced through names so two systems can be compared.
func ruleSet(rules []ruleJSON, names map[string]string) []string {
	var out []string
	for _, r := range rules {
		peer := r.CidrIPv4 + r.CidrIPv6 + r.PrefixList
		if r.Group != nil {
			peer = "group:" + names[r.Group.GroupID]
			if names[r.Group.GroupID] == "" {
				peer = "group:" + r.Group.GroupID
			}
		}
		out = append(out, fmt.Sprintf("egress=%t proto=%s ports=%d-%d peer=%s desc=%q", r.Egress, r.Protocol, r.FromPort, r.ToPort, peer, r.Description))
	}
	sort.Strings(out)
	return out
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, got)
		}
	}
}

// ptr helpers for SDK inputs.
var str = aws.String
