// Package aggregator reads, through an AWS Config aggregator, the
// resources that hold security groups in every account and region with a
// few paginated advanced queries (SelectAggregateResourceConfig), instead
// of tens of calls per account-region (--inventory config:NAME).
//
// The invariant: a cell (account, region) is answered from the aggregator
// for a resource type only when it is proven to record that type there —
// the cell's configuration recorder is recording and its recording group
// includes the type (read in the cell: DescribeConfigurationRecorders and
// ...RecorderStatus, as Config does not record its recorders as
// resources), and the aggregator's source for the cell is not FAILED or
// OUTDATED. Every other cell, and every finder that has no Config
// equivalent, is answered by the direct finder, and the report names the
// source of each cell (docs/INVENTORY.md). Reads only.
package aggregator

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// IAM is every action reading the aggregator calls, in the caller's
// account.
var IAM = []string{"config:SelectAggregateResourceConfig", "config:DescribeConfigurationAggregatorSourcesStatus"}

// RecorderIAM is what reading a cell's recorder calls, in every account.
var RecorderIAM = []string{"config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus"}

// RecorderAPI reads one account-region's recorders; *configservice.Client
// satisfies it.
type RecorderAPI interface {
	DescribeConfigurationRecorders(ctx context.Context, in *configservice.DescribeConfigurationRecordersInput, opts ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecordersOutput, error)
	DescribeConfigurationRecorderStatus(ctx context.Context, in *configservice.DescribeConfigurationRecorderStatusInput, opts ...func(*configservice.Options)) (*configservice.DescribeConfigurationRecorderStatusOutput, error)
}

// API is what reading the aggregator calls; *configservice.Client
// satisfies it.
type API interface {
	configservice.SelectAggregateResourceConfigAPIClient
	configservice.DescribeConfigurationAggregatorSourcesStatusAPIClient
}

// Cell is one account-region.
type Cell struct{ Account, Region string }

// Spec is a parsed --inventory value: config:NAME or config:NAME@REGION.
type Spec struct {
	Name   string
	Region string // "" = the default region
}

// ParseSpec parses --inventory.
func ParseSpec(s string) (Spec, error) {
	rest, ok := strings.CutPrefix(s, "config:")
	if !ok || rest == "" {
		return Spec{}, fmt.Errorf("--inventory %q: want config:AGGREGATOR or config:AGGREGATOR@REGION", s)
	}
	name, region, _ := strings.Cut(rest, "@")
	if name == "" {
		return Spec{}, fmt.Errorf("--inventory %q: the aggregator name is empty", s)
	}
	return Spec{Name: name, Region: region}, nil
}

// String is the source name the report shows.
func (s Spec) String() string { return "config:" + s.Name }

// Inventory is what the aggregator holds, read once before the finders run.
type Inventory struct {
	Spec Spec
	// Err is set when the aggregator could not be read: every cell is then
	// answered directly, and the report says why.
	Err error

	failed  map[Cell]string // source status other than SUCCEEDED
	items   map[string]map[Cell][]json.RawMessage
	typeErr map[string]error

	// NewRecorderAPI makes the client that reads a cell's recorders.
	NewRecorderAPI func(aws.Config) RecorderAPI
	mu             sync.Mutex
	recorders      map[Cell]*cellRecorder
}

// cellRecorder is a cell's recording groups, read once.
type cellRecorder struct {
	once   sync.Once
	groups []recordingGroup
	err    error
}

// Answer says whether the aggregator answers typ in c, and if not why;
// cfg reads c's recorders the first time c is asked about.
func (inv *Inventory) Answer(ctx context.Context, c Cell, cfg aws.Config, typ string) (bool, string) {
	switch {
	case inv.Err != nil:
		return false, "aggregator not read: " + inv.Err.Error()
	case inv.typeErr[typ] != nil:
		return false, typ + " not read: " + inv.typeErr[typ].Error()
	case inv.failed[c] != "":
		return false, "aggregator source " + inv.failed[c]
	}
	r := inv.recorder(ctx, c, cfg)
	if r.err != nil {
		return false, "recorder not read: " + r.err.Error()
	}
	if len(r.groups) == 0 {
		return false, "no configuration recorder is recording in this account-region"
	}
	for _, rg := range r.groups {
		if rg.records(typ) {
			return true, ""
		}
	}
	return false, "the recorder does not record " + typ
}

