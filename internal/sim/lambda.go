package sim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Lambda is REST-JSON: the action comes from method and path. The usage
// finder lists functions; apply reads and updates one function's
// configuration (lambda_update.go). Updates change functions, so every op
// runs under the region lock.
var lambdaOps = map[string]op{
	"ListFunctions":               regionLocked(listFunctions),
	"GetFunctionConfiguration":    regionLocked(getFunctionConfiguration),
	"UpdateFunctionConfiguration": regionLocked(updateFunctionConfiguration),
	"ListTags":                    regionLocked(listLambdaTags),
	"ListEventSourceMappings":     regionLocked(listEventSourceMappings),
	"GetEventSourceMapping":       regionLocked(getEventSourceMapping),
	"UpdateEventSourceMapping":    regionLocked(updateEventSourceMapping),
}

// lambdaREST is restJSON with Lambda's own throttling error (429).
var lambdaREST = &protocol{
	name: "rest-json", parse: restJSON.parse, writeResult: restJSON.writeResult, writeError: restJSON.writeError,
	errors: func() faultErrors {
		e := jsonErrors
		e.throttle = apiError{Status: http.StatusTooManyRequests, Code: "TooManyRequestsException", Message: "Rate exceeded"}
		return e
	}(),
}

// lambdaRoute names the action of a Lambda request; unserved paths get a
// name no op has, so they fail as an unknown operation.
func lambdaRoute(r *http.Request) string {
	p := strings.TrimSuffix(r.URL.Path, "/")
	if r.Method == http.MethodGet && p == "/2015-03-31/functions" {
		return "ListFunctions"
	}
	if _, ok := strings.CutPrefix(p, "/2017-03-31/tags/"); ok && r.Method == http.MethodGet {
		return "ListTags"
	}
	if r.Method == http.MethodGet && p == "/2015-03-31/event-source-mappings" {
		return "ListEventSourceMappings"
	}
	if uuid, ok := strings.CutPrefix(p, "/2015-03-31/event-source-mappings/"); ok && uuid != "" && !strings.Contains(uuid, "/") {
		switch r.Method {
		case http.MethodGet:
			return "GetEventSourceMapping"
		case http.MethodPut:
			return "UpdateEventSourceMapping"
		}
	}
	if _, ok := lambdaConfigPath(p); ok {
		switch r.Method {
		case http.MethodGet:
			return "GetFunctionConfiguration"
		case http.MethodPut:
			return "UpdateFunctionConfiguration"
		}
	}
	return r.Method + " " + r.URL.Path
}

// lambdaConfigPath returns the FunctionName of a
// /2015-03-31/functions/{FunctionName}/configuration path (decoded: an ARN
// arrives with its colons escaped).
func lambdaConfigPath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/2015-03-31/functions/")
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, "/configuration")
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", false
	}
	return name, true
}

type lambdaVpcConfig struct {
	SubnetIDs        []string `json:"SubnetIds"`
	SecurityGroupIDs []string `json:"SecurityGroupIds"`
	VpcID            string   `json:"VpcId"`
}

type lambdaFunctionJSON struct {
	FunctionName string           `json:"FunctionName"`
	FunctionArn  string           `json:"FunctionArn"`
	Runtime      string           `json:"Runtime"`
	Role         string           `json:"Role"`
	Handler      string           `json:"Handler"`
	Version      string           `json:"Version"`
	LastModified string           `json:"LastModified"`
	PackageType  string           `json:"PackageType"`
	VpcConfig    *lambdaVpcConfig `json:"VpcConfig,omitempty"`
	// Get/UpdateFunctionConfiguration only, as ListFunctions omits them.
	State            string `json:"State,omitempty"`
	LastUpdateStatus string `json:"LastUpdateStatus,omitempty"`
}

