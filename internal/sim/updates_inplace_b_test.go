package sim

import (
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless"
	emrstypes "github.com/aws/aws-sdk-go-v2/service/emrserverless/types"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder"
	ka "github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2"
	katypes "github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/memorydb"
	"github.com/aws/aws-sdk-go-v2/service/memorydb/schemas"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	latticetypes "github.com/aws/aws-sdk-go-v2/service/vpclattice/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
)

// The update calls of issue 15's second set of in-place movers: each
// changes the resource (and its interfaces, where it has some) or answers
// AWS's validation error.

const inPlaceBScenario = `
regions: [us-east-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, cidr: 10.2.1.0/24, az: b}]
        security_groups:
          - {name: web, id: sg-0eb}
          - {name: far, id: sg-0fa, vpc: other}
        serverless_caches: [{name: sessions, groups: [default, web]}]
        memorydb_clusters: [{name: mem, groups: [default, web]}]
        lattice_vpc_associations: [{network: mesh, groups: [default, web]}]
        lattice_resource_gateways: [{name: gw, groups: [default, web]}]
        imagebuilder_infrastructure_configurations: [{name: builds, groups: [default, web]}]
        sagemaker_domains: [{name: studio, groups: [default, web], space_groups: [default], domain_groups: [web]}]
        sagemaker_user_profiles: [{name: ana, domain: studio, groups: [default, web]}]
        flink_applications: [{name: stream, status: running, groups: [default, web]}]
        emrserverless_applications:
          - {name: etl, groups: [default, web]}
          - {name: live, state: started, groups: [default]}
        lambda_event_source_mappings:
          - {function: consumer, groups: [default, web], auth: "arn:aws:secretsmanager:us-east-1:111111111111:secret:kafka"}
`

// interfacesOn lists the ids of the interfaces carrying group.
func interfacesOn(s *Server, group string) []string {
	var out []string
	for _, n := range s.NetworkInterfaces(acct, "us-east-1") {
		if slices.Contains(n.Groups, group) {
			out = append(out, n.ID)
		}
	}
	return out
}

// ModifyServerlessCache: modifying for one read, a change meanwhile
// refused, groups of the cache's VPC only; the endpoint interfaces move.
func TestModifyServerlessCache(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := elasticache.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	modify := func(name string, groups ...string) error {
		_, err := api.ModifyServerlessCache(cx, &elasticache.ModifyServerlessCacheInput{ServerlessCacheName: aws.String(name), SecurityGroupIds: groups})
		return err
	}
	before := len(interfacesOn(s, "sg-0def"))
	wantCode(t, modify("sessions", "sg-0fa"), "InvalidParameterValue")
	wantCode(t, modify("sessions", "sg-0nope"), "InvalidParameterValue")
	must[any](t)(nil, modify("sessions", "sg-0eb"))
	wantCode(t, modify("sessions", "sg-0def"), "InvalidServerlessCacheStateFault")
	for _, want := range []string{"modifying", "available"} {
		c := must[*elasticache.DescribeServerlessCachesOutput](t)(api.DescribeServerlessCaches(cx,
			&elasticache.DescribeServerlessCachesInput{ServerlessCacheName: aws.String("sessions")})).ServerlessCaches[0]
		if aws.ToString(c.Status) != want || !reflect.DeepEqual(c.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("cache %s %v, want %s [sg-0eb]", aws.ToString(c.Status), c.SecurityGroupIds, want)
		}
	}
	if after := len(interfacesOn(s, "sg-0def")); after != before-1 {
		t.Fatalf("interfaces on the default group: %d before, %d after", before, after)
	}
	wantCode(t, modify("nope", "sg-0eb"), "ServerlessCacheNotFoundFault")
}

