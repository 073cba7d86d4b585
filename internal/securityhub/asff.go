package securityhub

import (
	"fmt"
	"time"

	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// ASFF is one finding in the AWS Security Finding Format, as
// BatchImportFindings takes it (the members defaultsg fills).
type ASFF struct {
	SchemaVersion   string            `json:"SchemaVersion"`
	ID              string            `json:"Id"`
	ProductArn      string            `json:"ProductArn"`
	ProductName     string            `json:"ProductName"`
	CompanyName     string            `json:"CompanyName"`
	Region          string            `json:"Region"`
	GeneratorID     string            `json:"GeneratorId"`
	AwsAccountID    string            `json:"AwsAccountId"`
	Types           []string          `json:"Types"`
	FirstObservedAt string            `json:"FirstObservedAt"`
	LastObservedAt  string            `json:"LastObservedAt"`
	CreatedAt       string            `json:"CreatedAt"`
	UpdatedAt       string            `json:"UpdatedAt"`
	Severity        asffSeverity      `json:"Severity"`
	Title           string            `json:"Title"`
	Description     string            `json:"Description"`
	Remediation     asffRemediation   `json:"Remediation"`
	ProductFields   map[string]string `json:"ProductFields"`
	Resources       []asffResource    `json:"Resources"`
	Compliance      asffCompliance    `json:"Compliance"`
	Workflow        asffWorkflow      `json:"Workflow"`
	RecordState     string            `json:"RecordState"`
}

type asffSeverity struct {
	Label    string `json:"Label"`
	Original string `json:"Original"`
}

type asffRemediation struct {
	Recommendation struct {
		Text string `json:"Text"`
		URL  string `json:"Url"`
	} `json:"Recommendation"`
}

type asffResource struct {
	Type      string `json:"Type"`
	ID        string `json:"Id"`
	Partition string `json:"Partition"`
	Region    string `json:"Region"`
	Details   struct {
		Group asffGroup `json:"AwsEc2SecurityGroup"`
	} `json:"Details"`
}

type asffGroup struct {
	GroupName           string           `json:"GroupName"`
	GroupID             string           `json:"GroupId"`
	OwnerID             string           `json:"OwnerId"`
	VpcID               string           `json:"VpcId"`
	IPPermissions       []asffPermission `json:"IpPermissions,omitempty"`
	IPPermissionsEgress []asffPermission `json:"IpPermissionsEgress,omitempty"`
}

type asffPermission struct {
	IPProtocol       string          `json:"IpProtocol"`
	FromPort         *int32          `json:"FromPort,omitempty"`
	ToPort           *int32          `json:"ToPort,omitempty"`
	UserIDGroupPairs []asffGroupPair `json:"UserIdGroupPairs,omitempty"`
	IPRanges         []asffCidr      `json:"IpRanges,omitempty"`
	IPv6Ranges       []asffCidr6     `json:"Ipv6Ranges,omitempty"`
	PrefixListIDs    []asffPrefix    `json:"PrefixListIds,omitempty"`
}

type asffGroupPair struct {
	GroupID string `json:"GroupId"`
	UserID  string `json:"UserId,omitempty"`
	VpcID   string `json:"VpcId,omitempty"`
}

type asffCidr struct {
	CidrIP string `json:"CidrIp"`
}

type asffCidr6 struct {
	CidrIPv6 string `json:"CidrIpv6"`
}

type asffPrefix struct {
	PrefixListID string `json:"PrefixListId"`
}

type asffCompliance struct {
	Status              string   `json:"Status"`
	RelatedRequirements []string `json:"RelatedRequirements"`
}

type asffWorkflow struct {
	Status string `json:"Status"`
}

// ControlURL is AWS's documentation of control EC2.2.
const ControlURL = "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2"

// Generator is the GeneratorId of defaultsg's findings. It is none of
// ControlGenerators and the findings carry no SecurityControlId, so an
// imported audit is never read back as Security Hub's own EC2.2 verdict.
const Generator = "defaultsg/ec2.2-default-security-group-closed"

// ToASFF is one finding per default group: FAILED (severity HIGH, as
// Security Hub rates EC2.2) with its rules as evidence, or PASSED
// (INFORMATIONAL). The product is the account's own default product, as
// BatchImportFindings accepts from any account
// (arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default). Ids are
// stable, so a re-import updates the findings instead of adding new ones.
func ToASFF(groups []inventory.Group, version string, at time.Time) []ASFF {
	ts := at.UTC().Format("2006-01-02T15:04:05.000Z")
	out := make([]ASFF, 0, len(groups))
	for _, g := range groups {
		part := Partition(g.Region)
		arn := GroupARN(part, g.Region, g.Account, g.GroupID)
		f := ASFF{
			SchemaVersion:   "2018-10-08",
			ID:              "arn:" + part + ":securityhub:" + g.Region + ":" + g.Account + ":defaultsg/EC2.2/" + g.GroupID,
			ProductArn:      "arn:" + part + ":securityhub:" + g.Region + ":" + g.Account + ":product/" + g.Account + "/default",
			ProductName:     "defaultsg",
			CompanyName:     "defaultsg",
			Region:          g.Region,
			GeneratorID:     Generator,
			AwsAccountID:    g.Account,
			Types:           []string{"Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices"},
			FirstObservedAt: ts, LastObservedAt: ts, CreatedAt: ts, UpdatedAt: ts,
			Title:         "[EC2.2] VPC default security groups should not allow inbound or outbound traffic",
			ProductFields: map[string]string{"ProviderName": "defaultsg", "ProviderVersion": version, "ControlId": ControlID},
			RecordState:   "ACTIVE",
			Compliance: asffCompliance{RelatedRequirements: []string{
				"AWS Foundational Security Best Practices v1.0.0 EC2.2", "CIS AWS Foundations Benchmark v1.2.0 4.3"}},
		}
		in, eg := g.Inbound(), g.Outbound()
		if g.Compliant() {
			f.Compliance.Status, f.Severity, f.Workflow.Status = "PASSED", asffSeverity{Label: "INFORMATIONAL", Original: "INFORMATIONAL"}, "RESOLVED"
			f.Description = fmt.Sprintf("The default security group %s of %s has no inbound and no outbound rule.", g.GroupID, g.VpcID)
		} else {
			f.Compliance.Status, f.Severity, f.Workflow.Status = "FAILED", asffSeverity{Label: "HIGH", Original: "HIGH"}, "NEW"
			f.Description = fmt.Sprintf("The default security group %s of %s has %d inbound and %d outbound rules; anything launched without a group gets them.",
				g.GroupID, g.VpcID, len(in), len(eg))
		}
		f.Remediation.Recommendation.Text = "Move every user to its own group (defaultsg usage, plan, apply), then revoke all rules of the default group (defaultsg close)."
		f.Remediation.Recommendation.URL = ControlURL
		r := asffResource{Type: ResourceType, ID: arn, Partition: part, Region: g.Region}
		r.Details.Group = asffGroup{GroupName: g.GroupName, GroupID: g.GroupID, OwnerID: g.Account, VpcID: g.VpcID,
			IPPermissions: permissions(in), IPPermissionsEgress: permissions(eg)}
		f.Resources = []asffResource{r}
		out = append(out, f)
	}
	return out
}

// permissions are rules in ASFF's IpPermission form, one per rule (ASFF,
// like EC2, takes a permission per peer).
func permissions(rules []sgrule.Rule) []asffPermission {
	var out []asffPermission
	for _, r := range rules {
		p := asffPermission{IPProtocol: r.Protocol}
		if r.Protocol != "-1" {
			from, to := r.FromPort, r.ToPort
			p.FromPort, p.ToPort = &from, &to
		}
		switch {
		case r.CidrIPv4 != "":
			p.IPRanges = []asffCidr{{CidrIP: r.CidrIPv4}}
		case r.CidrIPv6 != "":
			p.IPv6Ranges = []asffCidr6{{CidrIPv6: r.CidrIPv6}}
		case r.PrefixList != "":
			p.PrefixListIDs = []asffPrefix{{PrefixListID: r.PrefixList}}
		case r.Group != nil:
			p.UserIDGroupPairs = []asffGroupPair{{GroupID: r.Group.GroupID, UserID: r.Group.UserID, VpcID: r.Group.VpcID}}
		}
		out = append(out, p)
	}
	return out
}
