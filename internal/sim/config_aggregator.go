package sim

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// AWS Config aggregators: an organization-wide aggregator defined in one
// account-region (config_aggregators) answers advanced queries
// (SelectAggregateResourceConfig, config_query.go) over every account and
// enabled region of the scenario, from the same state the direct APIs
// serve, and reports which sources deliver (DescribeConfigurationAggregatorSourcesStatus).
//
// Each account-region's configuration recorder (config_recorder) decides
// what the aggregator holds there: by default it records every supported
// type; recording: false stops it (no configuration items, source FAILED);
// resource_types records only those types. The recorder is read per
// account-region (DescribeConfigurationRecorders, ...RecorderStatus), as
// the product reads it (docs/INVENTORY.md says why not through the
// aggregator).

// Resource types the simulator records.
const (
	cfgTypeENI      = "AWS::EC2::NetworkInterface"
	cfgTypeRecorder = "AWS::Config::ConfigurationRecorder"
)

// Types the simulator records by identity only (resourceId, resourceName,
// arn; an empty configuration): enough to tell that a region has such
// resources, which is all the product reads of them.
var identityTypes = []string{
	"AWS::Lambda::Function", "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer",
	"AWS::CodeBuild::Project", "AWS::ECS::Service", "AWS::EC2::LaunchTemplate", "AWS::EKS::Cluster",
	"AWS::Redshift::Cluster", "AWS::EFS::FileSystem",
	"AWS::EC2::VPCEndpoint", "AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::LaunchConfiguration",
	"AWS::Batch::ComputeEnvironment", "AWS::AmazonMQ::Broker",
	"AWS::ElasticBeanstalk::Environment", "AWS::SageMaker::Model",
	"AWS::Route53Resolver::ResolverEndpoint", "AWS::AppRunner::VpcConnector",
	"AWS::StepFunctions::StateMachine", "AWS::ImageBuilder::InfrastructureConfiguration",
	"AWS::KinesisAnalyticsV2::Application",
	"AWS::SageMaker::Domain", "AWS::SageMaker::UserProfile", "AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster",
	"AWS::EC2::ClientVpnEndpoint", "AWS::EC2::InstanceConnectEndpoint", "AWS::EC2::SpotFleet",
	"AWS::OpenSearch::Domain", "AWS::OpenSearchServerless::VpcEndpoint", "AWS::AppStream::Fleet",
	"AWS::KafkaConnect::Connector", "AWS::EMRServerless::Application", "AWS::Redshift::EndpointAccess",
	"AWS::Events::Rule",
}

