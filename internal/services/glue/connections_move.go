package glue

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/glue/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// connectionMover moves a connection with UpdateConnection, which replaces
// the whole definition: the setter reads the connection with its password
// (HidePassword false) and sends every field back, unchanged but the
// groups. The change takes effect at the next job or crawler run; Glue
// keeps no interfaces between runs. A connection whose secret cannot be
// read back whole is refused before any change (errUnreadableSecret).
var connectionMover = svc.Mover{
	API:  "glue:UpdateConnection",
	ARNs: []string{"arn:aws:glue:*:*:catalog", "arn:aws:glue:*:*:connection/*"},
	IAM:  []string{"glue:GetConnection", "glue:UpdateConnection"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := readConnection(ctx, glue.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		if _, err := connectionInput(c, nil); err != nil {
			return nil, svc.OpErr("glue:UpdateConnection", err)
		}
		return svc.One(r.ID, c.PhysicalConnectionRequirements.SecurityGroupIdList, group), nil
	},
	Move:    svc.SwapWith(setConnection),
	Restore: svc.RestoreWith(setConnection),
}

// connectionAPI is what the mover calls; *glue.Client satisfies it.
type connectionAPI interface {
	GetConnection(context.Context, *glue.GetConnectionInput, ...func(*glue.Options)) (*glue.GetConnectionOutput, error)
	UpdateConnection(context.Context, *glue.UpdateConnectionInput, ...func(*glue.Options)) (*glue.UpdateConnectionOutput, error)
}

// errUnreadableSecret: sending the connection back without the secret
// would erase it.
var errUnreadableSecret = errors.New("the connection's secret cannot be read back whole (ENCRYPTED_PASSWORD returned encrypted, or OAuth2/custom authentication), " +
	"and UpdateConnection replaces the whole definition: change its security groups in the Glue console or with UpdateConnection and the secret")

func readConnection(ctx context.Context, api connectionAPI, name string) (*types.Connection, error) {
	out, err := api.GetConnection(ctx, &glue.GetConnectionInput{Name: aws.String(name), HidePassword: false})
	if err != nil {
		return nil, svc.OpErr("glue:GetConnection", err)
	}
	if out.Connection == nil || out.Connection.PhysicalConnectionRequirements == nil {
		return nil, svc.OpErr("glue:GetConnection", svc.ErrNotFound)
	}
	return out.Connection, nil
}

func setConnection(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	return updateConnectionGroups(ctx, glue.NewFromConfig(cfg), r.ID, groups)
}

// updateConnectionGroups reads the connection again just before the change,
// so that what is sent back is what Glue has now, not what was journaled.
func updateConnectionGroups(ctx context.Context, api connectionAPI, name string, groups []string) error {
	c, err := readConnection(ctx, api, name)
	if err != nil {
		return err
	}
	in, err := connectionInput(c, groups)
	if err != nil {
		return svc.OpErr("glue:UpdateConnection", err)
	}
	_, err = api.UpdateConnection(ctx, &glue.UpdateConnectionInput{Name: aws.String(name), ConnectionInput: in})
	return svc.OpErr("glue:UpdateConnection", err)
}

// connectionInput is c as an UpdateConnection input with groups in place of
// its group list (nil: unchanged).
func connectionInput(c *types.Connection, groups []string) (*types.ConnectionInput, error) {
	_, hasEncrypted := c.ConnectionProperties["ENCRYPTED_PASSWORD"]
	_, hasPassword := c.ConnectionProperties["PASSWORD"]
	if hasEncrypted && !hasPassword {
		return nil, errUnreadableSecret
	}
	req := *c.PhysicalConnectionRequirements
	if groups != nil {
		req.SecurityGroupIdList = groups
	}
	in := &types.ConnectionInput{Name: c.Name, ConnectionType: c.ConnectionType, Description: c.Description,
		ConnectionProperties: c.ConnectionProperties, MatchCriteria: c.MatchCriteria,
		AthenaProperties: c.AthenaProperties, PythonProperties: c.PythonProperties, SparkProperties: c.SparkProperties,
		PhysicalConnectionRequirements: &req}
	if a := c.AuthenticationConfiguration; a != nil {
		if a.OAuth2Properties != nil || a.AuthenticationType == types.AuthenticationTypeCustom {
			return nil, errUnreadableSecret
		}
		in.AuthenticationConfiguration = &types.AuthenticationConfigurationInput{AuthenticationType: a.AuthenticationType,
			SecretArn: a.SecretArn, KmsKeyArn: a.KmsKeyArn}
	}
	return in, nil
}
