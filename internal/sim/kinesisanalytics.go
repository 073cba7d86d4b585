package sim

import (
	"net/http"
	"strings"
)

// Managed Service for Apache Flink (Kinesis Analytics v2; JSON 1.1, target
// prefix KinesisAnalytics_20180523, signing name kinesisanalytics):
// ListApplications, DescribeApplication and UpdateApplication
// (kinesisanalytics_update.go).

var kinesisAnalyticsOps = map[string]op{
	"ListApplications":    regionLocked(listFlinkApplications),
	"DescribeApplication": regionLocked(describeFlinkApplication),
	"UpdateApplication":   regionLocked(updateFlinkApplication),
}

func listFlinkApplications(c *call) (any, *apiError) {
	var req struct {
		Limit     int    `json:"Limit"`
		NextToken string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 50, limit: 50, invalid: badRequest("InvalidRequestException"),
		action: c.Action, max: req.Limit, token: req.NextToken}, c.state.flinkApps)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, a := range page {
		status := a.Status
		if a.Pending > 0 {
			status = "UPDATING"
		}
		out = append(out, map[string]any{"ApplicationName": a.Name, "ApplicationARN": a.ARN, "ApplicationStatus": status,
			"ApplicationVersionId": a.version(), "RuntimeEnvironment": "FLINK-1_18", "ApplicationMode": "STREAMING"})
	}
	return withNext(map[string]any{"ApplicationSummaries": out}, "NextToken", next), nil
}

func describeFlinkApplication(c *call) (any, *apiError) {
	var req struct {
		Name string `json:"ApplicationName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for i := range c.state.flinkApps {
		if a := &c.state.flinkApps[i]; a.Name == req.Name {
			updating := a.Pending > 0
			if updating {
				a.Pending--
			}
			return map[string]any{"ApplicationDetail": flinkDetailJSON(c, a, updating)}, nil
		}
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Application %s does not exist.", req.Name)
}

// flinkDetailJSON is an application as DescribeApplication and
// UpdateApplication answer it; updating: a change still applying.
func flinkDetailJSON(c *call, a *flinkApp, updating bool) map[string]any {
	vpcs := []map[string]any{}
	if a.Net != nil {
		vpcs = append(vpcs, map[string]any{"VpcConfigurationId": "1.1", "VpcId": a.VpcID, "SubnetIds": a.Net.Subnets, "SecurityGroupIds": a.Net.Groups})
	}
	status := a.Status
	if updating {
		status = "UPDATING"
	}
	return map[string]any{"ApplicationARN": a.ARN, "ApplicationName": a.Name,
		"RuntimeEnvironment": "FLINK-1_18", "ApplicationStatus": status, "ApplicationVersionId": a.version(), "ApplicationMode": "STREAMING",
		"ServiceExecutionRole":                "arn:aws:iam::" + c.Account + ":role/flink",
		"ApplicationConfigurationDescription": map[string]any{"VpcConfigurationDescriptions": vpcs}}
}

// kinesisAnalyticsSpecs are Flink's part of a region's scenario.
type kinesisAnalyticsSpecs struct {
	FlinkApplications []FlinkApplicationSpec `yaml:"flink_applications"`
}

// kinesisAnalyticsState is Flink's part of a regionState; UpdateApplication changes it.
type kinesisAnalyticsState struct {
	flinkApps []flinkApp
}

type flinkApp struct {
	Name, ARN, Status, VpcID string
	Net                      *awsvpc // nil: no VPC configuration
	// Version counts updates after the first (ApplicationVersionId 1).
	Version int
	// Pending is how many more reads show an update still applying.
	Pending int
}

func (a *flinkApp) version() int { return 1 + a.Version }

// FlinkApplicationSpec is a Managed Service for Apache Flink application:
// omitted groups mean no VPC configuration; status defaults to READY
// (stopped), RUNNING is the other.
type FlinkApplicationSpec struct {
	Name      string `yaml:"name"`
	Status    string `yaml:"status"`
	Placement `yaml:",inline"`
}

func (b *builder) addFlinkApplications() error {
	seen := map[string]bool{}
	for i, s := range b.res.FlinkApplications {
		at := path{"flink_applications", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		vpcID, net, err := b.optionalNet(s.Placement, at)
		if err != nil {
			return err
		}
		status := strings.ToUpper(s.Status)
		if status == "" {
			status = "READY"
		}
		b.st.flinkApps = append(b.st.flinkApps, flinkApp{Name: s.Name, Status: status, VpcID: vpcID, Net: net,
			ARN: b.arn("kinesisanalytics", "application/"+s.Name)})
	}
	return nil
}
