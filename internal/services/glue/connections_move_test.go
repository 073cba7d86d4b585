package glue

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/glue/types"
)

type fakeConnections struct {
	conn    types.Connection
	hidden  []bool
	updates []*glue.UpdateConnectionInput
}

func (f *fakeConnections) GetConnection(_ context.Context, in *glue.GetConnectionInput, _ ...func(*glue.Options)) (*glue.GetConnectionOutput, error) {
	f.hidden = append(f.hidden, in.HidePassword)
	c := f.conn
	return &glue.GetConnectionOutput{Connection: &c}, nil
}

func (f *fakeConnections) UpdateConnection(_ context.Context, in *glue.UpdateConnectionInput, _ ...func(*glue.Options)) (*glue.UpdateConnectionOutput, error) {
	f.updates = append(f.updates, in)
	return &glue.UpdateConnectionOutput{}, nil
}

func jdbcConnection() types.Connection {
	return types.Connection{Name: aws.String("jdbc"), ConnectionType: types.ConnectionTypeJdbc, Description: aws.String("orders db"),
		ConnectionProperties: map[string]string{"JDBC_CONNECTION_URL": "jdbc:postgresql://db:5432/x", "USERNAME": "app", "PASSWORD": "s3cret"},
		MatchCriteria:        []string{"orders"}, AthenaProperties: map[string]string{"a": "1"},
		PythonProperties: map[string]string{"p": "2"}, SparkProperties: map[string]string{"s": "3"},
		AuthenticationConfiguration: &types.AuthenticationConfiguration{AuthenticationType: types.AuthenticationTypeBasic,
			SecretArn: aws.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:db"), KmsKeyArn: aws.String("arn:aws:kms:eu-west-1:111111111111:key/k")},
		PhysicalConnectionRequirements: &types.PhysicalConnectionRequirements{SubnetId: aws.String("subnet-1"),
			AvailabilityZone: aws.String("eu-west-1a"), SecurityGroupIdList: []string{"sg-web", "sg-def"}}}
}

// UpdateConnection replaces the whole definition: everything read (the
// password too, so it is read unhidden) goes back, only the groups change.
func TestUpdateConnectionSendsTheWholeConnectionBack(t *testing.T) {
	f := &fakeConnections{conn: jdbcConnection()}
	if err := updateConnectionGroups(context.Background(), f, "jdbc", []string{"sg-web", "sg-new"}); err != nil {
		t.Fatal(err)
	}
	if len(f.updates) != 1 || !reflect.DeepEqual(f.hidden, []bool{false}) {
		t.Fatalf("updates %d, HidePassword %v", len(f.updates), f.hidden)
	}
	in := f.updates[0].ConnectionInput
	c := jdbcConnection()
	want := &types.ConnectionInput{Name: c.Name, ConnectionType: c.ConnectionType, Description: c.Description,
		ConnectionProperties: c.ConnectionProperties, MatchCriteria: c.MatchCriteria, AthenaProperties: c.AthenaProperties,
		PythonProperties: c.PythonProperties, SparkProperties: c.SparkProperties,
		AuthenticationConfiguration: &types.AuthenticationConfigurationInput{AuthenticationType: types.AuthenticationTypeBasic,
			SecretArn: c.AuthenticationConfiguration.SecretArn, KmsKeyArn: c.AuthenticationConfiguration.KmsKeyArn},
		PhysicalConnectionRequirements: &types.PhysicalConnectionRequirements{SubnetId: aws.String("subnet-1"),
			AvailabilityZone: aws.String("eu-west-1a"), SecurityGroupIdList: []string{"sg-web", "sg-new"}}}
	if aws.ToString(f.updates[0].Name) != "jdbc" || !reflect.DeepEqual(in, want) {
		t.Fatalf("sent %+v\nwant %+v", in, want)
	}
	if !reflect.DeepEqual(f.conn.PhysicalConnectionRequirements.SecurityGroupIdList, []string{"sg-web", "sg-def"}) {
		t.Fatal("the read connection was changed in place")
	}
}

// A field the SDK adds to ConnectionInput must be copied or knowingly left
// out; this fails when a new one appears, before a move drops it.
func TestConnectionInputFieldsAreAllAccountedFor(t *testing.T) {
	in, err := connectionInput(func() *types.Connection { c := jdbcConnection(); return &c }(), nil)
	if err != nil {
		t.Fatal(err)
	}
	notRead := map[string]bool{"ValidateCredentials": true, "ValidateForComputeEnvironments": true}
	v := reflect.ValueOf(*in)
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.IsExported() && !notRead[f.Name] && v.Field(i).IsZero() {
			t.Errorf("ConnectionInput.%s is not copied from the connection", f.Name)
		}
	}
}

func TestConnectionWithASecretThatCannotBeReadBackIsNotChanged(t *testing.T) {
	for name, edit := range map[string]func(*types.Connection){
		"encrypted password": func(c *types.Connection) {
			c.ConnectionProperties = map[string]string{"USERNAME": "app", "ENCRYPTED_PASSWORD": "AQIC..."}
		},
		"oauth2": func(c *types.Connection) {
			c.AuthenticationConfiguration = &types.AuthenticationConfiguration{AuthenticationType: types.AuthenticationTypeOauth2,
				OAuth2Properties: &types.OAuth2Properties{OAuth2GrantType: types.OAuth2GrantTypeClientCredentials}}
		},
		"custom": func(c *types.Connection) {
			c.AuthenticationConfiguration = &types.AuthenticationConfiguration{AuthenticationType: types.AuthenticationTypeCustom}
		},
	} {
		f := &fakeConnections{conn: jdbcConnection()}
		edit(&f.conn)
		err := updateConnectionGroups(context.Background(), f, "jdbc", []string{"sg-new"})
		if !errors.Is(err, errUnreadableSecret) || len(f.updates) != 0 {
			t.Errorf("%s: err %v, %d updates", name, err, len(f.updates))
		}
	}
}