// UpdateCluster: updating (groups modifying) for one read, a change
// meanwhile refused, groups of the cluster's VPC only; the node
// interfaces move.
func TestUpdateMemoryDBCluster(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api := memorydb.NewFromConfig(sdkConfig(s, acct, "us-east-1"), func(o *memorydb.Options) { o.Protocol = awsjson.New11(schemas.AmazonMemoryDB) })
	cx := ctxT(t)
	update := func(name string, groups ...string) error {
		_, err := api.UpdateCluster(cx, &memorydb.UpdateClusterInput{ClusterName: aws.String(name), SecurityGroupIds: groups})
		return err
	}
	before := len(interfacesOn(s, "sg-0def"))
	wantCode(t, update("mem", "sg-0fa"), "InvalidVPCNetworkStateFault")
	wantCode(t, update("mem", "sg-0nope"), "InvalidParameterValueException")
	must[any](t)(nil, update("mem", "sg-0eb"))
	wantCode(t, update("mem", "sg-0def"), "InvalidClusterStateFault")
	for _, want := range []string{"updating modifying", "available active"} {
		c := must[*memorydb.DescribeClustersOutput](t)(api.DescribeClusters(cx, &memorydb.DescribeClustersInput{ClusterName: aws.String("mem")})).Clusters[0]
		if got := aws.ToString(c.Status) + " " + aws.ToString(c.SecurityGroups[0].Status); got != want || len(c.SecurityGroups) != 1 ||
			aws.ToString(c.SecurityGroups[0].SecurityGroupId) != "sg-0eb" {
			t.Fatalf("cluster %s %+v, want %s [sg-0eb]", got, c.SecurityGroups, want)
		}
	}
	if after := len(interfacesOn(s, "sg-0def")); after != before-1 {
		t.Fatalf("interfaces on the default group: %d before, %d after", before, after)
	}
	wantCode(t, update("nope", "sg-0eb"), "ClusterNotFoundFault")
}

// UpdateEventSourceMapping replaces SourceAccessConfigurations whole:
// Updating for one read, an update meanwhile refused, groups of the
// mapping's VPC only.
func TestUpdateEventSourceMapping(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := lambda.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	uuid := must[*lambda.ListEventSourceMappingsOutput](t)(api.ListEventSourceMappings(cx, &lambda.ListEventSourceMappingsInput{})).EventSourceMappings[0].UUID
	get := func() *lambda.GetEventSourceMappingOutput {
		return must[*lambda.GetEventSourceMappingOutput](t)(api.GetEventSourceMapping(cx, &lambda.GetEventSourceMappingInput{UUID: uuid}))
	}
	before := get().SourceAccessConfigurations
	if len(before) != 4 || before[0].Type != lambdatypes.SourceAccessTypeSaslScram512Auth {
		t.Fatalf("scenario mapping: %+v", before)
	}
	update := func(id *string, access []lambdatypes.SourceAccessConfiguration) error {
		_, err := api.UpdateEventSourceMapping(cx, &lambda.UpdateEventSourceMappingInput{UUID: id, SourceAccessConfigurations: access})
		return err
	}
	group := func(id string) lambdatypes.SourceAccessConfiguration {
		return lambdatypes.SourceAccessConfiguration{Type: lambdatypes.SourceAccessTypeVpcSecurityGroup, URI: aws.String("security_group:" + id)}
	}
	wantCode(t, update(uuid, []lambdatypes.SourceAccessConfiguration{before[1], group("sg-0fa")}), "InvalidParameterValueException")
	next := []lambdatypes.SourceAccessConfiguration{before[1], group("sg-0eb")}
	must[any](t)(nil, update(uuid, next))
	wantCode(t, update(uuid, before), "ResourceInUseException")
	for _, want := range []string{"Updating", "Enabled"} {
		m := get()
		if aws.ToString(m.State) != want || !reflect.DeepEqual(m.SourceAccessConfigurations, next) {
			t.Fatalf("mapping %s %+v, want %s %+v", aws.ToString(m.State), m.SourceAccessConfigurations, want, next)
		}
	}
	wantCode(t, update(aws.String("00000000-0000-0000-0000-000000000000"), next), "ResourceNotFoundException")
}

// UpdateApplication replaces networkConfiguration whole, for a CREATED or
// STOPPED application only.
func TestUpdateEMRServerlessApplication(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := emrserverless.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	apps := must[*emrserverless.ListApplicationsOutput](t)(api.ListApplications(cx, &emrserverless.ListApplicationsInput{})).Applications
	id := map[string]*string{}
	for _, a := range apps {
		id[aws.ToString(a.Name)] = a.Id
	}
	get := func(name string) *emrstypes.NetworkConfiguration {
		return must[*emrserverless.GetApplicationOutput](t)(api.GetApplication(cx, &emrserverless.GetApplicationInput{ApplicationId: id[name]})).Application.NetworkConfiguration
	}
	before := get("etl")
	update := func(name string, subnets []string, groups ...string) error {
		_, err := api.UpdateApplication(cx, &emrserverless.UpdateApplicationInput{ApplicationId: id[name],
			NetworkConfiguration: &emrstypes.NetworkConfiguration{SubnetIds: subnets, SecurityGroupIds: groups}})
		return err
	}
	wantCode(t, update("etl", before.SubnetIds, "sg-0fa"), "ValidationException")
	wantCode(t, update("live", get("live").SubnetIds, "sg-0eb"), "ValidationException")
	must[any](t)(nil, update("etl", before.SubnetIds, "sg-0eb"))
	if got := get("etl"); !reflect.DeepEqual(got.SecurityGroupIds, []string{"sg-0eb"}) || !reflect.DeepEqual(got.SubnetIds, before.SubnetIds) {
		t.Fatalf("after UpdateApplication: %+v", got)
	}
	// The configuration is replaced whole: subnets left out are gone.
	must[any](t)(nil, update("etl", nil))
	if got := get("etl"); len(got.SubnetIds)+len(got.SecurityGroupIds) != 0 {
		t.Fatalf("after an empty networkConfiguration: %+v", got)
	}
	id["nope"] = aws.String("00nope")
	wantCode(t, update("nope", nil), "ResourceNotFoundException")
}

