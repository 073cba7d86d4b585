package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

const motoAccount = "123456789012"

// awsCLI runs the AWS CLI (v1) against moto and decodes its JSON answer.
func awsCLI(t *testing.T, ep endpoint, out any, args ...string) {
	t.Helper()
	cmd := exec.Command(testutil.Tool(t, "aws"), append([]string{"--endpoint-url", ep.URL, "--region", "us-east-1", "--output", "json"}, args...)...)
	cmd.Env = append(cleanEnv(ep), "AWS_SECRET_ACCESS_KEY=test-secret", "AWS_ACCESS_KEY_ID="+ep.AccessKey)
	b, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("aws %v: %v\n%s", args, err, stderr)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("aws %v: %v\n%s", args, err, b)
	}
}

// audit -o asff is accepted by BatchImportFindings as moto serves it (AWS
// CLI v1, --findings file://…), and reads back as written: one finding per
// default group, our ids and group ARNs. Read back through
// --from-securityhub, defaultsg's own findings are not taken for Security
// Hub's EC2.2 verdict.
func TestASFFImportsIntoMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	cfg := awsx.StaticConfig(moto.URL, "us-east-1", moto.AccessKey, "test-secret")
	if _, err := ec2.NewFromConfig(cfg).CreateVpc(ctx(t), &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep, _ := auditJSON(t, moto, "--regions", "us-east-1")
	if len(rep.Groups) != 2 {
		t.Fatalf("moto: %d default groups, want 2", len(rep.Groups))
	}
	if r := run(t, moto, dir, nil, "--regions", "us-east-1", "audit", "-o", "asff", "--out", "findings.json"); r.Code != 3 {
		t.Fatalf("audit -o asff: exit %d\n%s", r.Code, r.Stderr)
	}
	var written []struct {
		ID        string `json:"Id"`
		Resources []struct {
			ID string `json:"Id"`
		} `json:"Resources"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "findings.json"))
	if err != nil || json.Unmarshal(raw, &written) != nil || len(written) != len(rep.Groups) {
		t.Fatalf("findings.json: %v, %d findings for %d groups", err, len(written), len(rep.Groups))
	}
	var imported struct {
		FailedCount, SuccessCount int
	}
	awsCLI(t, moto, &imported, "securityhub", "batch-import-findings", "--findings", "file://"+filepath.Join(dir, "findings.json"))
	if imported.FailedCount != 0 || imported.SuccessCount != len(written) {
		t.Fatalf("batch-import-findings: %+v, want %d imported", imported, len(written))
	}
	var back struct {
		Findings []struct {
			ID         string `json:"Id"`
			Compliance struct{ Status string }
			Resources  []struct {
				ID string `json:"Id"`
			} `json:"Resources"`
		} `json:"Findings"`
	}
	awsCLI(t, moto, &back, "securityhub", "get-findings")
	var wantIDs, gotIDs, wantARNs, gotARNs []string
	for _, f := range written {
		wantIDs, wantARNs = append(wantIDs, f.ID), append(wantARNs, f.Resources[0].ID)
	}
	for _, f := range back.Findings {
		gotIDs, gotARNs = append(gotIDs, f.ID), append(gotARNs, f.Resources[0].ID)
		if f.Compliance.Status != "FAILED" {
			t.Errorf("%s: status %s, want FAILED (moto's default groups have rules)", f.ID, f.Compliance.Status)
		}
	}
	for _, l := range [][]string{wantIDs, gotIDs, wantARNs, gotARNs} {
		slices.Sort(l)
	}
	if !slices.Equal(wantIDs, gotIDs) || !slices.Equal(wantARNs, gotARNs) {
		t.Errorf("read back ids %v arns %v, want %v %v", gotIDs, gotARNs, wantIDs, wantARNs)
	}
	for _, g := range rep.Groups {
		if !slices.Contains(gotARNs, "arn:aws:ec2:us-east-1:"+motoAccount+":security-group/"+g.GroupID) {
			t.Errorf("no finding for %s", g.GroupID)
		}
	}
	// Imported again: the stable ids update, not add.
	awsCLI(t, moto, &imported, "securityhub", "batch-import-findings", "--findings", "file://"+filepath.Join(dir, "findings.json"))
	awsCLI(t, moto, &back, "securityhub", "get-findings")
	if len(back.Findings) != len(written) {
		t.Errorf("after a second import: %d findings, want %d", len(back.Findings), len(written))
	}
	r := run(t, moto, dir, nil, "--regions", "us-east-1", "usage", "--from-securityhub", "-o", "json")
	var u struct {
		Groups      []any           `json:"groups"`
		SecurityHub securityHubJSON `json:"securityhub"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &u); err != nil || len(u.Groups) != 0 || len(u.SecurityHub.NotListed) != 2 {
		t.Errorf("usage --from-securityhub over defaultsg's own findings: %v, %d groups, not listed %v\n%s", err, len(u.Groups), u.SecurityHub.NotListed, r.Stderr)
	}
}

