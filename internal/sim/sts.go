package sim

// stsOps is the STS API. AssumeRole (sts_assume.go) issues credentials whose
// access key id selects the role's account in later calls.
var stsOps = map[string]op{
	"GetCallerIdentity": getCallerIdentity,
	"AssumeRole":        assumeRole,
}

func getCallerIdentity(c *call) (any, *apiError) {
	arn, userID := "arn:aws:iam::"+c.Account+":user/sim", "AIDASIMX"+c.Account
	if s, ok := c.srv.sessions.get(credentialScope(c.HTTP).accessKey); ok {
		arn, userID = assumedRoleARN(s.account, s.role, s.name), roleID(s.account, s.role)+":"+s.name
	}
	return struct {
		Arn     string `xml:"Arn"`
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
	}{Arn: arn, UserID: userID, Account: c.Account}, nil
}
