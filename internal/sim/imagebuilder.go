package sim

import (
	"net/http"
	"strings"
)

// EC2 Image Builder (REST-JSON, signing name imagebuilder):
// ListInfrastructureConfigurations (POST) and
// GetInfrastructureConfiguration (GET, ARN in the query string);
// UpdateInfrastructureConfiguration (PUT) in imagebuilder_update.go.

var imageBuilderOps = map[string]op{
	"ListInfrastructureConfigurations":  regionLocked(listInfrastructureConfigurations),
	"GetInfrastructureConfiguration":    regionLocked(getInfrastructureConfiguration),
	"UpdateInfrastructureConfiguration": regionLocked(updateInfrastructureConfiguration),
}

var imageBuilderInvalid = badRequest("InvalidRequestException")

func imageBuilderRoute(r *http.Request) string {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/ListInfrastructureConfigurations":
		return "ListInfrastructureConfigurations"
	case r.Method == http.MethodGet && r.URL.Path == "/GetInfrastructureConfiguration":
		return "GetInfrastructureConfiguration"
	case r.Method == http.MethodPut && r.URL.Path == "/UpdateInfrastructureConfiguration":
		return "UpdateInfrastructureConfiguration"
	}
	return ""
}

func listInfrastructureConfigurations(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"maxResults"`
		NextToken  string `json:"nextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 25, limit: 25, invalid: badRequest("InvalidPaginationTokenException"),
		action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.infraConfigs)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, ic := range page {
		out = append(out, map[string]any{"arn": ic.ARN, "name": ic.Name, "instanceProfileName": ic.Profile,
			"dateCreated": "2026-01-01T00:00:00.000Z", "tags": nonNilMap(ic.Tags)})
	}
	return withNext(map[string]any{"requestId": c.RequestID, "infrastructureConfigurationSummaryList": out}, "nextToken", next), nil
}

func getInfrastructureConfiguration(c *call) (any, *apiError) {
	arn := c.HTTP.URL.Query().Get("infrastructureConfigurationArn")
	if !strings.HasPrefix(arn, "arn:aws:imagebuilder:") {
		return nil, imageBuilderInvalid("infrastructureConfigurationArn is not a valid ARN")
	}
	for _, ic := range c.state.infraConfigs {
		if ic.ARN != arn {
			continue
		}
		conf := map[string]any{"arn": ic.ARN, "name": ic.Name, "instanceProfileName": ic.Profile,
			"dateCreated": "2026-01-01T00:00:00.000Z", "tags": nonNilMap(ic.Tags)}
		if ic.Terminate != nil {
			conf["terminateInstanceOnFailure"] = *ic.Terminate
		}
		if ic.Description != "" {
			conf["description"] = ic.Description
		}
		if len(ic.InstanceTypes) > 0 {
			conf["instanceTypes"] = ic.InstanceTypes
		}
		if len(ic.Groups) > 0 {
			conf["securityGroupIds"] = ic.Groups
		}
		if ic.Subnet != "" {
			conf["subnetId"] = ic.Subnet
		}
		return map[string]any{"requestId": c.RequestID, "infrastructureConfiguration": conf}, nil
	}
	// A missing ARN is a client error: the operation declares no not-found code.
	return nil, imageBuilderInvalid("The value supplied for parameter 'infrastructureConfigurationArn' is not valid: " + arn + " does not exist.")
}

// imageBuilderSpecs are Image Builder's part of a region's scenario.
type imageBuilderSpecs struct {
	InfrastructureConfigurations []InfrastructureConfigurationSpec `yaml:"imagebuilder_infrastructure_configurations"`
}

// imageBuilderState is Image Builder's part of a regionState;
// UpdateInfrastructureConfiguration changes it.
type imageBuilderState struct {
	infraConfigs []infraConfig
}

type infraConfig struct {
	Name, ARN, Subnet    string
	Groups               []string
	Tags                 map[string]string
	Profile, Description string
	InstanceTypes        []string
	Terminate            *bool // terminateInstanceOnFailure; nil: not set
}

// InfrastructureConfigurationSpec is an infrastructure configuration:
// securityGroupIds are the groups (omitted: none, so build instances get
// the subnet's VPC default group), subnetId the VPC's first subnet unless
// no_subnet (then AWS builds in the default VPC).
type InfrastructureConfigurationSpec struct {
	Name      string            `yaml:"name"`
	NoSubnet  bool              `yaml:"no_subnet"`
	Tags      map[string]string `yaml:"tags"`
	Placement `yaml:",inline"`
}

func (b *builder) addImageBuilder() error {
	seen := map[string]bool{}
	for i, s := range b.res.InfrastructureConfigurations {
		at := path{"imagebuilder_infrastructure_configurations", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		vpcID, groups, err := b.placed(s.Placement, false, at)
		if err != nil {
			return err
		}
		terminate := true
		ic := infraConfig{Name: s.Name, Groups: groups, Tags: s.Tags, Profile: "ImageBuilder", Description: "builds " + s.Name,
			InstanceTypes: []string{"m5.large"}, Terminate: &terminate,
			ARN: b.arn("imagebuilder", "infrastructure-configuration/"+strings.ToLower(s.Name))}
		if !s.NoSubnet {
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			ic.Subnet = sn.ID
		}
		b.st.infraConfigs = append(b.st.infraConfigs, ic)
	}
	return nil
}