// Seeded with Security Hub's own kinds of EC2.2 finding (consolidated, and
// per standard without SecurityControlId), next to findings that must not
// count (another control, archived, PASSED, a group that does not exist),
// --from-securityhub takes exactly the FAILED groups and names the rest.
// moto ignores GetFindings' filters, so this also proves the findings are
// checked again when read.
func TestFromSecurityHubAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	cfg := awsx.StaticConfig(moto.URL, "us-east-1", moto.AccessKey, "test-secret")
	ec2c := ec2.NewFromConfig(cfg)
	for _, cidr := range []string{"10.1.0.0/16", "10.2.0.0/16"} {
		if _, err := ec2c.CreateVpc(ctx(t), &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)}); err != nil {
			t.Fatal(err)
		}
	}
	rep, _ := auditJSON(t, moto, "--regions", "us-east-1")
	if len(rep.Groups) != 3 {
		t.Fatalf("moto: %d default groups, want 3", len(rep.Groups))
	}
	consolidated, fsbp, unlisted := rep.Groups[0].GroupID, rep.Groups[1].GroupID, rep.Groups[2].GroupID
	finding := func(id, group, status string, mod func(*shtypes.AwsSecurityFinding)) shtypes.AwsSecurityFinding {
		f := shtypes.AwsSecurityFinding{
			SchemaVersion: aws.String("2018-10-08"), Id: aws.String(id),
			ProductArn:  aws.String("arn:aws:securityhub:us-east-1::product/aws/securityhub"),
			GeneratorId: aws.String("security-control/EC2.2"), AwsAccountId: aws.String(motoAccount), Region: aws.String("us-east-1"),
			CreatedAt: aws.String("2026-11-30T00:00:00.000Z"), UpdatedAt: aws.String("2026-11-30T00:00:00.000Z"),
			Title: aws.String("VPC default security groups should not allow inbound or outbound traffic"), Description: aws.String("EC2.2"),
			RecordState: shtypes.RecordStateActive,
			Compliance:  &shtypes.Compliance{Status: shtypes.ComplianceStatus(status), SecurityControlId: aws.String("EC2.2")},
			Resources: []shtypes.Resource{{Type: aws.String("AwsEc2SecurityGroup"),
				Id: aws.String("arn:aws:ec2:us-east-1:" + motoAccount + ":security-group/" + group)}},
		}
		if mod != nil {
			mod(&f)
		}
		return f
	}
	perStandard := func(generator string) func(*shtypes.AwsSecurityFinding) {
		return func(f *shtypes.AwsSecurityFinding) {
			f.GeneratorId, f.Compliance.SecurityControlId = aws.String(generator), nil
		}
	}
	out, err := securityhub.NewFromConfig(cfg).BatchImportFindings(ctx(t), &securityhub.BatchImportFindingsInput{Findings: []shtypes.AwsSecurityFinding{
		finding("consolidated", consolidated, "FAILED", nil),
		finding("fsbp", fsbp, "FAILED", perStandard("aws-foundational-security-best-practices/v/1.0.0/EC2.2")),
		finding("cis-passed", unlisted, "PASSED", perStandard("arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3")),
		finding("other-control", unlisted, "FAILED", func(f *shtypes.AwsSecurityFinding) {
			f.GeneratorId, f.Compliance.SecurityControlId = aws.String("security-control/EC2.19"), aws.String("EC2.19")
		}),
		finding("archived", unlisted, "FAILED", func(f *shtypes.AwsSecurityFinding) { f.RecordState = shtypes.RecordStateArchived }),
		finding("gone", "sg-0000000000000dead", "FAILED", nil),
	}})
	if err != nil || aws.ToInt32(out.FailedCount) != 0 {
		t.Fatalf("seeding moto: %v %+v", err, out)
	}
	r := run(t, moto, "", nil, "--regions", "us-east-1", "usage", "--from-securityhub", "-o", "json")
	var u struct {
		Groups []struct {
			GroupID string `json:"group_id"`
		} `json:"groups"`
		SecurityHub struct {
			securityHubJSON
			ListedNotFound []hubGroup `json:"listed_not_found"`
		} `json:"securityhub"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &u); err != nil {
		t.Fatalf("usage --from-securityhub: %v\n%s\n%s", err, r.Stdout, r.Stderr)
	}
	var got []string
	for _, g := range u.Groups {
		got = append(got, g.GroupID)
	}
	want := []string{consolidated, fsbp}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || !slices.Equal(u.SecurityHub.inScope(), want) {
		t.Errorf("in scope: groups %v, securityhub %v; want %v\n%s", got, u.SecurityHub.inScope(), want, r.Stderr)
	}
	if len(u.SecurityHub.NotListed) != 1 || u.SecurityHub.NotListed[0].GroupID != unlisted {
		t.Errorf("not listed %+v, want %s", u.SecurityHub.NotListed, unlisted)
	}
	if len(u.SecurityHub.ListedNotFound) != 1 || u.SecurityHub.ListedNotFound[0].GroupID != "sg-0000000000000dead" {
		t.Errorf("listed, not found %+v", u.SecurityHub.ListedNotFound)
	}
	mustContain(t, "stderr", r.Stderr, "2 default groups FAILED and in scope", "not a default group now", "sg-0000000000000dead")
}
