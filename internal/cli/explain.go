package cli

import (
	"errors"
	"fmt"
	"strings"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/defaultsg/defaultsg/internal/exitcode"
)

// credentialsHint is what to do when no credentials were found.
const credentialsHint = "no AWS credentials found: set --profile or AWS_PROFILE (after 'aws sso login' for SSO profiles), " +
	"or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; to try defaultsg without AWS, run 'defaultsg demo'"

// explain turns the errors a new user commonly meets into what to do about
// them. A profile that does not exist is a usage error (exit 2).
func explain(err error) error {
	var noProfile config.SharedConfigProfileNotExistError
	var signing *v4.SigningError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &noProfile):
		return exitcode.Usagef(fmt.Errorf("profile %q is not in your AWS config or credentials file (see 'aws configure list-profiles'); nothing was read", noProfile.Profile))
	case errors.As(err, &signing) || noCredentials(err.Error()):
		return fmt.Errorf("%s\n(%w)", credentialsHint, err)
	}
	return err
}

// noCredentials recognises the SDK's "no credentials" failure. It has no
// error type: the identity resolver wraps the provider chain's error in
// "get identity: get credentials: …" (smithy auth), older clients in a
// SigningError.
func noCredentials(msg string) bool {
	return strings.Contains(msg, "get identity: get credentials: ") ||
		strings.Contains(msg, "failed to retrieve credentials") ||
		strings.Contains(msg, "no EC2 IMDS role found")
}