// identities lists, per identity type, the resources of the region as
// (id, name, arn). The caller holds st.mu.
func (st *regionState) identities() map[string][][3]string {
	out := map[string][][3]string{}
	add := func(typ, id, name, arn string) { out[typ] = append(out[typ], [3]string{id, name, arn}) }
	for _, f := range st.functions {
		if f.Version == "$LATEST" {
			add("AWS::Lambda::Function", f.Name, f.Name, f.ARN)
		}
	}
	for _, lb := range st.loadBalancers {
		if lb.Type == "classic" {
			add("AWS::ElasticLoadBalancing::LoadBalancer", lb.Name, lb.Name, "")
		} else {
			add("AWS::ElasticLoadBalancingV2::LoadBalancer", lb.ARN, lb.Name, lb.ARN)
		}
	}
	for _, p := range st.projects {
		add("AWS::CodeBuild::Project", p.Name, p.Name, p.ARN)
	}
	for _, c := range st.ecsClusters {
		for _, svc := range c.Services {
			add("AWS::ECS::Service", svc.ARN, svc.Name, svc.ARN)
		}
	}
	for _, id := range sortedKeys(st.launchTemplates) {
		add("AWS::EC2::LaunchTemplate", id, st.launchTemplates[id].Name, "")
	}
	for _, c := range st.eksClusters {
		add("AWS::EKS::Cluster", c.Name, c.Name, c.ARN)
	}
	for _, c := range st.redshiftClusters {
		add("AWS::Redshift::Cluster", c.Name, c.Name, c.ARN)
	}
	for _, fs := range st.fileSystems {
		add("AWS::EFS::FileSystem", fs.ID, fs.Name, fs.ARN)
	}
	for _, id := range sortedKeys(st.vpcEndpoints) {
		add("AWS::EC2::VPCEndpoint", id, id, "")
	}
	for _, g := range st.asgs {
		add("AWS::AutoScaling::AutoScalingGroup", g.ARN, g.Name, g.ARN)
	}
	for _, lc := range st.launchConfigs {
		add("AWS::AutoScaling::LaunchConfiguration", lc.ARN, lc.Name, lc.ARN)
	}
	for _, e := range st.batchEnvs {
		add("AWS::Batch::ComputeEnvironment", e.ARN, e.Name, e.ARN)
	}
	for _, b := range st.mqBrokers {
		add("AWS::AmazonMQ::Broker", b.ID, b.Name, b.ARN)
	}
	for _, e := range st.beanstalkEnvs {
		add("AWS::ElasticBeanstalk::Environment", e.Name, e.Name, e.ARN)
	}
	for _, m := range st.sageMakerModels {
		add("AWS::SageMaker::Model", m.Name, m.Name, m.ARN)
	}
	for _, e := range st.resolverEndpoints {
		add("AWS::Route53Resolver::ResolverEndpoint", e.ID, e.Name, e.ARN)
	}
	for _, c := range st.appRunnerConnectors {
		add("AWS::AppRunner::VpcConnector", c.ARN, c.Name, c.ARN)
	}
	for _, m := range st.stateMachines {
		add("AWS::StepFunctions::StateMachine", m.ARN, m.Name, m.ARN)
	}
	for _, c := range st.infraConfigs {
		add("AWS::ImageBuilder::InfrastructureConfiguration", c.ARN, c.Name, c.ARN)
	}
	for _, a := range st.flinkApps {
		add("AWS::KinesisAnalyticsV2::Application", a.Name, a.Name, a.ARN)
	}
	for _, d := range st.sageMakerDomains {
		add("AWS::SageMaker::Domain", d.ID, d.Name, d.ARN)
	}
	for _, u := range st.sageMakerUserProfiles {
		add("AWS::SageMaker::UserProfile", u.Name, u.Name, u.ARN)
	}
	for _, c := range st.mskClusters {
		typ := "AWS::MSK::Cluster"
		if strings.EqualFold(c.Type, "serverless") {
			typ = "AWS::MSK::ServerlessCluster"
		}
		add(typ, c.ARN, c.Name, c.ARN)
	}
	for _, id := range sortedKeys(st.clientVPNs) {
		add("AWS::EC2::ClientVpnEndpoint", id, id, "")
	}
	for _, id := range sortedKeys(st.eices) {
		add("AWS::EC2::InstanceConnectEndpoint", id, id, st.eices[id].ARN)
	}
	for _, id := range sortedKeys(st.spotFleets) {
		add("AWS::EC2::SpotFleet", id, id, "")
	}
	// The simulator's domains all run OpenSearch (EngineVersion
	// OpenSearch_*); a legacy Elasticsearch domain would be
	// AWS::Elasticsearch::Domain.
	for _, d := range st.openSearchDomains {
		add("AWS::OpenSearch::Domain", d.Name, d.Name, d.ARN)
	}
	for _, e := range st.aossEndpoints {
		add("AWS::OpenSearchServerless::VpcEndpoint", e.Name, e.Name, e.ARN)
	}
	for _, f := range st.appStreamFleets {
		add("AWS::AppStream::Fleet", f.Name, f.Name, f.ARN)
	}
	for _, c := range st.kafkaConnectors {
		add("AWS::KafkaConnect::Connector", c.ARN, c.Name, c.ARN)
	}
	for _, a := range st.emrServerlessApps {
		add("AWS::EMRServerless::Application", a.ID, a.Name, a.ARN)
	}
	for _, e := range st.redshiftEndpoints {
		add("AWS::Redshift::EndpointAccess", e.Name, e.Name, e.ARN)
	}
	for _, r := range st.eventRules {
		add("AWS::Events::Rule", r.ARN, r.Name, r.ARN)
	}
	return out
}

// ConfigRecorderSpec is a region's configuration recorder.
type ConfigRecorderSpec struct {
	// Recording false: the recorder is off (or was never set up).
	Recording *bool `yaml:"recording"`
	// ResourceTypes, when set, is the INCLUSION_BY_RESOURCE_TYPES list;
	// empty records all supported types.
	ResourceTypes []string `yaml:"resource_types"`
}

type configRecorder struct {
	on    bool
	types []string // nil: all supported
}

func (r configRecorder) records(typ string) bool {
	return r.on && (r.types == nil || slices.Contains(r.types, typ))
}

