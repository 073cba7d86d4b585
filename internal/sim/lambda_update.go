package sim

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// GetFunctionConfiguration and UpdateFunctionConfiguration: apply reads a
// function's VPC configuration and gives its $LATEST other groups. An
// update leaves LastUpdateStatus InProgress for settlingReads reads, during
// which Lambda refuses another update (ResourceConflictException), then
// Successful. The function's interfaces move with it, as Lambda moves them.

var (
	lambdaInvalid    = badRequest("InvalidParameterValueException")
	lambdaValidation = badRequest("ValidationException")
)

func lambdaNotFound(arn string) *apiError {
	return errf(http.StatusNotFound, "ResourceNotFoundException", "Function not found: %s", arn)
}

// lambdaRef is a FunctionName as Lambda accepts it: a name, a full ARN or
// a partial ARN ("account:function:name"), each optionally qualified
// (":1", ":$LATEST").
type lambdaRef struct{ name, qualifier string }

func (c *call) parseLambdaRef(ref string) (lambdaRef, *apiError) {
	parts := strings.Split(ref, ":")
	account, region := c.Account, c.Region
	switch {
	case parts[0] == "arn" && (len(parts) == 7 || len(parts) == 8) && parts[2] == "lambda" && parts[5] == "function":
		region, account, parts = parts[3], parts[4], parts[6:]
	case len(parts) >= 3 && len(parts) <= 4 && parts[1] == "function":
		account, parts = parts[0], parts[2:]
	case len(parts) > 2:
		return lambdaRef{}, lambdaValidation("1 validation error detected: Value '" + ref +
			"' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
			"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")
	}
	r := lambdaRef{name: parts[0]}
	if len(parts) == 2 {
		r.qualifier = parts[1]
	}
	if r.name == "" || account != c.Account || region != c.Region {
		return lambdaRef{}, lambdaNotFound(ref)
	}
	return r, nil
}

func (c *call) lambdaARN(name string) string {
	return "arn:aws:lambda:" + c.Region + ":" + c.Account + ":function:" + name
}

// lambdaVersionOf finds a function version; qualifier "" is $LATEST.
func (c *call) lambdaVersionOf(r lambdaRef) (*lambdaVersion, *apiError) {
	q := r.qualifier
	if q == "" {
		q = "$LATEST"
	}
	fns := c.state.functions
	for i := range fns {
		if fns[i].Name == r.name && fns[i].Version == q {
			return &fns[i], nil
		}
	}
	arn := c.lambdaARN(r.name)
	if r.qualifier != "" {
		arn += ":" + r.qualifier
	}
	return nil, lambdaNotFound(arn)
}

// configurationJSON is a version's configuration as Get/Update return it:
// $LATEST under its unqualified ARN, with its state and last update status.
func (c *call) configurationJSON(f *lambdaVersion, status string) lambdaFunctionJSON {
	j := lambdaJSON(c.Account, f)
	j.FunctionArn = strings.TrimSuffix(f.ARN, ":$LATEST")
	j.State, j.LastUpdateStatus = "Active", status
	return j
}

func getFunctionConfiguration(c *call) (any, *apiError) {
	name, _ := lambdaConfigPath(strings.TrimSuffix(c.HTTP.URL.Path, "/"))
	r, e := c.parseLambdaRef(name)
	if e != nil {
		return nil, e
	}
	if q := c.HTTP.URL.Query().Get("Qualifier"); q != "" {
		if r.qualifier != "" && r.qualifier != q {
			return nil, lambdaInvalid("The derived qualifier from the function name does not match the specified qualifier.")
		}
		r.qualifier = q
	}
	f, e := c.lambdaVersionOf(r)
	if e != nil {
		return nil, e
	}
	status := "Successful"
	if f.Pending > 0 {
		status = "InProgress"
		f.Pending--
	}
	return c.configurationJSON(f, status), nil
}

type lambdaUpdateRequest struct {
	VpcConfig *struct {
		SubnetIDs        *[]string `json:"SubnetIds"`
		SecurityGroupIDs *[]string `json:"SecurityGroupIds"`
	} `json:"VpcConfig"`
}

func updateFunctionConfiguration(c *call) (any, *apiError) {
	var req lambdaUpdateRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	name, _ := lambdaConfigPath(strings.TrimSuffix(c.HTTP.URL.Path, "/"))
	r, e := c.parseLambdaRef(name)
	if e != nil {
		return nil, e
	}
	if r.qualifier != "" && r.qualifier != "$LATEST" {
		return nil, lambdaInvalid("Only the unpublished version ($LATEST) of a function can be updated; " + name + " names version " + r.qualifier + ".")
	}
	f, e := c.lambdaVersionOf(r)
	if e != nil {
		return nil, e
	}
	if f.Pending > 0 {
		return nil, errf(http.StatusConflict, "ResourceConflictException",
			"The operation cannot be performed at this time. An update is in progress for resource: %s", c.lambdaARN(f.Name))
	}
	if v := req.VpcConfig; v != nil {
		subnets, groups := f.Subnets, f.Groups
		if v.SubnetIDs != nil {
			subnets = dedupe(*v.SubnetIDs)
		}
		if v.SecurityGroupIDs != nil {
			groups = dedupe(*v.SecurityGroupIDs)
		}
		if e := c.setLambdaVPC(f, subnets, groups); e != nil {
			return nil, e
		}
	}
	f.LastModified, f.Pending = lambdaNow(), settlingReads
	return c.configurationJSON(f, "InProgress"), nil
}

