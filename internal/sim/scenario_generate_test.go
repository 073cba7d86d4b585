package sim

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
)

func TestGeneratedOrganization(t *testing.T) {
	s := startScenario(t, `
accounts: []
regions: [us-east-1, eu-west-1]
generate: {accounts: 30, interfaces_per_region: 2, rules_per_default_group: 3, suspended: 2, unassumable: 3, ous: 4, seed: 9}
`)
	sc := s.sc
	if n := len(sc.AccountSpecs); n != 30 || sc.AccountSpecs[0].ID != "900000000001" {
		t.Fatalf("%d accounts, first %s", n, sc.AccountSpecs[0].ID)
	}
	locked := 0
	for _, a := range sc.AccountSpecs {
		if !sc.assumable(a) {
			locked++
		}
	}
	if locked != 5 || len(sc.Organization.Suspended) != 2 || len(sc.Organization.OUs) != 4 || !sc.assumable(sc.AccountSpecs[0]) {
		t.Fatalf("%d unassumable, suspended %v, %d OUs", locked, sc.Organization.Suspended, len(sc.Organization.OUs))
	}
	ctx := ctxT(t)
	org := organizations.NewFromConfig(sdkConfig(s, "900000000001", "us-east-1"))
	suspended := 0
	p := organizations.NewListAccountsPaginator(org, &organizations.ListAccountsInput{})
	for p.HasMorePages() {
		for _, a := range must[*organizations.ListAccountsOutput](t)(p.NextPage(ctx)).Accounts {
			if a.State == "SUSPENDED" {
				suspended++
			}
		}
	}
	if suspended != 2 {
		t.Fatalf("%d suspended accounts listed, want 2", suspended)
	}
	// Every account-region has its own state with the generated layout.
	last := sc.AccountSpecs[29].ID
	groups := must[*ec2.DescribeSecurityGroupsOutput](t)(ec2For(s, last, "eu-west-1").DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{}))
	enis := must[*ec2.DescribeNetworkInterfacesOutput](t)(ec2For(s, last, "eu-west-1").DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{}))
	g := groups.SecurityGroups[0]
	if len(groups.SecurityGroups) != 1 || aws.ToString(g.OwnerId) != last || len(g.IpPermissions) != 2 || len(g.IpPermissionsEgress) != 1 || len(enis.NetworkInterfaces) != 2 {
		t.Fatalf("groups %+v, %d interfaces", groups.SecurityGroups, len(enis.NetworkInterfaces))
	}
}

func TestGenerateRejectsImpossibleNumbers(t *testing.T) {
	_, err := ParseScenario([]byte("accounts: []\nregions: [us-east-1]\ngenerate: {accounts: 3, suspended: 3}\n"))
	if err == nil {
		t.Fatal("suspending every account was accepted")
	}
}