func (b *builder) addConfigRecorder() error {
	st, spec := b.st, b.res.ConfigRecorder
	st.recorder = configRecorder{on: true}
	if spec != nil {
		st.recorder.on = spec.Recording == nil || *spec.Recording
		if len(spec.ResourceTypes) > 0 {
			st.recorder.types = slices.Clone(spec.ResourceTypes)
		}
	}
	st.aggregators = map[string]bool{}
	for i, name := range b.res.ConfigAggregators {
		if name == "" || st.aggregators[name] {
			return b.errAt(path{"config_aggregators", i}, "config aggregator names must be unique and not empty")
		}
		st.aggregators[name] = true
	}
	return nil
}

func noSuchAggregator(name string) *apiError {
	return errf(http.StatusBadRequest, "NoSuchConfigurationAggregatorException",
		"The configuration aggregator %s does not exist. Check the configuration aggregator name and try again.", name)
}

// configItems is every recorded item of the given types (all when nil) in
// one account-region, as the documents advanced queries run over.
func (st *regionState) configItems(types []string) []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	want := func(t string) bool { return st.recorder.records(t) && (types == nil || slices.Contains(types, t)) }
	var out []map[string]any
	item := func(typ, id string, conf map[string]any, tags []Tag) map[string]any {
		return map[string]any{"accountId": st.account, "awsRegion": st.region, "resourceType": typ,
			"resourceId": id, "resourceName": id, "configuration": conf, "tags": tagSet(tags), "relationships": []any{}}
	}
	if want(cfgTypeENI) {
		for _, id := range sortedKeys(st.enis) {
			n := st.enis[id]
			groups := []any{}
			rels := []any{}
			for _, g := range n.Groups {
				name := ""
				if sg := st.groups[g]; sg != nil {
					name = sg.Name
				}
				groups = append(groups, map[string]any{"groupId": g, "groupName": name})
				rels = append(rels, map[string]any{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": g, "relationshipName": "Is associated with SecurityGroup"})
			}
			conf := map[string]any{"networkInterfaceId": n.ID, "vpcId": n.VpcID, "subnetId": n.SubnetID,
				"availabilityZone": n.AvailabilityZone, "ownerId": n.OwnerID, "description": n.Description,
				"interfaceType": n.InterfaceType, "requesterId": n.RequesterID, "requesterManaged": n.RequesterManaged,
				"status": n.Status, "privateIpAddress": n.PrivateIPAddress, "macAddress": n.MacAddress, "groups": groups,
				"tagSet": tagSet(n.Tags)}
			if a := n.Attachment; a != nil {
				conf["attachment"] = map[string]any{"attachmentId": a.ID, "instanceId": a.InstanceID,
					"instanceOwnerId": a.InstanceOwnerID, "deviceIndex": a.DeviceIndex, "status": a.Status}
			}
			it := item(cfgTypeENI, n.ID, conf, n.Tags)
			it["relationships"] = rels
			out = append(out, it)
		}
	}
	ids := st.identities()
	for _, typ := range identityTypes {
		if !want(typ) {
			continue
		}
		for _, r := range ids[typ] {
			it := item(typ, r[0], map[string]any{}, nil)
			it["resourceName"], it["arn"] = r[1], r[2]
			out = append(out, it)
		}
	}
	// Documents go through JSON once so that values compare as a parsed
	// query result would (numbers as float64, lists as []any).
	var norm []map[string]any
	b, _ := json.Marshal(out)
	_ = json.Unmarshal(b, &norm)
	return norm
}

func toAny(s []string) []any {
	out := []any{}
	for _, v := range s {
		out = append(out, v)
	}
	return out
}

func tagSet(tags []Tag) []any {
	out := []any{}
	for _, t := range tags {
		out = append(out, map[string]any{"key": t.Key, "value": t.Value})
	}
	return out
}

// aggregatorStates is every account-region the aggregator's organization
// covers, in account then region order.
func (s *Server) aggregatorStates() []*regionState {
	keys := make([]stateKey, 0, len(s.states))
	for k := range s.states {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].account != keys[j].account {
			return keys[i].account < keys[j].account
		}
		return keys[i].region < keys[j].region
	})
	out := make([]*regionState, len(keys))
	for i, k := range keys {
		out[i] = s.states[k]
	}
	return out
}

// aggQueries keeps the rows of a query between its pages: a token names
// its query's rows and the next offset, like Config's opaque tokens.
type aggQueries struct {
	mu    sync.Mutex
	next  int
	rows  map[int][]string
	order []int
}

