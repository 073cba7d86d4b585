package sim

import (
	"net/http"
	"strings"
)

// SageMaker model monitoring: ListMonitoringSchedules,
// DescribeMonitoringSchedule and the Describe of each monitoring type's
// job definition (sagemaker.go adds them to sagemakerOps and builds them
// after user profiles).

var monitoringTypes = []string{"DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"}

func listMonitoringSchedules(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.monitoringSchedules)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, m := range page {
		item := map[string]any{"MonitoringScheduleName": m.Name, "MonitoringScheduleArn": m.ARN, "CreationTime": 1700000000,
			"LastModifiedTime": 1700000000, "MonitoringScheduleStatus": "Scheduled", "EndpointName": "endpoint"}
		if !m.Inline {
			item["MonitoringJobDefinitionName"], item["MonitoringType"] = m.Name+"-definition", m.Type
		}
		out = append(out, item)
	}
	return withNext(map[string]any{"MonitoringScheduleSummaries": out}, "NextToken", next), nil
}

func monitoringVPC(m monitoringSchedule) map[string]any {
	return map[string]any{"VpcConfig": map[string]any{"SecurityGroupIds": m.Net.Groups, "Subnets": m.Net.Subnets}}
}

func describeMonitoringSchedule(c *call) (any, *apiError) {
	var req struct {
		Name string `json:"MonitoringScheduleName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, m := range c.state.monitoringSchedules {
		if m.Name != req.Name {
			continue
		}
		config := map[string]any{"MonitoringType": m.Type, "ScheduleConfig": map[string]any{"ScheduleExpression": "cron(0 * ? * * *)"}}
		if m.Inline {
			def := map[string]any{"MonitoringInputs": []any{}, "RoleArn": "arn:aws:iam::" + c.Account + ":role/sagemaker",
				"MonitoringOutputConfig":     monitoringOutput(),
				"MonitoringResources":        monitoringResources(),
				"MonitoringAppSpecification": map[string]any{"ImageUri": "monitor:latest"}}
			if m.Net != nil {
				def["NetworkConfig"] = monitoringVPC(m)
			}
			config["MonitoringJobDefinition"] = def
		} else {
			config["MonitoringJobDefinitionName"] = m.Name + "-definition"
		}
		return map[string]any{"MonitoringScheduleName": m.Name, "MonitoringScheduleArn": m.ARN, "MonitoringScheduleStatus": "Scheduled",
			"CreationTime": 1700000000, "LastModifiedTime": 1700000000, "MonitoringType": m.Type, "MonitoringScheduleConfig": config}, nil
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFound", "Monitoring schedule %s does not exist.", req.Name)
}

func monitoringOutput() map[string]any {
	return map[string]any{"MonitoringOutputs": []any{map[string]any{"S3Output": map[string]any{"S3Uri": "s3://bucket/monitor", "LocalPath": "/opt/ml/processing/output"}}}}
}

func monitoringResources() map[string]any {
	return map[string]any{"ClusterConfig": map[string]any{"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 20}}
}

// describeJobDefinition describes a named job definition of one type.
func describeJobDefinition(typ string) op {
	return func(c *call) (any, *apiError) {
		var req struct {
			Name string `json:"JobDefinitionName"`
		}
		if e := decodeJSON(c, &req); e != nil {
			return nil, e
		}
		for _, m := range c.state.monitoringSchedules {
			if m.Inline || m.Type != typ || m.Name+"-definition" != req.Name {
				continue
			}
			app := map[string]any{"ImageUri": "monitor:latest"}
			input := map[string]any{}
			if typ == "ModelBias" || typ == "ModelExplainability" {
				app["ConfigUri"] = "s3://bucket/analysis.json"
			}
			if typ == "ModelQuality" || typ == "ModelBias" {
				input["GroundTruthS3Input"] = map[string]any{"S3Uri": "s3://bucket/ground-truth"}
			}
			out := map[string]any{"JobDefinitionArn": strings.Replace(m.ARN, "monitoring-schedule/", "job-definition/", 1),
				"JobDefinitionName": req.Name, "CreationTime": 1700000000, "RoleArn": "arn:aws:iam::" + c.Account + ":role/sagemaker",
				typ + "AppSpecification": app, typ + "JobInput": input,
				typ + "JobOutputConfig": monitoringOutput(), "JobResources": monitoringResources()}
			if m.Net != nil {
				out["NetworkConfig"] = monitoringVPC(m)
			}
			return out, nil
		}
		return nil, errf(http.StatusBadRequest, "ResourceNotFound", "Job definition %s does not exist.", req.Name)
	}
}

// sageMakerMonitoringSpecs are the monitoring schedules' part of a region's scenario.
type sageMakerMonitoringSpecs struct {
	MonitoringSchedules []MonitoringScheduleSpec `yaml:"sagemaker_monitoring_schedules"`
}

// sageMakerMonitoringState is the monitoring schedules' part of a regionState.
type sageMakerMonitoringState struct {
	monitoringSchedules []monitoringSchedule
}

type monitoringSchedule struct {
	Name, ARN, Type string
	Inline          bool
	Net             *awsvpc // nil: no NetworkConfig
}

// MonitoringScheduleSpec is a model monitoring schedule: type is a
// monitoring type (DataQuality by default); inline puts the job definition
// in the schedule, else the schedule names "<name>-definition" of its
// type. Omitted groups: no VPC configuration.
type MonitoringScheduleSpec struct {
	Name      string `yaml:"name"`
	Type      string `yaml:"type"`
	Inline    bool   `yaml:"inline"`
	Placement `yaml:",inline"`
}

func (b *builder) addMonitoringSchedules() error {
	seen := map[string]bool{}
	for i, s := range b.res.MonitoringSchedules {
		at := path{"sagemaker_monitoring_schedules", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		typ := s.Type
		if typ == "" {
			typ = "DataQuality"
		}
		known := false
		for _, t := range monitoringTypes {
			known = known || t == typ
		}
		if !known {
			return b.errAt(append(at, "type"), "type %q is not one of %v", s.Type, monitoringTypes)
		}
		_, net, err := b.optionalNet(s.Placement, at)
		if err != nil {
			return err
		}
		b.st.monitoringSchedules = append(b.st.monitoringSchedules, monitoringSchedule{Name: s.Name, Type: typ, Inline: s.Inline, Net: net,
			ARN: b.arn("sagemaker", "monitoring-schedule/"+s.Name)})
	}
	return nil
}