// lambdaJSON is the configuration of one function version.
func lambdaJSON(account string, f *lambdaVersion) lambdaFunctionJSON {
	j := lambdaFunctionJSON{FunctionName: f.Name, FunctionArn: f.ARN, Runtime: "python3.12",
		Role: "arn:aws:iam::" + account + ":role/" + f.Name, Handler: "index.handler", Version: f.Version,
		LastModified: "2024-01-01T00:00:00.000+0000", PackageType: "Zip"}
	if f.LastModified != "" {
		j.LastModified = f.LastModified
	}
	if f.Groups != nil {
		j.VpcConfig = &lambdaVpcConfig{SubnetIDs: nonNil(f.Subnets), SecurityGroupIDs: nonNil(f.Groups), VpcID: f.VpcID}
	}
	return j
}

func listFunctions(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	invalid := badRequest("InvalidParameterValueException")
	all := false
	switch v := q.Get("FunctionVersion"); v {
	case "":
	case "ALL":
		all = true
	default:
		return nil, invalid("1 validation error detected: Value '" + v + "' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]")
	}
	max := 0
	if v := q.Get("MaxItems"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, invalid("MaxItems " + v + " is not a positive integer")
		}
		max = min(n, 50) // Lambda returns at most 50 per page whatever is asked
	}
	var fns []lambdaVersion
	for _, f := range c.state.functions {
		if all || f.Version == "$LATEST" {
			fns = append(fns, f)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 50, limit: 50, invalid: invalid, action: c.Action, max: max, token: q.Get("Marker")}, fns)
	if e != nil {
		return nil, e
	}
	out := struct {
		Functions  []lambdaFunctionJSON `json:"Functions"`
		NextMarker string               `json:"NextMarker,omitempty"`
	}{Functions: []lambdaFunctionJSON{}, NextMarker: next}
	for i := range items {
		out.Functions = append(out.Functions, lambdaJSON(c.Account, &items[i]))
	}
	return out, nil
}

// lambdaSpecs are Lambda's part of a region's scenario.
type lambdaSpecs struct {
	LambdaFunctions []LambdaFunctionSpec `yaml:"lambda_functions"`
}

// lambdaState is Lambda's part of a regionState: every function's
// $LATEST, then its versions, in scenario order (also the paging order).
// An update replaces values, never removes an entry.
type lambdaState struct {
	functions []lambdaVersion
}

// LambdaFunctionSpec is a function and its published versions. Omitted
// groups: the function is not attached to a VPC.
type LambdaFunctionSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// Versions are published versions 1..n; a version's omitted groups are
	// the function's (its $LATEST) groups.
	Versions []Placement `yaml:"versions"`
	// Tags are the function's (Lambda tags functions, not versions).
	Tags map[string]string `yaml:"tags"`
}

type lambdaVersion struct {
	Name, ARN, Version, VpcID string
	Subnets, Groups           []string // nil Groups: no VPC configuration
	Tags                      map[string]string
	// LastModified is "" until an update; Pending counts the
	// GetFunctionConfiguration reads left that show the last update
	// InProgress (lambda_update.go).
	LastModified string
	Pending      int
}

func (b *builder) addLambda() error {
	seen := map[string]bool{}
	for i, f := range b.res.LambdaFunctions {
		at := path{"lambda_functions", i}
		if err := b.unique(seen, f.Name, at); err != nil {
			return err
		}
		arn := b.arn("lambda", "function:"+f.Name)
		vpcID, net, err := b.optionalNet(f.Placement, at)
		if err != nil {
			return err
		}
		latest := lambdaVersion{Name: f.Name, ARN: arn + ":$LATEST", Version: "$LATEST", VpcID: vpcID, Tags: f.Tags}
		if net != nil {
			latest.Subnets, latest.Groups = net.Subnets, net.Groups
		}
		b.st.functions = append(b.st.functions, latest)
		for j, vp := range f.Versions {
			v := latest
			v.Version = fmt.Sprint(j + 1)
			v.ARN = arn + ":" + v.Version
			if vp.Groups != nil {
				vpcID, net, err := b.optionalNet(vp, append(at, "versions", j))
				if err != nil {
					return err
				}
				v.VpcID, v.Subnets, v.Groups = vpcID, net.Subnets, net.Groups
			}
			b.st.functions = append(b.st.functions, v)
		}
	}
	return b.addEventSourceMappings()
}
