package sim

import (
	"net/http"
	"strings"
)

// OpenSearch Service (REST-JSON, signing name es, API 2021-01-01):
// ListDomainNames and DescribeDomains, at most five domains per call.

var openSearchOps = map[string]op{
	"ListDomainNames": regionLocked(listOpenSearchDomainNames),
	"DescribeDomains": regionLocked(describeOpenSearchDomains),
	// opensearch_update.go
	"UpdateDomainConfig": regionLocked(updateOpenSearchDomainConfig),
}

var openSearchInvalid = badRequest("ValidationException")

func openSearchRoute(r *http.Request) string {
	switch p := strings.TrimSuffix(r.URL.EscapedPath(), "/"); {
	case r.Method == http.MethodGet && p == "/2021-01-01/domain":
		return "ListDomainNames"
	case r.Method == http.MethodPost && p == "/2021-01-01/opensearch/domain-info":
		return "DescribeDomains"
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/2021-01-01/opensearch/domain/") && strings.HasSuffix(p, "/config"):
		return "UpdateDomainConfig"
	}
	return ""
}

func listOpenSearchDomainNames(c *call) (any, *apiError) {
	switch c.HTTP.URL.Query().Get("engineType") {
	case "", "OpenSearch":
	case "Elasticsearch":
		return map[string]any{"DomainNames": []any{}}, nil
	default:
		return nil, openSearchInvalid("engineType must be OpenSearch or Elasticsearch")
	}
	names := []map[string]string{}
	for _, d := range c.state.openSearchDomains {
		names = append(names, map[string]string{"DomainName": d.Name, "EngineType": "OpenSearch"})
	}
	return map[string]any{"DomainNames": names}, nil
}

func describeOpenSearchDomains(c *call) (any, *apiError) {
	var req struct {
		DomainNames []string `json:"DomainNames"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if len(req.DomainNames) == 0 || len(req.DomainNames) > 5 {
		return nil, openSearchInvalid("1 validation error detected: Value at 'domainNames' failed to satisfy constraint: Member must have length between 1 and 5")
	}
	out := []map[string]any{}
	for _, name := range req.DomainNames {
		for i := range c.state.openSearchDomains {
			d := &c.state.openSearchDomains[i]
			if d.Name != name {
				continue
			}
			processing, status := d.settling(), "Active"
			if processing {
				status = "Modifying"
			}
			out = append(out, map[string]any{
				"DomainId": c.state.account + "/" + d.Name, "DomainName": d.Name, "ARN": d.ARN,
				"Created": true, "Deleted": false, "Processing": processing, "DomainProcessingStatus": status, "EngineVersion": "OpenSearch_2.13",
				"ClusterConfig": map[string]any{"InstanceType": "r6g.large.search", "InstanceCount": 2},
				"Endpoints":     map[string]string{"vpc": "vpc-" + d.Name + ".us-east-1.es.amazonaws.com"},
				"VPCOptions": map[string]any{"VPCId": d.VpcID, "SubnetIds": nonNil(d.Subnets),
					"SecurityGroupIds": nonNil(d.Groups), "AvailabilityZones": []string{}},
			})
		}
	}
	return map[string]any{"DomainStatusList": out}, nil
}

// openSearchSpecs are OpenSearch Service's part of a region's scenario.
type openSearchSpecs struct {
	OpenSearchDomains []VPCResourceSpec `yaml:"opensearch_domains"`
}

// openSearchState is OpenSearch's part of a regionState;
// UpdateDomainConfig changes it.
type openSearchState struct {
	openSearchDomains []vpcResource
}

func (b *builder) addOpenSearch() error {
	return b.addVPCResources("opensearch_domains", b.res.OpenSearchDomains, &b.st.openSearchDomains,
		func(n string) string { return b.arn("es", "domain/"+n) })
}
