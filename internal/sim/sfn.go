package sim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// AWS Step Functions (JSON 1.0, target prefix AWSStepFunctions, signing
// name states): ListStateMachines, DescribeStateMachine,
// ListStateMachineVersions and UpdateStateMachine (a new definition,
// optionally published as the next version). A state
// machine's definition is Amazon States Language; a scenario gives it
// verbatim or has one generated: a Task state running an ECS task.

var sfnOps = map[string]op{
	"ListStateMachines":        regionLocked(listStateMachines),
	"DescribeStateMachine":     regionLocked(describeStateMachine),
	"ListStateMachineVersions": regionLocked(listStateMachineVersions),
	"UpdateStateMachine":       regionLocked(updateStateMachine),
}

func listStateMachines(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"maxResults"`
		NextToken  string `json:"nextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 1000, invalid: badRequest("InvalidToken"),
		action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.stateMachines)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, m := range page {
		out = append(out, map[string]any{"stateMachineArn": m.ARN, "name": m.Name, "type": "STANDARD", "creationDate": 1700000000})
	}
	return withNext(map[string]any{"stateMachines": out}, "nextToken", next), nil
}

func describeStateMachine(c *call) (any, *apiError) {
	var req struct {
		StateMachineArn string `json:"stateMachineArn"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if !strings.HasPrefix(req.StateMachineArn, "arn:aws:states:") {
		return nil, errf(http.StatusBadRequest, "InvalidArn", "Invalid Arn: '%s'", req.StateMachineArn)
	}
	for _, m := range c.state.stateMachines {
		def := m.Definition
		if req.StateMachineArn != m.ARN {
			// A version ARN: the machine's ARN, ":" and the version number.
			n, err := strconv.Atoi(strings.TrimPrefix(req.StateMachineArn, m.ARN+":"))
			if !strings.HasPrefix(req.StateMachineArn, m.ARN+":") || err != nil || n < 1 || n > len(m.Versions) {
				continue
			}
			def = m.Versions[n-1]
		}
		return map[string]any{"stateMachineArn": req.StateMachineArn, "name": m.Name, "status": "ACTIVE", "definition": def,
			"roleArn": "arn:aws:iam::" + c.Account + ":role/states", "type": "STANDARD", "creationDate": 1700000000,
			"loggingConfiguration": map[string]any{"level": "OFF", "includeExecutionData": false}}, nil
	}
	return nil, errf(http.StatusBadRequest, "StateMachineDoesNotExist", "State Machine Does Not Exist: '%s'", req.StateMachineArn)
}

// listStateMachineVersions lists a machine's published versions, newest
// first, as Step Functions does.
func listStateMachineVersions(c *call) (any, *apiError) {
	var req struct {
		StateMachineArn string `json:"stateMachineArn"`
		MaxResults      int    `json:"maxResults"`
		NextToken       string `json:"nextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if !strings.HasPrefix(req.StateMachineArn, "arn:aws:states:") {
		return nil, errf(http.StatusBadRequest, "InvalidArn", "Invalid Arn: '%s'", req.StateMachineArn)
	}
	var versions []string
	for _, m := range c.state.stateMachines {
		if m.ARN == req.StateMachineArn {
			for n := len(m.Versions); n >= 1; n-- {
				versions = append(versions, m.ARN+":"+strconv.Itoa(n))
			}
		}
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 1000, invalid: badRequest("InvalidToken"),
		action: c.Action + req.StateMachineArn, max: req.MaxResults, token: req.NextToken}, versions)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, v := range page {
		out = append(out, map[string]any{"stateMachineVersionArn": v, "creationDate": 1700000000})
	}
	return withNext(map[string]any{"stateMachineVersions": out}, "nextToken", next), nil
}

// sfnSpecs are Step Functions' part of a region's scenario.
type sfnSpecs struct {
	StateMachines []StateMachineSpec `yaml:"state_machines"`
}

// sfnState is Step Functions' part of a regionState; UpdateStateMachine
// changes a definition and publishes versions.
type sfnState struct {
	stateMachines []stateMachine
}

type stateMachine struct {
	Name, ARN, Definition string
	Versions              []string // published definitions, version n at n-1
}

// StateMachineSpec is a state machine (state_machines). Without a
// definition, one Task state runs an ECS task (target "ecs", the default)
// in the placement's VPC: omitted groups write no SecurityGroups at all,
// so the task runs in its subnets' default group; target "lambda" invokes
// a function instead.
type StateMachineSpec struct {
	Name                    string `yaml:"name"`
	StateMachineVersionSpec `yaml:",inline"`
	// Versions are published versions 1, 2, …, each with its own definition.
	Versions []StateMachineVersionSpec `yaml:"versions"`
}