// UpdateServiceNetworkVpcAssociation and UpdateResourceGateway:
// UPDATE_IN_PROGRESS for one read, an update meanwhile a conflict, groups of
// the VPC only (1 to 5 for an association); the gateway's interface moves.
func TestUpdateLatticeGroups(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := vpclattice.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	vpc := s.state(acct, "us-east-1").defaultVPCID()
	assoc := must[*vpclattice.ListServiceNetworkVpcAssociationsOutput](t)(api.ListServiceNetworkVpcAssociations(cx,
		&vpclattice.ListServiceNetworkVpcAssociationsInput{VpcIdentifier: aws.String(vpc)})).Items[0].Id
	updateAssoc := func(id *string, groups ...string) error {
		_, err := api.UpdateServiceNetworkVpcAssociation(cx, &vpclattice.UpdateServiceNetworkVpcAssociationInput{
			ServiceNetworkVpcAssociationIdentifier: id, SecurityGroupIds: groups})
		return err
	}
	wantCode(t, updateAssoc(assoc, "sg-0fa"), "ValidationException")
	must[any](t)(nil, updateAssoc(assoc, "sg-0eb"))
	wantCode(t, updateAssoc(assoc, "sg-0def"), "ConflictException")
	for _, want := range []latticetypes.ServiceNetworkVpcAssociationStatus{"UPDATE_IN_PROGRESS", "ACTIVE"} {
		a := must[*vpclattice.GetServiceNetworkVpcAssociationOutput](t)(api.GetServiceNetworkVpcAssociation(cx,
			&vpclattice.GetServiceNetworkVpcAssociationInput{ServiceNetworkVpcAssociationIdentifier: assoc}))
		if a.Status != want || !reflect.DeepEqual(a.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("association %s %v, want %s [sg-0eb]", a.Status, a.SecurityGroupIds, want)
		}
	}
	wantCode(t, updateAssoc(aws.String("snva-0nope"), "sg-0eb"), "ResourceNotFoundException")

	gw := must[*vpclattice.ListResourceGatewaysOutput](t)(api.ListResourceGateways(cx, &vpclattice.ListResourceGatewaysInput{})).Items[0].Id
	updateGateway := func(id *string, groups ...string) error {
		_, err := api.UpdateResourceGateway(cx, &vpclattice.UpdateResourceGatewayInput{ResourceGatewayIdentifier: id, SecurityGroupIds: groups})
		return err
	}
	before := len(interfacesOn(s, "sg-0def"))
	wantCode(t, updateGateway(gw, "sg-0fa"), "ValidationException")
	must[any](t)(nil, updateGateway(gw, "sg-0eb"))
	wantCode(t, updateGateway(gw, "sg-0def"), "ConflictException")
	for _, want := range []latticetypes.ResourceGatewayStatus{"UPDATE_IN_PROGRESS", "ACTIVE"} {
		g := must[*vpclattice.GetResourceGatewayOutput](t)(api.GetResourceGateway(cx, &vpclattice.GetResourceGatewayInput{ResourceGatewayIdentifier: gw}))
		if g.Status != want || !reflect.DeepEqual(g.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("gateway %s %v, want %s [sg-0eb]", g.Status, g.SecurityGroupIds, want)
		}
	}
	if after := len(interfacesOn(s, "sg-0def")); after != before-1 {
		t.Fatalf("interfaces on the default group: %d before, %d after", before, after)
	}
	wantCode(t, updateGateway(aws.String("rgw-0nope"), "sg-0eb"), "ResourceNotFoundException")
}

