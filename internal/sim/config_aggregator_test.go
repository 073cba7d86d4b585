package sim

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/smithy-go"
)

func TestAggregatorAnswersFromTheDirectState(t *testing.T) {
	sc, err := ParseScenario([]byte(`
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        config_aggregators: [org]
        network_interfaces: [{description: a}, {description: b}, {description: c, attachment: {instance_id: i-1}}]
  - id: "222222222222"
    resources:
      us-east-1:
        config_recorder: {recording: false}
        network_interfaces: [{description: d}]
      eu-west-1:
        config_recorder: {resource_types: ["AWS::EC2::Instance"]}
        network_interfaces: [{description: e}]
regions: [us-east-1, eu-west-1]
`))
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, sc)
	api := configservice.NewFromConfig(sdkConfig(s, "111111111111", "us-east-1"))
	ctx := context.Background()
	query := func(expr string, limit int32) []string {
		t.Helper()
		p := configservice.NewSelectAggregateResourceConfigPaginator(api, &configservice.SelectAggregateResourceConfigInput{
			ConfigurationAggregatorName: aws.String("org"), Expression: aws.String(expr), Limit: limit})
		var rows []string
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("%s: %v", expr, err)
			}
			rows = append(rows, page.Results...)
		}
		return rows
	}
	// Only recorded interfaces: 111's three and nothing of 222 (off in
	// us-east-1, not recording interfaces in eu-west-1); pages of one.
	rows := query("SELECT accountId, resourceId, configuration.groups.groupName, configuration.attachment.instanceId WHERE resourceType = 'AWS::EC2::NetworkInterface'", 1)
	if len(rows) != 3 {
		t.Fatalf("rows %v", rows)
	}
	var row struct {
		AccountID     string `json:"accountId"`
		Configuration struct {
			Groups []struct {
				GroupName string `json:"groupName"`
			} `json:"groups"`
		} `json:"configuration"`
	}
	if err := json.Unmarshal([]byte(rows[0]), &row); err != nil || row.AccountID != "111111111111" || len(row.Configuration.Groups) != 1 ||
		row.Configuration.Groups[0].GroupName != "default" || strings.Contains(rows[0], "vpcId") {
		t.Fatalf("row %s: %+v %v", rows[0], row, err)
	}
	attached := query("SELECT resourceId WHERE resourceType = 'AWS::EC2::NetworkInterface' AND configuration.attachment.instanceId = 'i-1'", 0)
	if len(attached) != 1 {
		t.Fatalf("attached %v", attached)
	}
	counts := query("SELECT accountId, resourceType, COUNT(*) GROUP BY accountId, resourceType ORDER BY accountId", 0)
	if len(counts) != 1 || !strings.Contains(counts[0], `"COUNT(*)":3`) {
		t.Fatalf("counts %v", counts)
	}
	// The recorder, per account-region.
	off := configservice.NewFromConfig(sdkConfig(s, "222222222222", "us-east-1"))
	rs, err := off.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	if err != nil || len(rs.ConfigurationRecordersStatus) != 1 || rs.ConfigurationRecordersStatus[0].Recording {
		t.Fatalf("recorder status %+v %v", rs, err)
	}
	some := configservice.NewFromConfig(sdkConfig(s, "222222222222", "eu-west-1"))
	rec, err := some.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil || len(rec.ConfigurationRecorders) != 1 || rec.ConfigurationRecorders[0].RecordingGroup.AllSupported ||
		len(rec.ConfigurationRecorders[0].RecordingGroup.ResourceTypes) != 1 {
		t.Fatalf("recorders %+v %v", rec, err)
	}
	st, err := api.DescribeConfigurationAggregatorSourcesStatus(ctx, &configservice.DescribeConfigurationAggregatorSourcesStatusInput{
		ConfigurationAggregatorName: aws.String("org"), UpdateStatus: []types.AggregatedSourceStatusType{"FAILED"}})
	if err != nil || len(st.AggregatedSourceStatusList) != 1 || aws.ToString(st.AggregatedSourceStatusList[0].SourceId) != "222222222222" ||
		aws.ToString(st.AggregatedSourceStatusList[0].AwsRegion) != "us-east-1" {
		t.Fatalf("failed sources %+v %v", st, err)
	}
	for expr, code := range map[string]string{
		"SELECT * WHERE resourceType = 'AWS::EC2::NetworkInterface'": "InvalidExpressionException",
		"SELECT resourceId FROM x":                                   "InvalidExpressionException",
	} {
		_, err := api.SelectAggregateResourceConfig(ctx, &configservice.SelectAggregateResourceConfigInput{
			ConfigurationAggregatorName: aws.String("org"), Expression: aws.String(expr)})
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != code {
			t.Errorf("%s: %v, want %s", expr, err, code)
		}
	}
	// The aggregator exists where it is defined only.
	other := configservice.NewFromConfig(sdkConfig(s, "222222222222", "us-east-1"))
	_, err = other.SelectAggregateResourceConfig(ctx, &configservice.SelectAggregateResourceConfigInput{
		ConfigurationAggregatorName: aws.String("org"), Expression: aws.String("SELECT resourceId")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "NoSuchConfigurationAggregatorException" {
		t.Fatalf("other account: %v", err)
	}
}

// TestRecordedTypesAreConfigTypes: every type the simulator records is one
// AWS Config records (the ResourceType enum of botocore's config model), so
// that the simulator never serves a type a real aggregator would not hold.
func TestRecordedTypesAreConfigTypes(t *testing.T) {
	m := loadModel(t, botocoreData(t), "config", "")
	enum := m.Shapes["ResourceType"].Enum
	for _, typ := range append([]string{cfgTypeENI}, identityTypes...) {
		if !slices.Contains(enum, typ) {
			t.Errorf("%s is not in Config's ResourceType enum", typ)
		}
	}
}