// StateMachineVersionSpec is one definition: verbatim, or generated.
type StateMachineVersionSpec struct {
	Definition string `yaml:"definition"` // verbatim Amazon States Language
	Target     string `yaml:"target"`     // "ecs" (default) or "lambda"
	Cluster    string `yaml:"cluster"`    // ECS cluster name, for its ARN only
	Placement  `yaml:",inline"`
}

func (b *builder) addStateMachines() error {
	seen := map[string]bool{}
	for i, s := range b.res.StateMachines {
		at := path{"state_machines", i}
		if err := b.unique(seen, s.Name, at); err != nil {
			return err
		}
		def, err := b.definitionOf(s.Name, s.StateMachineVersionSpec, at)
		if err != nil {
			return err
		}
		m := stateMachine{Name: s.Name, ARN: b.arn("states", "stateMachine:"+s.Name), Definition: def}
		for j, v := range s.Versions {
			def, err := b.definitionOf(s.Name, v, append(at, "versions", j))
			if err != nil {
				return err
			}
			m.Versions = append(m.Versions, def)
		}
		b.st.stateMachines = append(b.st.stateMachines, m)
	}
	return nil
}

func (b *builder) definitionOf(name string, s StateMachineVersionSpec, at path) (string, error) {
	if s.Definition != "" {
		if !json.Valid([]byte(s.Definition)) {
			return "", b.errAt(append(append(path{}, at...), "definition"), "definition is not JSON")
		}
		return s.Definition, nil
	}
	arn, net, err := b.jobTargetOf(s.Target, s.Cluster, s.Placement, at)
	if err != nil {
		return "", err
	}
	return generatedDefinition(name, arn, net), nil
}

// generatedDefinition is one Task state: RunTask in awsvpc mode on the
// cluster with ARN target, or a Lambda invocation when net is nil.
func generatedDefinition(name, target string, net *awsvpc) string {
	state := map[string]any{"Type": "Task", "End": true}
	if net == nil {
		state["Resource"] = "arn:aws:states:::lambda:invoke"
		state["Parameters"] = map[string]any{"FunctionName": target}
	} else {
		vpc := map[string]any{"Subnets": net.Subnets, "AssignPublicIp": "DISABLED"}
		if len(net.Groups) > 0 {
			vpc["SecurityGroups"] = net.Groups
		}
		state["Resource"] = "arn:aws:states:::ecs:runTask.sync"
		state["Parameters"] = map[string]any{"Cluster": target, "TaskDefinition": name, "LaunchType": "FARGATE",
			"NetworkConfiguration": map[string]any{"AwsvpcConfiguration": vpc}}
	}
	def, _ := json.Marshal(map[string]any{"Comment": name, "StartAt": "Run", "States": map[string]any{"Run": state}})
	return string(def)
}

// updateStateMachine replaces the definition verbatim (DescribeStateMachine
// returns the string sent) and, with publish, makes it the next version.
// The definition is checked as JSON with StartAt and States, as far as the
// simulator validates Amazon States Language; roleArn and the
// configurations are accepted and not modelled.
func updateStateMachine(c *call) (any, *apiError) {
	var req struct {
		StateMachineArn string  `json:"stateMachineArn"`
		Definition      *string `json:"definition"`
		RoleArn         *string `json:"roleArn"`
		Publish         bool    `json:"publish"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if !strings.HasPrefix(req.StateMachineArn, "arn:aws:states:") {
		return nil, errf(http.StatusBadRequest, "InvalidArn", "Invalid Arn: '%s'", req.StateMachineArn)
	}
	var m *stateMachine
	for i := range c.state.stateMachines {
		if c.state.stateMachines[i].ARN == req.StateMachineArn {
			m = &c.state.stateMachines[i]
		}
	}
	if m == nil {
		return nil, errf(http.StatusBadRequest, "StateMachineDoesNotExist", "State Machine Does Not Exist: '%s'", req.StateMachineArn)
	}
	if req.Definition == nil && req.RoleArn == nil {
		return nil, errf(http.StatusBadRequest, "MissingRequiredParameter", "Either the definition or the roleArn must be specified")
	}
	if req.Definition != nil {
		var doc struct {
			StartAt string         `json:"StartAt"`
			States  map[string]any `json:"States"`
		}
		if err := json.Unmarshal([]byte(*req.Definition), &doc); err != nil || doc.StartAt == "" || doc.States[doc.StartAt] == nil {
			return nil, errf(http.StatusBadRequest, "InvalidDefinition", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED'")
		}
		m.Definition = *req.Definition
	}
	out := map[string]any{"updateDate": 1700000100, "revisionId": strconv.Itoa(len(m.Versions) + 1)}
	if req.Publish {
		m.Versions = append(m.Versions, m.Definition)
		out["stateMachineVersionArn"] = m.ARN + ":" + strconv.Itoa(len(m.Versions))
	}
	return out, nil
}