// setLambdaVPC validates and applies a function's next subnets and groups:
// both empty take it out of its VPC (its interfaces go), otherwise both are
// needed, in one VPC.
func (c *call) setLambdaVPC(f *lambdaVersion, subnets, groups []string) *apiError {
	st := c.state
	switch {
	case len(subnets) > 16:
		return lambdaValidation(fmt.Sprintf("1 validation error detected: Value '%v' at 'vpcConfig.subnetIds' failed to satisfy constraint: Member must have length less than or equal to 16", subnets))
	case len(groups) > 5:
		return lambdaValidation(fmt.Sprintf("1 validation error detected: Value '%v' at 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have length less than or equal to 5", groups))
	case len(subnets) == 0 && len(groups) == 0:
		st.dropLambdaInterfaces(f)
		f.VpcID, f.Subnets, f.Groups = "", nil, nil
		return nil
	case len(groups) == 0:
		return lambdaInvalid("SecurityGroupIds must contain at least one security group when SubnetIds are specified.")
	case len(subnets) == 0:
		return lambdaInvalid("SubnetIds must contain at least one subnet when SecurityGroupIds are specified.")
	}
	vpcID, missing, stray := st.subnetsVPC(subnets)
	if missing != "" {
		return lambdaInvalid("Error occurred while DescribeSubnets. EC2 Error Code: InvalidSubnetID.NotFound. EC2 Error Message: The subnet ID '" + missing + "' does not exist")
	}
	if stray != "" {
		return lambdaInvalid("Subnets " + strings.Join(subnets, ", ") + " are not all in one VPC: " + stray + " is not in " + st.subnets[subnets[0]].VpcID + ".")
	}
	if bad := st.invalidGroup(vpcID, groups); bad != "" {
		g := st.groups[bad]
		if g == nil {
			return lambdaInvalid("Error occurred while DescribeSecurityGroups. EC2 Error Code: InvalidGroup.NotFound. EC2 Error Message: The security group '" + bad + "' does not exist")
		}
		return lambdaInvalid("Security group " + bad + " is in " + g.VpcID + ", not in " + vpcID + " of the subnets " + strings.Join(subnets, ", ") + ".")
	}
	st.place(st.lambdaInterfaces(f), subnets, groups)
	f.VpcID, f.Subnets, f.Groups = vpcID, slices.Clone(subnets), slices.Clone(groups)
	return nil
}

// lambdaInterfaces reports the interfaces of f's $LATEST: those Lambda
// created for the function ("AWS Lambda VPC ENI-<name>-<uuid>") in its VPC,
// except those with exactly the groups of one of its published versions,
// which that (immutable) version keeps using.
func (st *regionState) lambdaInterfaces(f *lambdaVersion) func(*NetworkInterface) bool {
	return func(n *NetworkInterface) bool {
		rest, ok := strings.CutPrefix(n.Description, "AWS Lambda VPC ENI-"+f.Name+"-")
		if !ok || !uuidTail.MatchString(rest) || f.VpcID == "" || n.VpcID != f.VpcID {
			return false
		}
		for _, v := range st.functions {
			if v.Name == f.Name && v.Version != "$LATEST" && v.Groups != nil && v.VpcID == n.VpcID && sameGroups(n, v.Groups) {
				return false
			}
		}
		return true
	}
}

// dropLambdaInterfaces deletes the interfaces of a function leaving its
// VPC, as Lambda deletes them once no version uses them.
func (st *regionState) dropLambdaInterfaces(f *lambdaVersion) {
	owned := st.lambdaInterfaces(f)
	for _, id := range sortedKeys(st.enis) {
		if owned(st.enis[id]) {
			delete(st.enis, id)
		}
	}
}

// dedupe drops repeated ids, keeping the first of each.
func dedupe(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// lastModified is Lambda's LastModified format.
const lastModified = "2006-01-02T15:04:05.000-0700"

func lambdaNow() string { return time.Now().UTC().Format(lastModified) }

// uuidTail matches the UUID that ends Lambda interface descriptions.
var uuidTail = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// listLambdaTags is ListTags (GET /2017-03-31/tags/{Resource}): a
// function's tags, by its ARN. "Lambda does not support adding tags to
// aliases or versions" (ListTags API reference), though the ARN pattern
// allows a qualifier; what AWS answers for a qualified ARN is unverified,
// and the simulator refuses it, so a caller must send the function's ARN.
func listLambdaTags(c *call) (any, *apiError) {
	arn, _ := strings.CutPrefix(strings.TrimSuffix(c.HTTP.URL.Path, "/"), "/2017-03-31/tags/")
	if !strings.HasPrefix(arn, "arn:") {
		return nil, lambdaValidation("1 validation error detected: Value '" + arn +
			"' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:[a-zA-Z0-9-_]+|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
	}
	r, e := c.parseLambdaRef(arn)
	if e != nil {
		return nil, e
	}
	if r.qualifier != "" {
		return nil, lambdaInvalid("Tags are not supported on function versions or aliases: " + arn)
	}
	f, e := c.lambdaVersionOf(r)
	if e != nil {
		return nil, e
	}
	return struct {
		Tags map[string]string `json:"Tags"`
	}{Tags: nonNilMap(f.Tags)}, nil
}