// UpdateInfrastructureConfiguration replaces the configuration whole: a
// member left out is gone.
func TestUpdateInfrastructureConfiguration(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := imagebuilder.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	arn := must[*imagebuilder.ListInfrastructureConfigurationsOutput](t)(api.ListInfrastructureConfigurations(cx,
		&imagebuilder.ListInfrastructureConfigurationsInput{})).InfrastructureConfigurationSummaryList[0].Arn
	get := func() *imagebuilder.GetInfrastructureConfigurationOutput {
		return must[*imagebuilder.GetInfrastructureConfigurationOutput](t)(api.GetInfrastructureConfiguration(cx,
			&imagebuilder.GetInfrastructureConfigurationInput{InfrastructureConfigurationArn: arn}))
	}
	c := get().InfrastructureConfiguration
	if aws.ToString(c.Description) == "" || len(c.InstanceTypes) == 0 || c.TerminateInstanceOnFailure == nil {
		t.Fatalf("scenario configuration: %+v", c)
	}
	update := func(in imagebuilder.UpdateInfrastructureConfigurationInput) error {
		_, err := api.UpdateInfrastructureConfiguration(cx, &in)
		return err
	}
	whole := imagebuilder.UpdateInfrastructureConfigurationInput{InfrastructureConfigurationArn: arn, InstanceProfileName: c.InstanceProfileName,
		Description: c.Description, InstanceTypes: c.InstanceTypes, SubnetId: c.SubnetId, TerminateInstanceOnFailure: c.TerminateInstanceOnFailure,
		SecurityGroupIds: []string{"sg-0fa"}}
	wantCode(t, update(whole), "InvalidRequestException")
	whole.SecurityGroupIds = []string{"sg-0eb"}
	must[any](t)(nil, update(whole))
	if got := get().InfrastructureConfiguration; !reflect.DeepEqual(got.SecurityGroupIds, []string{"sg-0eb"}) ||
		aws.ToString(got.Description) != aws.ToString(c.Description) || !reflect.DeepEqual(got.InstanceTypes, c.InstanceTypes) {
		t.Fatalf("after a whole update: %+v", got)
	}
	must[any](t)(nil, update(imagebuilder.UpdateInfrastructureConfigurationInput{InfrastructureConfigurationArn: arn,
		InstanceProfileName: c.InstanceProfileName, SubnetId: c.SubnetId, SecurityGroupIds: []string{"sg-0eb"}}))
	if got := get().InfrastructureConfiguration; got.Description != nil || len(got.InstanceTypes) != 0 || got.TerminateInstanceOnFailure != nil {
		t.Fatalf("members left out of the update were kept: %+v", got)
	}
	whole.InfrastructureConfigurationArn = aws.String("arn:aws:imagebuilder:us-east-1:111111111111:infrastructure-configuration/nope")
	wantCode(t, update(whole), "InvalidRequestException")
}

// UpdateUserProfile changes the settings it is given: Updating for one
// read, an update meanwhile ResourceInUse, groups of the domain's VPC only.
func TestUpdateSageMakerUserProfile(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := sagemaker.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	domain := must[*sagemaker.ListDomainsOutput](t)(api.ListDomains(cx, &sagemaker.ListDomainsInput{})).Domains[0].DomainId
	update := func(name string, groups ...string) error {
		_, err := api.UpdateUserProfile(cx, &sagemaker.UpdateUserProfileInput{DomainId: domain, UserProfileName: aws.String(name),
			UserSettings: &smtypes.UserSettings{SecurityGroups: groups}})
		return err
	}
	before := must[*sagemaker.DescribeUserProfileOutput](t)(api.DescribeUserProfile(cx, &sagemaker.DescribeUserProfileInput{DomainId: domain, UserProfileName: aws.String("ana")}))
	wantCode(t, update("ana", "sg-0fa"), "ValidationException")
	must[any](t)(nil, update("ana", "sg-0eb"))
	wantCode(t, update("ana", "sg-0def"), "ResourceInUse")
	for _, want := range []smtypes.UserProfileStatus{"Updating", "InService"} {
		p := must[*sagemaker.DescribeUserProfileOutput](t)(api.DescribeUserProfile(cx, &sagemaker.DescribeUserProfileInput{DomainId: domain, UserProfileName: aws.String("ana")}))
		if p.Status != want || !reflect.DeepEqual(p.UserSettings.SecurityGroups, []string{"sg-0eb"}) ||
			aws.ToString(p.UserSettings.ExecutionRole) != aws.ToString(before.UserSettings.ExecutionRole) {
			t.Fatalf("profile %s %+v, want %s [sg-0eb] with its role kept", p.Status, p.UserSettings, want)
		}
	}
	wantCode(t, update("nope", "sg-0eb"), "ResourceNotFound")
}

