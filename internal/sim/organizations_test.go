package sim

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const orgScenario = `
accounts:
  - id: "111111111111"
  - id: "222222222222"
    external_id: secret-1
  - id: "333333333333"
    assumable: false
  - id: "444444444444"
regions: [us-east-1]
organization:
  suspended: ["444444444444"]
  ous:
    - {name: Prod, accounts: ["222222222222"]}
    - {name: Deep, parent: Prod, accounts: ["333333333333"]}
`

func TestOrganizationsListsAccountsAndOUs(t *testing.T) {
	s := startScenario(t, orgScenario)
	ctx := ctxT(t)
	api := organizations.NewFromConfig(sdkConfig(s, acct, "us-east-1"))
	var ids, states []string
	p := organizations.NewListAccountsPaginator(api, &organizations.ListAccountsInput{MaxResults: aws.Int32(1)})
	pages := 0
	for p.HasMorePages() {
		out := must[*organizations.ListAccountsOutput](t)(p.NextPage(ctx))
		pages++
		for _, a := range out.Accounts {
			ids, states = append(ids, aws.ToString(a.Id)), append(states, string(a.State))
		}
	}
	if pages != 4 || !slices.Equal(ids, []string{"111111111111", "222222222222", "333333333333", "444444444444"}) ||
		!slices.Equal(states, []string{"ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED"}) {
		t.Fatalf("%d pages, ids %v, states %v", pages, ids, states)
	}
	roots := must[*organizations.ListRootsOutput](t)(api.ListRoots(ctx, &organizations.ListRootsInput{}))
	root := aws.ToString(roots.Roots[0].Id)
	ous := must[*organizations.ListOrganizationalUnitsForParentOutput](t)(api.ListOrganizationalUnitsForParent(ctx,
		&organizations.ListOrganizationalUnitsForParentInput{ParentId: &root}))
	if len(ous.OrganizationalUnits) != 1 || aws.ToString(ous.OrganizationalUnits[0].Name) != "Prod" {
		t.Fatalf("OUs under root: %+v", ous.OrganizationalUnits)
	}
	deep := must[*organizations.ListOrganizationalUnitsForParentOutput](t)(api.ListOrganizationalUnitsForParent(ctx,
		&organizations.ListOrganizationalUnitsForParentInput{ParentId: ous.OrganizationalUnits[0].Id}))
	inDeep := must[*organizations.ListAccountsForParentOutput](t)(api.ListAccountsForParent(ctx,
		&organizations.ListAccountsForParentInput{ParentId: deep.OrganizationalUnits[0].Id}))
	if len(inDeep.Accounts) != 1 || aws.ToString(inDeep.Accounts[0].Id) != "333333333333" {
		t.Fatalf("accounts in Deep: %+v", inDeep.Accounts)
	}
	_, err := api.ListAccountsForParent(ctx, &organizations.ListAccountsForParentInput{ParentId: aws.String("ou-nope-12345678")})
	wantCode(t, err, "ParentNotFoundException")
	member := organizations.NewFromConfig(sdkConfig(s, "222222222222", "us-east-1"))
	_, err = member.ListAccounts(ctx, &organizations.ListAccountsInput{})
	wantCode(t, err, "AccessDeniedException")
	org := must[*organizations.DescribeOrganizationOutput](t)(member.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{}))
	if aws.ToString(org.Organization.MasterAccountId) != acct {
		t.Fatalf("management account %q", aws.ToString(org.Organization.MasterAccountId))
	}
}

func TestAssumeRoleSelectsTheTargetAccount(t *testing.T) {
	s := startScenario(t, orgScenario)
	ctx := ctxT(t)
	base := sdkConfig(s, acct, "us-east-1")
	stsAPI := sts.NewFromConfig(base)
	assumed := func(account, externalID string) aws.Config {
		cfg := base.Copy()
		cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsAPI,
			"arn:aws:iam::"+account+":role/OrganizationAccountAccessRole", func(o *stscreds.AssumeRoleOptions) {
				if externalID != "" {
					o.ExternalID = aws.String(externalID)
				}
			}))
		return cfg
	}
	id := must[*sts.GetCallerIdentityOutput](t)(sts.NewFromConfig(assumed("222222222222", "secret-1")).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if aws.ToString(id.Account) != "222222222222" ||
		!strings.HasPrefix(aws.ToString(id.Arn), "arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/") {
		t.Fatalf("caller identity %s %s", aws.ToString(id.Account), aws.ToString(id.Arn))
	}
	vpcs := must[*ec2.DescribeVpcsOutput](t)(ec2.NewFromConfig(assumed("222222222222", "secret-1")).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{}))
	if len(vpcs.Vpcs) != 1 || aws.ToString(vpcs.Vpcs[0].OwnerId) != "222222222222" {
		t.Fatalf("VPCs seen with assumed credentials: %+v", vpcs.Vpcs)
	}
	for _, tc := range []struct{ account, externalID string }{
		{"222222222222", ""}, {"222222222222", "wrong"}, {"333333333333", ""}, {"444444444444", ""}, {"999999999999", ""},
	} {
		_, err := sts.NewFromConfig(assumed(tc.account, tc.externalID)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		wantCode(t, err, "AccessDenied")
	}
	// Two sessions (one per credentials cache above) and five refusals.
	if st := s.Stats(); st.ByAction["sts:AssumeRole"] != 7 || st.ByError["AccessDenied"] != 5 {
		t.Fatalf("stats %+v", st)
	}
}
