package sim

// stsOps is the STS API. AssumeRole belongs here when multi-account
// scenarios need it: it will map the role ARN's account to an access key
// of that account and return it as the session credentials.
var stsOps = map[string]op{
	"GetCallerIdentity": getCallerIdentity,
}

func getCallerIdentity(c *call) (any, *apiError) {
	return struct {
		Arn     string `xml:"Arn"`
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
	}{
		Arn:     "arn:aws:iam::" + c.Account + ":user/sim",
		UserID:  "AIDASIMX" + c.Account,
		Account: c.Account,
	}, nil
}
