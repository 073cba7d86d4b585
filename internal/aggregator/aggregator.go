// Package aggregator reads, through an AWS Config aggregator, the
// resources that hold security groups in every account and region with a
// few paginated advanced queries (SelectAggregateResourceConfig), instead
// of tens of calls per account-region (--inventory config:NAME).
//
// The invariant: a cell (account, region) is answered from the aggregator
// for a resource type only when the aggregator proves it records that type
// there — the cell's configuration recorder is a recorded item whose
// recording group includes the type, and the cell's source is not FAILED
// or OUTDATED. Every other cell, and every finder that has no Config
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

// IAM is every action reading the aggregator calls.
var IAM = []string{"config:SelectAggregateResourceConfig", "config:DescribeConfigurationAggregatorSourcesStatus"}

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

	recorders map[Cell][]recordingGroup
	failed    map[Cell]string // source status other than SUCCEEDED
	items     map[string]map[Cell][]json.RawMessage
	typeErr   map[string]error
}

// Answer says whether the aggregator answers typ in c, and if not why.
func (inv *Inventory) Answer(c Cell, typ string) (bool, string) {
	switch {
	case inv.Err != nil:
		return false, "aggregator not read: " + inv.Err.Error()
	case inv.typeErr[typ] != nil:
		return false, typ + " not read: " + inv.typeErr[typ].Error()
	case inv.failed[c] != "":
		return false, "aggregator source " + inv.failed[c]
	}
	rgs, ok := inv.recorders[c]
	if !ok {
		return false, "no configuration recorder recorded in this account-region"
	}
	for _, rg := range rgs {
		if rg.records(typ) {
			return true, ""
		}
	}
	return false, "the recorder does not record " + typ
}

// Items returns the configuration items of typ in c.
func (inv *Inventory) Items(c Cell, typ string) []json.RawMessage { return inv.items[typ][c] }

// recordingGroup is the part of AWS::Config::ConfigurationRecorder's
// configuration that says what it records (RecordingGroup in the API).
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

const recorderType = "AWS::Config::ConfigurationRecorder"

// Read reads the aggregator: which sources deliver, every region's
// recorders, and the items of each query, one query per region, in
// parallel. A failure to read the sources or recorders is returned as
// Inventory.Err (every cell direct); a failure of one type's query makes
// that type direct everywhere.
func Read(ctx context.Context, api API, account, region string, spec Spec, regions []string, queries []Query) *Inventory {
	inv := &Inventory{Spec: spec, recorders: map[Cell][]recordingGroup{}, failed: map[Cell]string{},
		items: map[string]map[Cell][]json.RawMessage{}, typeErr: map[string]error{}}
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
		jobs = append(jobs, job{[]string{recorderType}, r, []string{"configuration.recordingGroup"}})
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
		fail := func(err error) {
			if j.types[0] == recorderType {
				if inv.Err == nil {
					inv.Err = err
				}
				return
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
				AccountID     string `json:"accountId"`
				AwsRegion     string `json:"awsRegion"`
				ResourceType  string `json:"resourceType"`
				Configuration struct {
					RecordingGroup *recordingGroup `json:"recordingGroup"`
				} `json:"configuration"`
			}
			if err := json.Unmarshal([]byte(row), &head); err != nil || !slices.Contains(j.types, head.ResourceType) {
				fail(wrap("config:SelectAggregateResourceConfig", fmt.Errorf("result row %.200s: not an item of %s (%v)", row, strings.Join(j.types, ", "), err)))
				continue
			}
			c := Cell{head.AccountID, head.AwsRegion}
			typ := head.ResourceType
			if typ == recorderType {
				if rg := head.Configuration.RecordingGroup; rg != nil {
					inv.recorders[c] = append(inv.recorders[c], *rg)
				}
				continue
			}
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