// recorder returns c's recorders, reading them the first time.
func (inv *Inventory) recorder(ctx context.Context, c Cell, cfg aws.Config) *cellRecorder {
	inv.mu.Lock()
	if inv.recorders == nil {
		inv.recorders = map[Cell]*cellRecorder{}
	}
	r := inv.recorders[c]
	if r == nil {
		r = &cellRecorder{}
		inv.recorders[c] = r
	}
	inv.mu.Unlock()
	r.once.Do(func() {
		r.groups, r.err = readRecorders(ctx, inv.NewRecorderAPI(cfg))
		r.err = awsx.Wrap(c.Account, c.Region, "config:DescribeConfigurationRecorders", r.err)
	})
	return r
}

// ReadRecorders reads the recorders of cells (cfgOf gives each cell's
// credentials) limit at a time, before the finders run: read lazily, the
// finders of a cell would hold pool slots while one of them reads.
func (inv *Inventory) ReadRecorders(ctx context.Context, cells []Cell, cfgOf func(Cell) aws.Config, limit int) {
	if inv.Err != nil {
		return
	}
	units := make([]awsx.Unit, len(cells))
	_, _ = awsx.Run(ctx, limit, units, func(ctx context.Context, i int, _ awsx.Unit) (struct{}, error) {
		inv.recorder(ctx, cells[i], cfgOf(cells[i]))
		return struct{}{}, nil
	})
}

// readRecorders returns the recording groups of the recorders that are
// recording.
func readRecorders(ctx context.Context, api RecorderAPI) ([]recordingGroup, error) {
	st, err := api.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{})
	if err != nil {
		return nil, err
	}
	on := map[string]bool{}
	for _, s := range st.ConfigurationRecordersStatus {
		on[aws.ToString(s.Name)] = s.Recording
	}
	recs, err := api.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
	if err != nil {
		return nil, err
	}
	var out []recordingGroup
	for _, r := range recs.ConfigurationRecorders {
		g := r.RecordingGroup
		if !on[aws.ToString(r.Name)] || g == nil {
			continue
		}
		rg := recordingGroup{AllSupported: g.AllSupported}
		for _, t := range g.ResourceTypes {
			rg.ResourceTypes = append(rg.ResourceTypes, string(t))
		}
		if g.ExclusionByResourceTypes != nil {
			for _, t := range g.ExclusionByResourceTypes.ResourceTypes {
				rg.ExclusionByResourceTypes.ResourceTypes = append(rg.ExclusionByResourceTypes.ResourceTypes, string(t))
			}
		}
		if g.RecordingStrategy != nil {
			rg.RecordingStrategy.UseOnly = string(g.RecordingStrategy.UseOnly)
		}
		out = append(out, rg)
	}
	return out, nil
}

// Items returns the configuration items of typ in c.
func (inv *Inventory) Items(c Cell, typ string) []json.RawMessage { return inv.items[typ][c] }

// recordingGroup is what a recorder records (RecordingGroup in the API).
type recordingGroup struct {
	AllSupported             bool     `json:"allSupported"`
	ResourceTypes            []string `json:"resourceTypes"`
	ExclusionByResourceTypes struct {
		ResourceTypes []string `json:"resourceTypes"`
	} `json:"exclusionByResourceTypes"`
	RecordingStrategy struct {
		UseOnly string `json:"useOnly"`
	} `json:"recordingStrategy"`
}

func (rg recordingGroup) records(typ string) bool {
	switch {
	case rg.AllSupported:
		return true
	case rg.RecordingStrategy.UseOnly == "EXCLUSION_BY_RESOURCE_TYPES":
		return !slices.Contains(rg.ExclusionByResourceTypes.ResourceTypes, typ)
	case rg.RecordingStrategy.UseOnly == "INCLUSION_BY_RESOURCE_TYPES", rg.RecordingStrategy.UseOnly == "":
		return slices.Contains(rg.ResourceTypes, typ)
	}
	return false // a strategy this version does not know: read directly
}

// Query is one type's advanced query: the properties a Config-answered
// finder needs.
type Query struct {
	Type   string
	Select []string
}

