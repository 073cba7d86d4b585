package aggregator

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeAPI answers each query from rows keyed by "type region", in pages of
// two, and fails the types in fail.
type fakeAPI struct {
	t       *testing.T
	rows    map[string][]string
	failed  []cfgtypes.AggregatedSourceStatus
	fail    map[string]error
	sources error
}

func (f *fakeAPI) SelectAggregateResourceConfig(_ context.Context, in *configservice.SelectAggregateResourceConfigInput, _ ...func(*configservice.Options)) (*configservice.SelectAggregateResourceConfigOutput, error) {
	expr := aws.ToString(in.Expression)
	types := []string{between(expr, "resourceType = '", "'")}
	if strings.Contains(expr, "resourceType IN (") {
		types = strings.Split(strings.ReplaceAll(between(expr, "resourceType IN (", ")"), "'", ""), ", ")
	}
	region := between(expr, "awsRegion = '", "'")
	var rows []string
	for _, typ := range types {
		if err := f.fail[typ]; err != nil {
			return nil, err
		}
		rows = append(rows, f.rows[typ+" "+region]...)
	}
	start := 0
	if in.NextToken != nil {
		start = len(aws.ToString(in.NextToken))
	}
	end := min(start+2, len(rows))
	out := &configservice.SelectAggregateResourceConfigOutput{Results: rows[start:end]}
	if end < len(rows) {
		out.NextToken = aws.String(strings.Repeat("x", end))
	}
	return out, nil
}

func (f *fakeAPI) DescribeConfigurationAggregatorSourcesStatus(_ context.Context, in *configservice.DescribeConfigurationAggregatorSourcesStatusInput, _ ...func(*configservice.Options)) (*configservice.DescribeConfigurationAggregatorSourcesStatusOutput, error) {
	if len(in.UpdateStatus) != 2 {
		f.t.Errorf("sources read without the FAILED/OUTDATED filter: %v", in.UpdateStatus)
	}
	return &configservice.DescribeConfigurationAggregatorSourcesStatusOutput{AggregatedSourceStatusList: f.failed}, f.sources
}

func between(s, a, b string) string {
	_, rest, _ := strings.Cut(s, a)
	v, _, _ := strings.Cut(rest, b)
	return v
}

// recorderFake is one cell's recorders; in tests the cell is named by the
// config's region.
type recorderFake struct {
	recording bool
	group     *cfgtypes.RecordingGroup
	err       error
}

func (r recorderFake) DescribeConfigurationRecorders(context.Context, *configservice.DescribeConfigurationRecordersInput, ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecordersOutput, error) {
	return &configservice.DescribeConfigurationRecordersOutput{ConfigurationRecorders: []cfgtypes.ConfigurationRecorder{{Name: aws.String("default"), RecordingGroup: r.group}}}, r.err
}

func (r recorderFake) DescribeConfigurationRecorderStatus(context.Context, *configservice.DescribeConfigurationRecorderStatusInput, ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecorderStatusOutput, error) {
	return &configservice.DescribeConfigurationRecorderStatusOutput{ConfigurationRecordersStatus: []cfgtypes.ConfigurationRecorderStatus{{Name: aws.String("default"), Recording: r.recording}}}, r.err
}

func recorders(inv *Inventory, cells map[string]recorderFake) {
	inv.NewRecorderAPI = func(cfg aws.Config) RecorderAPI { return cells[cfg.Region] }
}

func cellCfg(account string) aws.Config { return aws.Config{Region: account} }

var all = &cfgtypes.RecordingGroup{AllSupported: true}

func eni(account, region, id, group, extra string) string {
	return `{"accountId":"` + account + `","awsRegion":"` + region + `","resourceType":"` + eniType + `","configuration":{"networkInterfaceId":"` + id +
		`","groups":[{"groupId":"` + group + `"}]` + extra + `}}`
}

const eniType = "AWS::EC2::NetworkInterface"