const keptQueries = 256

func (q *aggQueries) put(rows []string) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.rows == nil {
		q.rows = map[int][]string{}
	}
	q.next++
	q.rows[q.next] = rows
	q.order = append(q.order, q.next)
	if len(q.order) > keptQueries {
		delete(q.rows, q.order[0])
		q.order = q.order[1:]
	}
	return q.next
}

func (q *aggQueries) get(id int) ([]string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	rows, ok := q.rows[id]
	return rows, ok
}

func selectAggregateResourceConfig(c *call) (any, *apiError) {
	var req struct {
		ConfigurationAggregatorName string `json:"ConfigurationAggregatorName"`
		Expression                  string `json:"Expression"`
		Limit                       int    `json:"Limit"`
		MaxResults                  int    `json:"MaxResults"`
		NextToken                   string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if !c.state.aggregatorNamed(req.ConfigurationAggregatorName) {
		return nil, noSuchAggregator(req.ConfigurationAggregatorName)
	}
	if len(req.Expression) < 1 || len(req.Expression) > 4096 {
		return nil, errf(http.StatusBadRequest, "ValidationException", "1 validation error detected: Value at 'expression' failed to satisfy constraint: Member must have length between 1 and 4096")
	}
	q, err := parseConfigQuery(req.Expression)
	if err != nil {
		return nil, errf(http.StatusBadRequest, "InvalidExpressionException", "Invalid expression: %v", err)
	}
	limit := req.Limit
	if req.MaxResults != 0 {
		limit = req.MaxResults
	}
	if limit < 0 || limit > 100 {
		return nil, errf(http.StatusBadRequest, "InvalidLimitException", "Limit %d is not between 0 and 100", limit)
	}
	if limit == 0 {
		limit = 25
		if q.count {
			limit = 500 // documented default for aggregation queries
		}
	}
	var rows []string
	start := 0
	if req.NextToken != "" {
		id, off, ok := parseAggToken(req.NextToken)
		if ok {
			rows, ok = c.srv.aggQueries.get(id)
		}
		if !ok || off > len(rows) {
			return nil, errf(http.StatusBadRequest, "InvalidNextTokenException", "The nextToken provided is invalid")
		}
		start = off
		rows = rows[:len(rows):len(rows)]
		end := min(start+limit, len(rows))
		return aggPage(q, rows[start:end], id, end, len(rows)), nil
	}
	rows = c.srv.runQuery(q)
	id := c.srv.aggQueries.put(rows)
	end := min(limit, len(rows))
	return aggPage(q, rows[:end], id, end, len(rows)), nil
}

func aggPage(q *configQuery, rows []string, id, end, total int) map[string]any {
	fields := []any{}
	for _, f := range q.fields {
		fields = append(fields, map[string]any{"Name": f})
	}
	out := map[string]any{"Results": nonNil(rows), "QueryInfo": map[string]any{"SelectFields": fields}}
	if end < total {
		out["NextToken"] = base64.RawURLEncoding.EncodeToString([]byte("agg:" + strconv.Itoa(id) + ":" + strconv.Itoa(end)))
	}
	return out
}

func parseAggToken(tok string) (id, off int, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	parts := strings.Split(string(raw), ":")
	if err != nil || len(parts) != 3 || parts[0] != "agg" {
		return 0, 0, false
	}
	id, e1 := strconv.Atoi(parts[1])
	off, e2 := strconv.Atoi(parts[2])
	return id, off, e1 == nil && e2 == nil && off >= 0
}

func (st *regionState) aggregatorNamed(name string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.aggregators[name]
}

// runQuery evaluates q over every covered account-region; only the types
// and regions the WHERE clause can match are built.
func (s *Server) runQuery(q *configQuery) []string {
	types := required(q.where, "resourceType")
	regions := required(q.where, "awsRegion")
	accounts := required(q.where, "accountId")
	type group struct {
		doc   map[string]any
		count int
	}
	var rows []map[string]any
	groups := map[string]*group{}
	var order []string
	for _, st := range s.aggregatorStates() {
		if (regions != nil && !slices.Contains(regions, st.region)) || (accounts != nil && !slices.Contains(accounts, st.account)) {
			continue
		}
		for _, doc := range st.configItems(types) {
			if q.where != nil && !q.where.match(doc) {
				continue
			}
			out := map[string]any{}
			for _, f := range q.fields {
				if f != "COUNT(*)" {
					project(out, doc, strings.Split(f, "."))
				}
			}
			if !q.count {
				rows = append(rows, out)
				continue
			}
			key, _ := json.Marshal(out)
			g := groups[string(key)]
			if g == nil {
				g = &group{doc: out}
				groups[string(key)] = g
				order = append(order, string(key))
			}
			g.count++
		}
	}
	for _, k := range order {
		g := groups[k]
		g.doc["COUNT(*)"] = g.count
		rows = append(rows, g.doc)
	}
	if len(q.orderBy) > 0 {
		sort.SliceStable(rows, func(i, j int) bool {
			for _, k := range q.orderBy {
				a, b := orderValue(rows[i], k.path), orderValue(rows[j], k.path)
				if a != b {
					return (a < b) != k.desc
				}
			}
			return false
		})
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		b, _ := json.Marshal(r)
		out[i] = string(b)
	}
	return out
}

func orderValue(row map[string]any, path string) string {
	if path == "COUNT(*)" {
		return strconv.Itoa(row["COUNT(*)"].(int) + 1e9)
	}
	vs := leafValues(row, strings.Split(path, "."))
	if len(vs) == 0 {
		return ""
	}
	return scalarString(vs[0])
}

func describeConfigurationAggregatorSourcesStatus(c *call) (any, *apiError) {
	var req struct {
		ConfigurationAggregatorName string   `json:"ConfigurationAggregatorName"`
		UpdateStatus                []string `json:"UpdateStatus"`
		Limit                       int      `json:"Limit"`
		NextToken                   string   `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if !c.state.aggregatorNamed(req.ConfigurationAggregatorName) {
		return nil, noSuchAggregator(req.ConfigurationAggregatorName)
	}
	var list []map[string]any
	for _, st := range c.srv.aggregatorStates() {
		st.mu.Lock()
		on := st.recorder.on
		st.mu.Unlock()
		s := map[string]any{"SourceId": st.account, "SourceType": "ORGANIZATION", "AwsRegion": st.region,
			"LastUpdateStatus": "SUCCEEDED", "LastUpdateTime": float64(created.Unix())}
		if !on {
			s["LastUpdateStatus"] = "FAILED"
			s["LastErrorCode"] = "NoAvailableConfigurationRecorderException"
			s["LastErrorMessage"] = "There is no configuration recorder running in this account and region."
		}
		if len(req.UpdateStatus) == 0 || slices.Contains(req.UpdateStatus, s["LastUpdateStatus"].(string)) {
			list = append(list, s)
		}
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: badRequest("InvalidLimitException"),
		action: c.Action, max: req.Limit, token: req.NextToken}, list)
	if e != nil {
		return nil, e
	}
	return withNext(map[string]any{"AggregatedSourceStatusList": nonNil(items)}, "NextToken", next), nil
}

// describeConfigurationRecorders answers the region's recorder, "default",
// with its recording group (RecordingGroup in the API).
func describeConfigurationRecorders(c *call) (any, *apiError) {
	r := c.state.recorder
	rg := map[string]any{"allSupported": r.types == nil, "includeGlobalResourceTypes": false,
		"resourceTypes": nonNil(r.types), "exclusionByResourceTypes": map[string]any{"resourceTypes": []string{}},
		"recordingStrategy": map[string]any{"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}}
	if r.types != nil {
		rg["recordingStrategy"] = map[string]any{"useOnly": "INCLUSION_BY_RESOURCE_TYPES"}
	}
	return map[string]any{"ConfigurationRecorders": []map[string]any{{"name": "default",
		"arn":            "arn:aws:config:" + c.Region + ":" + c.Account + ":configuration-recorder/default/sim",
		"roleARN":        "arn:aws:iam::" + c.Account + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
		"recordingGroup": rg, "recordingMode": map[string]any{"recordingFrequency": "CONTINUOUS"}}}}, nil
}

// describeConfigurationRecorderStatus says whether the recorder runs.
func describeConfigurationRecorderStatus(c *call) (any, *apiError) {
	st := map[string]any{"name": "default", "recording": c.state.recorder.on, "lastStatus": "Success",
		"lastStartTime": float64(created.Unix()), "lastStatusChangeTime": float64(created.Unix())}
	if !c.state.recorder.on {
		st["lastStopTime"] = float64(created.Unix())
	}
	return map[string]any{"ConfigurationRecordersStatus": []map[string]any{st}}, nil
}