// Read reads the aggregator: which sources do not deliver, and the items
// of each query, one query per region, in parallel. Any failure is
// returned as Inventory.Err: every cell is then read directly.
func Read(ctx context.Context, api API, account, region string, spec Spec, regions []string, queries []Query) *Inventory {
	inv := &Inventory{Spec: spec, failed: map[Cell]string{},
		items: map[string]map[Cell][]json.RawMessage{}, typeErr: map[string]error{},
		NewRecorderAPI: func(cfg aws.Config) RecorderAPI { return configservice.NewFromConfig(cfg) }}
	wrap := func(op string, err error) error { return awsx.Wrap(account, region, op+" "+spec.Name, err) }
	if err := inv.readSources(ctx, api); err != nil {
		inv.Err = wrap("config:DescribeConfigurationAggregatorSourcesStatus", err)
		return inv
	}
	type job struct {
		types  []string
		region string
		fields []string
	}
	// Queries selecting the same properties run as one (resourceType IN
	// (…)): Config's own API rate is low, and the presence types need only
	// their ids.
	var merged []job
	for _, q := range queries {
		i := slices.IndexFunc(merged, func(j job) bool { return slices.Equal(j.fields, q.Select) })
		if i < 0 {
			merged = append(merged, job{fields: q.Select})
			i = len(merged) - 1
		}
		merged[i].types = append(merged[i].types, q.Type)
	}
	var jobs []job
	for _, r := range regions {
		for _, m := range merged {
			jobs = append(jobs, job{m.types, r, m.fields})
		}
	}
	var mu sync.Mutex
	units := make([]awsx.Unit, len(jobs))
	_, _ = awsx.Run(ctx, 32, units, func(ctx context.Context, i int, _ awsx.Unit) (struct{}, error) {
		j := jobs[i]
		rows, err := selectAll(ctx, api, spec.Name, j.types, j.region, j.fields)
		mu.Lock()
		defer mu.Unlock()
		// Any query that fails makes the whole aggregator unread: every
		// cell direct, and the report and stderr say why.
		fail := func(err error) {
			if inv.Err == nil {
				inv.Err = err
			}
			for _, t := range j.types {
				if inv.typeErr[t] == nil {
					inv.typeErr[t] = err
				}
			}
		}
		if err != nil {
			fail(wrap("config:SelectAggregateResourceConfig", err))
			return struct{}{}, nil
		}
		for _, row := range rows {
			var head struct {
				AccountID    string `json:"accountId"`
				AwsRegion    string `json:"awsRegion"`
				ResourceType string `json:"resourceType"`
			}
			if err := json.Unmarshal([]byte(row), &head); err != nil || !slices.Contains(j.types, head.ResourceType) {
				fail(wrap("config:SelectAggregateResourceConfig", fmt.Errorf("result row %.200s: not an item of %s (%v)", row, strings.Join(j.types, ", "), err)))
				continue
			}
			c := Cell{head.AccountID, head.AwsRegion}
			typ := head.ResourceType
			if inv.items[typ] == nil {
				inv.items[typ] = map[Cell][]json.RawMessage{}
			}
			inv.items[typ][c] = append(inv.items[typ][c], json.RawMessage(row))
		}
		return struct{}{}, nil
	})
	if err := ctx.Err(); err != nil && inv.Err == nil {
		inv.Err = err
	}
	return inv
}

// readSources records every source whose last update did not succeed.
func (inv *Inventory) readSources(ctx context.Context, api API) error {
	p := configservice.NewDescribeConfigurationAggregatorSourcesStatusPaginator(api, &configservice.DescribeConfigurationAggregatorSourcesStatusInput{
		ConfigurationAggregatorName: aws.String(inv.Spec.Name),
		UpdateStatus:                []cfgtypes.AggregatedSourceStatusType{cfgtypes.AggregatedSourceStatusTypeFailed, cfgtypes.AggregatedSourceStatusTypeOutdated},
		Limit:                       100,
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, s := range page.AggregatedSourceStatusList {
			msg := strings.TrimSpace(string(s.LastUpdateStatus) + " " + aws.ToString(s.LastErrorCode))
			inv.failed[Cell{aws.ToString(s.SourceId), aws.ToString(s.AwsRegion)}] = msg
		}
	}
	return nil
}

// selectAll runs one query of types in one region, every page.
func selectAll(ctx context.Context, api API, name string, types []string, region string, fields []string) ([]string, error) {
	quoted := make([]string, len(types))
	for i, t := range types {
		quoted[i] = quote(t)
	}
	cond := "resourceType = " + quoted[0]
	if len(types) > 1 {
		cond = "resourceType IN (" + strings.Join(quoted, ", ") + ")"
	}
	expr := "SELECT " + strings.Join(append([]string{"accountId", "awsRegion", "resourceType"}, fields...), ", ") +
		" WHERE " + cond + " AND awsRegion = " + quote(region)
	p := configservice.NewSelectAggregateResourceConfigPaginator(api, &configservice.SelectAggregateResourceConfigInput{
		ConfigurationAggregatorName: aws.String(name), Expression: aws.String(expr), Limit: 100,
	})
	var out []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		out = append(out, page.Results...)
	}
	return out, nil
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