func TestAnswerOnlyWhereTheRecorderProvesTheType(t *testing.T) {
	api := &fakeAPI{t: t, rows: map[string][]string{
		eniType + " r1": {eni("a", "r1", "eni-1", "sg-d", ""), eni("a", "r1", "eni-2", "sg-x", ""), eni("d", "r1", "eni-3", "sg-d", "")},
	}, failed: []cfgtypes.AggregatedSourceStatus{{SourceId: aws.String("e"), AwsRegion: aws.String("r1"),
		LastUpdateStatus: cfgtypes.AggregatedSourceStatusTypeOutdated}}}
	inv := Read(context.Background(), api, "m", "r1", Spec{Name: "org"}, []string{"r1"}, Queries())
	if inv.Err != nil {
		t.Fatal(inv.Err)
	}
	recorders(inv, map[string]recorderFake{
		"a": {recording: true, group: all},
		"b": {recording: true, group: &cfgtypes.RecordingGroup{ResourceTypes: []cfgtypes.ResourceType{"AWS::EC2::Instance"},
			RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: cfgtypes.RecordingStrategyTypeInclusionByResourceTypes}}},
		"c": {recording: true, group: &cfgtypes.RecordingGroup{ExclusionByResourceTypes: &cfgtypes.ExclusionByResourceTypes{ResourceTypes: []cfgtypes.ResourceType{eniType}},
			RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: cfgtypes.RecordingStrategyTypeExclusionByResourceTypes}}},
		"d": {recording: true, group: &cfgtypes.RecordingGroup{ExclusionByResourceTypes: &cfgtypes.ExclusionByResourceTypes{ResourceTypes: []cfgtypes.ResourceType{"AWS::EC2::Volume"}},
			RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: cfgtypes.RecordingStrategyTypeExclusionByResourceTypes}}},
		"e": {recording: true, group: all},
		"f": {recording: false, group: all},
		"g": {recording: true, group: &cfgtypes.RecordingGroup{ResourceTypes: []cfgtypes.ResourceType{eniType}, RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: "SOMETHING_NEW"}}},
		"h": {err: errors.New("AccessDeniedException: no")},
	})
	for cell, want := range map[string]string{
		"a": "", "b": "does not record", "c": "does not record", "d": "", "e": "OUTDATED", "f": "no configuration recorder is recording",
		"g": "does not record", "h": "AccessDenied",
	} {
		ok, why := inv.Answer(context.Background(), Cell{cell, "r1"}, cellCfg(cell), eniType)
		if ok != (want == "") || !strings.Contains(why, want) {
			t.Errorf("%s: answer %v %q, want %q", cell, ok, why, want)
		}
	}
	for _, typ := range []string{"AWS::Lambda::Function", "AWS::EKS::Cluster"} {
		if ok, why := inv.Answer(context.Background(), Cell{"d", "r1"}, cellCfg("d"), typ); !ok || len(inv.Items(Cell{"d", "r1"}, typ)) != 0 {
			t.Errorf("%s in d: %v %q, %d items", typ, ok, why, len(inv.Items(Cell{"d", "r1"}, typ)))
		}
	}
	if n := len(inv.Items(Cell{"a", "r1"}, eniType)); n != 2 {
		t.Fatalf("%d items in a, want 2 (pages of 2 read to the end)", n)
	}
	us, err := interfaceUsages(inv.Items(Cell{"a", "r1"}, eniType), usage.Target{GroupIDs: []string{"sg-d"}})
	if err != nil || len(us) != 1 || us[0].ResourceID != "eni-1" || us[0].GroupID != "sg-d" {
		t.Fatalf("usages %+v %v", us, err)
	}
}

func TestAFailedQueryMakesItsTypeDirect(t *testing.T) {
	denied := errors.New("AccessDeniedException: no")
	api := &fakeAPI{t: t, rows: map[string][]string{}, fail: map[string]error{eniType: denied}}
	inv := Read(context.Background(), api, "m", "r1", Spec{Name: "org"}, []string{"r1"}, Queries())
	recorders(inv, map[string]recorderFake{"a": {recording: true, group: all}})
	if ok, why := inv.Answer(context.Background(), Cell{"a", "r1"}, cellCfg("a"), eniType); ok || !strings.Contains(why, "AccessDenied") || !strings.Contains(why, "SelectAggregateResourceConfig") {
		t.Fatalf("answer %v %q", ok, why)
	}
	api.fail = nil
	api.rows["AWS::Lambda::Function r1"] = []string{`{"accountId":"a","awsRegion":"r1","resourceType":"AWS::S3::Bucket"}`}
	inv = Read(context.Background(), api, "m", "r1", Spec{Name: "org"}, []string{"r1"}, Queries())
	recorders(inv, map[string]recorderFake{"a": {recording: true, group: all}})
	if ok, why := inv.Answer(context.Background(), Cell{"a", "r1"}, cellCfg("a"), "AWS::EKS::Cluster"); ok || !strings.Contains(why, "not an item of") {
		t.Fatalf("a row of an unasked type: %v %q", ok, why)
	}
	api.sources = denied
	if inv := Read(context.Background(), api, "m", "r1", Spec{Name: "org"}, []string{"r1"}, Queries()); inv.Err == nil ||
		!strings.Contains(inv.Err.Error(), "DescribeConfigurationAggregatorSourcesStatus") {
		t.Fatalf("sources not read: %v", inv.Err)
	}
}

