package sim

import "fmt"

// Verified Access endpoints (DescribeVerifiedAccessEndpoints): a Verified
// Access group's endpoint with its groups. They are built last among the
// EC2 configurations and have no interface here: what AWS creates for them
// in the account's VPC is not documented (docs/FIDELITY.md).

// VerifiedAccessEndpointSpec is a Verified Access endpoint
// (verified_access_endpoints). Groups are required, as
// CreateVerifiedAccessEndpoint requires SecurityGroupIds for VPC
// attachments; there is no fallback.
type VerifiedAccessEndpointSpec struct {
	ID        string `yaml:"id"` // pin the vae- id
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

type xVerifiedAccessEndpoint struct {
	ID                 string        `xml:"verifiedAccessEndpointId"`
	InstanceID         string        `xml:"verifiedAccessInstanceId"`
	GroupID            string        `xml:"verifiedAccessGroupId"`
	ApplicationDomain  string        `xml:"applicationDomain"`
	EndpointType       string        `xml:"endpointType"`
	AttachmentType     string        `xml:"attachmentType"`
	EndpointDomain     string        `xml:"endpointDomain"`
	SecurityGroupIDSet items[string] `xml:"securityGroupIdSet"`
	StatusCode         string        `xml:"status>code"`
	CreationTime       string        `xml:"creationTime"`
	LastUpdatedTime    string        `xml:"lastUpdatedTime"`
	TagSet             *items[xTag]  `xml:"tagSet,omitempty"`
}

func describeVerifiedAccessEndpoints(c *call, st *regionState) (any, *apiError) {
	ids, next, e := selectIDs(c, st.verifiedAccess, "VerifiedAccessEndpointId", func(id string) *apiError {
		return notFound("InvalidVerifiedAccessEndpointId.NotFound", "The Verified Access endpoint ID '%s' does not exist", id)
	}, endpointFilter("verified-access-endpoint-id"))
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Endpoints items[xVerifiedAccessEndpoint] `xml:"verifiedAccessEndpointSet"`
		NextToken string                         `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Endpoints.Item = []xVerifiedAccessEndpoint{}
	for _, id := range ids {
		ep := st.verifiedAccess[id]
		out.Endpoints.Item = append(out.Endpoints.Item, xVerifiedAccessEndpoint{ID: ep.ID, InstanceID: "vai-0123456789abcdef0",
			GroupID: "vagr-0123456789abcdef0", ApplicationDomain: "app.example.com", EndpointType: "load-balancer",
			AttachmentType: "vpc", EndpointDomain: ep.ID + ".example.com", SecurityGroupIDSet: items[string]{Item: ep.Groups},
			StatusCode: "active", CreationTime: "2024-01-01T00:00:00", LastUpdatedTime: "2024-01-01T00:00:00", TagSet: xTags(ep.Tags)})
	}
	return out, nil
}

// addVerifiedAccessEndpoints builds the endpoints after the other EC2
// configurations, so their ids do not move.
func (b *builder) addVerifiedAccessEndpoints() error {
	b.st.verifiedAccess = map[string]*ec2Endpoint{}
	for i, e := range b.res.VerifiedAccessEndpoints {
		at := path{"verified_access_endpoints", i}
		if len(e.Groups) == 0 {
			return b.errAt(append(append(path{}, at...), "groups"), "give the endpoint's groups (SecurityGroupIds)")
		}
		id, err := b.pinOrNext(e.ID, "vae", append(append(path{}, at...), "id"))
		if err != nil {
			return err
		}
		vpcID, ids, err := b.placed(e.Placement, false, at)
		if err != nil {
			return err
		}
		b.st.verifiedAccess[id] = &ec2Endpoint{ID: id, VpcID: vpcID, Groups: ids, Tags: tagsOf(e.Tags, ""),
			ARN: fmt.Sprintf("arn:aws:ec2:%s:%s:verified-access-endpoint/%s", b.st.region, b.st.account, id)}
	}
	return nil
}