// UpdateApplication (Flink) needs the current version, increments it, and
// shows UPDATING for one read; an update meanwhile is refused.
func TestUpdateFlinkApplication(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := ka.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	describe := func() *katypes.ApplicationDetail {
		return must[*ka.DescribeApplicationOutput](t)(api.DescribeApplication(cx, &ka.DescribeApplicationInput{ApplicationName: aws.String("stream")})).ApplicationDetail
	}
	update := func(version int64, id string, groups ...string) error {
		_, err := api.UpdateApplication(cx, &ka.UpdateApplicationInput{ApplicationName: aws.String("stream"), CurrentApplicationVersionId: aws.Int64(version),
			ApplicationConfigurationUpdate: &katypes.ApplicationConfigurationUpdate{VpcConfigurationUpdates: []katypes.VpcConfigurationUpdate{
				{VpcConfigurationId: aws.String(id), SecurityGroupIdUpdates: groups}}}})
		return err
	}
	d := describe()
	v, id := aws.ToInt64(d.ApplicationVersionId), aws.ToString(d.ApplicationConfigurationDescription.VpcConfigurationDescriptions[0].VpcConfigurationId)
	wantCode(t, update(v+1, id, "sg-0eb"), "ConcurrentModificationException")
	wantCode(t, update(v, "9.9", "sg-0eb"), "InvalidArgumentException")
	wantCode(t, update(v, id, "sg-0fa"), "InvalidArgumentException")
	must[any](t)(nil, update(v, id, "sg-0eb"))
	wantCode(t, update(v+1, id, "sg-0def"), "ResourceInUseException")
	for _, want := range []katypes.ApplicationStatus{"UPDATING", "RUNNING"} {
		d := describe()
		if d.ApplicationStatus != want || aws.ToInt64(d.ApplicationVersionId) != v+1 ||
			!reflect.DeepEqual(d.ApplicationConfigurationDescription.VpcConfigurationDescriptions[0].SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("application %s v%d %+v, want %s v%d [sg-0eb]", d.ApplicationStatus, aws.ToInt64(d.ApplicationVersionId),
				d.ApplicationConfigurationDescription.VpcConfigurationDescriptions, want, v+1)
		}
	}
}

// UpdateDomain changes the group lists it is given and keeps the others:
// Updating for one read, an update meanwhile ResourceInUse.
func TestUpdateSageMakerDomain(t *testing.T) {
	s := startScenario(t, inPlaceBScenario)
	api, cx := sagemaker.NewFromConfig(sdkConfig(s, acct, "us-east-1")), ctxT(t)
	domain := must[*sagemaker.ListDomainsOutput](t)(api.ListDomains(cx, &sagemaker.ListDomainsInput{})).Domains[0].DomainId
	update := func(in sagemaker.UpdateDomainInput) error {
		in.DomainId = domain
		_, err := api.UpdateDomain(cx, &in)
		return err
	}
	wantCode(t, update(sagemaker.UpdateDomainInput{DefaultSpaceSettings: &smtypes.DefaultSpaceSettings{SecurityGroups: []string{"sg-0fa"}}}), "ValidationException")
	must[any](t)(nil, update(sagemaker.UpdateDomainInput{DefaultSpaceSettings: &smtypes.DefaultSpaceSettings{SecurityGroups: []string{"sg-0eb"}}}))
	wantCode(t, update(sagemaker.UpdateDomainInput{DefaultUserSettings: &smtypes.UserSettings{SecurityGroups: []string{"sg-0eb"}}}), "ResourceInUse")
	for _, want := range []smtypes.DomainStatus{"Updating", "InService"} {
		d := must[*sagemaker.DescribeDomainOutput](t)(api.DescribeDomain(cx, &sagemaker.DescribeDomainInput{DomainId: domain}))
		if d.Status != want || !reflect.DeepEqual(d.DefaultSpaceSettings.SecurityGroups, []string{"sg-0eb"}) ||
			!reflect.DeepEqual(d.DefaultUserSettings.SecurityGroups, []string{"sg-0def", "sg-0eb"}) ||
			!reflect.DeepEqual(d.DomainSettings.SecurityGroupIds, []string{"sg-0eb"}) {
			t.Fatalf("domain %s user %v space %v domain %v, want %s with only the space groups changed", d.Status,
				d.DefaultUserSettings.SecurityGroups, d.DefaultSpaceSettings.SecurityGroups, d.DomainSettings.SecurityGroupIds, want)
		}
	}
	_, err := api.UpdateDomain(cx, &sagemaker.UpdateDomainInput{DomainId: aws.String("d-nope")})
	wantCode(t, err, "ResourceNotFound")
}
