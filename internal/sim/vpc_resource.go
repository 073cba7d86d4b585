package sim

// A VPC resource is a named resource with subnets and groups in one VPC,
// built the same way for OpenSearch domains, DMS replication instances,
// MSK clusters, MWAA environments and App Runner VPC connectors.

// VPCResourceSpec is a resource that sits in a VPC with groups: an
// OpenSearch domain (opensearch_domains) or a DMS replication instance
// (dms_replication_instances), an MWAA environment (mwaa_environments) or
// an App Runner VPC connector (apprunner_vpc_connectors). Omitted groups:
// the VPC's default group, as their create APIs fall back to it.
type VPCResourceSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// vpcResource is a named resource with subnets and groups in one VPC.
type vpcResource struct {
	Name, ARN, VpcID, Type string
	Subnets, Groups        []string
	Tags                   []Tag
	// Pending is how many more reads show a group change still applying
	// (DMS "modifying", OpenSearch Processing, MWAA UPDATING).
	Pending int
}

// settling reports whether a change is still applying, counting the read.
func (r *vpcResource) settling() bool {
	if r.Pending == 0 {
		return false
	}
	r.Pending--
	return true
}

// addVPCResources builds one scenario list of VPC resources (field is its
// YAML key); groups fall back to the VPC's default group, as their create
// APIs do, and each sits in its VPC's first subnet.
func (b *builder) addVPCResources(field string, specs []VPCResourceSpec, out *[]vpcResource, arn func(name string) string) error {
	seen := map[string]bool{}
	for i, spec := range specs {
		at := path{field, i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		vpcID, ids, err := b.placed(spec.Placement, true, at)
		if err != nil {
			return err
		}
		sn, err := b.subnetOf(vpcID, "", at)
		if err != nil {
			return err
		}
		*out = append(*out, vpcResource{Name: spec.Name, ARN: arn(spec.Name), VpcID: vpcID,
			Subnets: []string{sn.ID}, Groups: ids, Tags: tagsOf(spec.Tags, "")})
	}
	return nil
}
