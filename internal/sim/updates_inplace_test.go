package sim

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"
)

// The update calls of issue 15's in-place movers: each changes the
// resource (and its interfaces, where it has some) or answers AWS's
// validation error.

const inPlaceScenario = `
regions: [us-east-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, cidr: 10.2.1.0/24, az: b}]
        security_groups:
          - {name: web, id: sg-0eb}
          - {name: far, id: sg-0fa, vpc: other}
        glue_connections: [{name: jdbc, groups: [default, web]}]
`

// UpdateConnection replaces the whole definition: what the request leaves
// out (here the password) is gone.
func TestUpdateGlueConnection(t *testing.T) {
	s := startScenario(t, inPlaceScenario)
	api, cx := glue.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	c := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})).Connection
	if c.ConnectionProperties["PASSWORD"] == "" {
		t.Fatalf("GetConnection without HidePassword has no password: %v", c.ConnectionProperties)
	}
	if h := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc"), HidePassword: true})); h.Connection.ConnectionProperties["PASSWORD"] != "" {
		t.Fatal("HidePassword returned the password")
	}
	req := *c.PhysicalConnectionRequirements
	update := func(groups []string, props map[string]string) error {
		req.SecurityGroupIdList = groups
		_, err := api.UpdateConnection(cx, &glue.UpdateConnectionInput{Name: aws.String("jdbc"), ConnectionInput: &gluetypes.ConnectionInput{
			Name: c.Name, ConnectionType: c.ConnectionType, Description: c.Description, ConnectionProperties: props, PhysicalConnectionRequirements: &req}})
		return err
	}
	must[any](t)(nil, update([]string{"sg-0eb"}, c.ConnectionProperties))
	got := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})).Connection
	if !reflect.DeepEqual(got.PhysicalConnectionRequirements.SecurityGroupIdList, []string{"sg-0eb"}) ||
		!reflect.DeepEqual(got.ConnectionProperties, c.ConnectionProperties) || aws.ToString(got.Description) != aws.ToString(c.Description) {
		t.Fatalf("after UpdateConnection: %+v %v", got.PhysicalConnectionRequirements, got.ConnectionProperties)
	}
	wantCode(t, update([]string{"sg-0fa"}, c.ConnectionProperties), "InvalidInputException")
	wantCode(t, update([]string{"sg-0nope"}, c.ConnectionProperties), "InvalidInputException")
	must[any](t)(nil, update([]string{"sg-0eb"}, map[string]string{"JDBC_CONNECTION_URL": c.ConnectionProperties["JDBC_CONNECTION_URL"]}))
	if got := must[*glue.GetConnectionOutput](t)(api.GetConnection(cx, &glue.GetConnectionInput{Name: aws.String("jdbc")})).Connection; got.ConnectionProperties["PASSWORD"] != "" {
		t.Fatal("a property left out of UpdateConnection was kept")
	}
	_, err := api.UpdateConnection(cx, &glue.UpdateConnectionInput{Name: aws.String("nope"), ConnectionInput: &gluetypes.ConnectionInput{
		Name: aws.String("nope"), ConnectionType: c.ConnectionType, ConnectionProperties: c.ConnectionProperties}})
	wantCode(t, err, "EntityNotFoundException")
}
