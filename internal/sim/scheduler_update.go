package sim

import (
	"encoding/json"
	"net/http"
	"time"
)

// updateSchedule replaces the whole schedule with the request, as AWS
// does ("uses all values, including empty values, specified in the request
// and overrides the existing schedule"): a member left out is gone. It
// checks what the API reference requires (FlexibleTimeWindow,
// ScheduleExpression, Target with Arn and RoleArn) and refuses a StartDate
// more than 5 minutes ago, as AWS does for CreateSchedule. Groups are not
// checked: Scheduler checks them when it runs the task.
func updateSchedule(c *call) (any, *apiError) {
	name, e := pathName(c, "/schedules", schedulerInvalid)
	if e != nil {
		return nil, e
	}
	var body map[string]any
	var req struct {
		GroupName          string          `json:"GroupName"`
		ScheduleExpression string          `json:"ScheduleExpression"`
		FlexibleTimeWindow json.RawMessage `json:"FlexibleTimeWindow"`
		StartDate          *float64        `json:"StartDate"`
		Target             *struct {
			Arn           string `json:"Arn"`
			RoleArn       string `json:"RoleArn"`
			EcsParameters *struct {
				NetworkConfiguration *struct {
					AwsvpcConfiguration *struct {
						Subnets        []string `json:"Subnets"`
						SecurityGroups []string `json:"SecurityGroups"`
						AssignPublicIP string   `json:"AssignPublicIp"`
					} `json:"awsvpcConfiguration"`
				} `json:"NetworkConfiguration"`
			} `json:"EcsParameters"`
		} `json:"Target"`
	}
	if e := decodeJSON(c, &body); e != nil {
		return nil, e
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	group := req.GroupName
	if group == "" {
		group = "default"
	}
	var s *jobTarget
	for i := range c.state.schedules {
		if c.state.schedules[i].Name == name && c.state.schedules[i].Group == group {
			s = &c.state.schedules[i]
		}
	}
	switch {
	case req.ScheduleExpression == "" || len(req.FlexibleTimeWindow) == 0 || req.Target == nil || req.Target.Arn == "" || req.Target.RoleArn == "":
		return nil, schedulerInvalid("FlexibleTimeWindow, ScheduleExpression, Target.Arn and Target.RoleArn are required.")
	case req.StartDate != nil && time.Unix(int64(*req.StartDate), 0).Before(time.Now().Add(-5*time.Minute)):
		return nil, schedulerInvalid("The StartDate you specify cannot be earlier than 5 minutes ago.")
	case s == nil:
		return nil, errf(http.StatusNotFound, "ResourceNotFoundException", "Schedule %s does not exist.", name)
	}
	delete(body, "ClientToken")
	s.Body, s.TargetARN, s.Net = body, req.Target.Arn, nil
	if p := req.Target.EcsParameters; p != nil && p.NetworkConfiguration != nil && p.NetworkConfiguration.AwsvpcConfiguration != nil {
		v := p.NetworkConfiguration.AwsvpcConfiguration
		s.Net = &awsvpc{Subnets: v.Subnets, Groups: v.SecurityGroups, PublicIP: v.AssignPublicIP == "ENABLED"}
	}
	return map[string]any{"ScheduleArn": s.ARN}, nil
}