func TestWrapRecordsEachCellsSource(t *testing.T) {
	inv := &Inventory{Spec: Spec{Name: "org"}, failed: map[Cell]string{}, typeErr: map[string]error{},
		items: map[string]map[Cell][]json.RawMessage{eniType: {{"a", "r1"}: {json.RawMessage(eni("a", "r1", "eni-1", "sg-d", `,"attachment":{"instanceId":"i-1"}`))}}}}
	directCalls := 0
	finders := []usage.Finder{
		{Name: "ec2-network-interfaces", Find: func(context.Context, aws.Config, usage.Target) ([]usage.Usage, error) { directCalls++; return nil, nil }},
		{Name: "ec2-security-group-references", Find: func(context.Context, aws.Config, usage.Target) ([]usage.Usage, error) { directCalls++; return nil, nil }},
		{Name: "lambda-functions", Find: func(context.Context, aws.Config, usage.Target) ([]usage.Usage, error) { directCalls++; return nil, nil }},
	}
	inv.NewRecorderAPI = func(cfg aws.Config) RecorderAPI {
		if cfg.AppID == "a" {
			return recorderFake{recording: true, group: all}
		}
		return recorderFake{}
	}
	src := &Sources{}
	w := Wrap(inv, finders, src)
	us, _ := w[0].Find(context.Background(), aws.Config{AppID: "a"}, usage.Target{Account: "a", Region: "r1", GroupIDs: []string{"sg-d"}})
	if len(us) != 1 || us[0].ResourceID != "i-1" || us[0].ResourceType == "" {
		t.Fatalf("usages %+v", us)
	}
	_, _ = w[0].Find(context.Background(), aws.Config{}, usage.Target{Account: "b", Region: "r1"})
	_, _ = w[1].Find(context.Background(), aws.Config{}, usage.Target{Account: "a", Region: "r1"})
	if directCalls != 2 {
		t.Fatalf("%d direct calls, want 2 (b's interfaces, a's group references)", directCalls)
	}
	cells := src.Cells()
	if len(cells) != 2 || len(cells[0].Config) != 1 || len(cells[0].Direct) != 0 || len(cells[1].Direct) != 1 || cells[1].Direct[0].Reason == "" {
		t.Fatalf("cells %+v", cells)
	}
	// Presence: no function recorded in a → no users, no call; one
	// recorded → read directly.
	if us, err := w[2].Find(context.Background(), aws.Config{AppID: "a"}, usage.Target{Account: "a", Region: "r1"}); us != nil || err != nil || directCalls != 2 {
		t.Fatalf("no functions: %v %v, %d direct calls", us, err, directCalls)
	}
	inv.items["AWS::Lambda::Function"] = map[Cell][]json.RawMessage{{"a", "r1"}: {json.RawMessage(`{"resourceType":"AWS::Lambda::Function","resourceId":"fn"}`)}}
	_, _ = w[2].Find(context.Background(), aws.Config{AppID: "a"}, usage.Target{Account: "a", Region: "r1"})
	cells = src.Cells()
	if directCalls != 3 || len(cells) != 2 || !slices.Equal(cells[0].Config, []string{"ec2-network-interfaces", "lambda-functions"}) ||
		len(cells[0].Direct) != 1 || !strings.Contains(cells[0].Direct[0].Reason, "1 AWS::Lambda::Function recorded") {
		t.Fatalf("%d direct calls, cells %+v", directCalls, cells)
	}
	want := []Count{{"ec2-network-interfaces", "config:org", 1}, {"ec2-network-interfaces", "direct", 1},
		{"lambda-functions", "config:org", 1}, {"lambda-functions", "direct", 1}}
	if got := src.Counts(); !slices.Equal(got, want) {
		t.Fatalf("counts %+v", got)
	}
}

func TestParseSpec(t *testing.T) {
	for in, want := range map[string]Spec{"config:org": {Name: "org"}, "config:org@eu-west-1": {Name: "org", Region: "eu-west-1"}} {
		if got, err := ParseSpec(in); err != nil || got != want {
			t.Errorf("%s: %+v %v", in, got, err)
		}
	}
	for _, in := range []string{"org", "config:", "config:@us-east-1", "direct"} {
		if _, err := ParseSpec(in); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}
