package e2e

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// TestOrgAuditAgainstMoto runs the same --org path against moto, an
// independent implementation: moto's Organizations creates member accounts
// and its sts:AssumeRole returns credentials that moto maps to the member
// account, whose EC2 state (a default VPC per region) is separate.
func TestOrgAuditAgainstMoto(t *testing.T) {
	ep := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	api := organizations.NewFromConfig(awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"))
	c := ctx(t)
	org, err := api.CreateOrganization(c, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{aws.ToString(org.Organization.MasterAccountId)}
	for _, name := range []string{"member-a", "member-b"} {
		out, err := api.CreateAccount(c, &organizations.CreateAccountInput{AccountName: aws.String(name), Email: aws.String(name + "@example.com")})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, aws.ToString(out.CreateAccountStatus.AccountId))
	}
	slices.Sort(want)
	if len(slices.Compact(slices.Clone(want))) != 3 {
		t.Fatalf("moto gave accounts %v, want 3 distinct", want)
	}
	rep, r := auditJSON(t, ep, "--org", "--regions", "us-east-1")
	if r.Code != 3 || len(rep.Problems) != 0 {
		t.Fatalf("exit %d, want 3 (non-compliant, complete); problems %+v\n%s", r.Code, rep.Problems, r.Stderr)
	}
	if got := groupAccounts(rep); !slices.Equal(got, want) {
		t.Fatalf("default groups of accounts %v, want %v", got, want)
	}
	// Each account's group is its own: moto isolates accounts, so three
	// distinct group ids prove the credentials really changed account.
	ids := map[string]bool{}
	for _, g := range rep.Groups {
		ids[g.GroupID] = true
	}
	if len(rep.Groups) != 3 || len(ids) != 3 {
		t.Fatalf("%d groups with %d distinct ids, want 3 of each", len(rep.Groups), len(ids))
	}
}
