package sim

import (
	"net/http"
	"strings"
)

// EventBridge Pipes (REST-JSON, signing name pipes): ListPipes and
// DescribePipe.

var pipesOps = map[string]op{
	"ListPipes":    regionLocked(listPipes),
	"DescribePipe": regionLocked(describePipe),
	// pipes_update.go
	"UpdatePipe": regionLocked(updatePipe),
}

var pipesInvalid = badRequest("ValidationException")

// pipesRoute adds PUT /v1/pipes/{Name} (UpdatePipe) to the reads.
func pipesRoute(r *http.Request) string {
	if r.Method == http.MethodPut {
		rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/v1/pipes/")
		if ok && rest != "" && !strings.Contains(rest, "/") {
			return "UpdatePipe"
		}
		return ""
	}
	return restGetRoute("/v1/pipes", "ListPipes", "DescribePipe")(r)
}

func pipeSource(c *call) string {
	return "arn:aws:sqs:" + c.Region + ":" + c.Account + ":source"
}

func listPipes(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	max, e := queryInt(c, "Limit", pipesInvalid)
	if e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: pipesInvalid, action: c.Action, max: max, token: q.Get("NextToken")}, c.state.pipes)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, p := range page {
		item := map[string]any{"Name": p.Name, "Arn": p.ARN, "CurrentState": p.pipeState(false), "DesiredState": "RUNNING",
			"Source": pipeSource(c), "Target": p.TargetARN}
		if _, ok := c.state.pipeKafkaSources[p.Name]; ok {
			item["Source"] = "smk://kafka.internal:9092"
		}
		out = append(out, item)
	}
	return withNext(map[string]any{"Pipes": out}, "NextToken", next), nil
}

func describePipe(c *call) (any, *apiError) {
	name, e := pathName(c, "/v1/pipes", pipesInvalid)
	if e != nil {
		return nil, e
	}
	for i := range c.state.pipes {
		p := &c.state.pipes[i]
		if p.Name != name {
			continue
		}
		out := map[string]any{"Name": p.Name, "Arn": p.ARN, "CurrentState": p.pipeState(true), "DesiredState": "RUNNING",
			"Source": pipeSource(c), "Target": p.TargetARN, "RoleArn": "arn:aws:iam::" + c.Account + ":role/pipes", "Tags": map[string]string{}}
		for k, v := range p.Body {
			out[k] = v
		}
		if src, ok := c.state.pipeKafkaSources[p.Name]; ok {
			out["Source"] = "smk://kafka.internal:9092"
			out["SourceParameters"] = map[string]any{"SelfManagedKafkaParameters": map[string]any{"TopicName": "orders",
				"StartingPosition": "LATEST", "Vpc": map[string]any{"Subnets": src.Subnets, "SecurityGroup": nonNil(src.Groups)}}}
		}
		if p.Body == nil && p.Net != nil {
			out["TargetParameters"] = map[string]any{"EcsTaskParameters": map[string]any{
				"TaskDefinitionArn": "arn:aws:ecs:" + c.Region + ":" + c.Account + ":task-definition/" + p.Name + ":1",
				"LaunchType":        "FARGATE", "TaskCount": 1, "NetworkConfiguration": awsvpcJSON(p.Net)}}
		}
		return out, nil
	}
	return nil, errf(http.StatusNotFound, "NotFoundException", "Pipe %s does not exist.", name)
}

// pipesSpecs are EventBridge Pipes' part of a region's scenario.
type pipesSpecs struct {
	Pipes []PipeSpec `yaml:"pipes"`
}

// pipesState is Pipes' part of a regionState; UpdatePipe changes it.
type pipesState struct {
	pipes []jobTarget
}

// PipeSpec is an EventBridge pipe (pipes) whose target is, by default, an
// ECS task in awsvpc mode; omitted groups are [] as for schedules. Target
// "lambda" has no network configuration.
type PipeSpec struct {
	Name      string `yaml:"name"`
	Target    string `yaml:"target"`  // "ecs" (default) or "lambda"
	Cluster   string `yaml:"cluster"` // ECS cluster name, for the target ARN only
	Placement `yaml:",inline"`
	// KafkaSource, when set, makes the source a self-managed Kafka
	// cluster polled from this VPC (SourceParameters
	// .SelfManagedKafkaParameters.Vpc; omitted groups: none, the VPC's
	// default group).
	KafkaSource *Placement `yaml:"kafka_source"`
}

func (b *builder) addPipes() error {
	seen := map[string]bool{}
	for i, p := range b.res.Pipes {
		at := path{"pipes", i}
		if err := b.unique(seen, p.Name, at); err != nil {
			return err
		}
		arn, net, err := b.jobTargetOf(p.Target, p.Cluster, p.Placement, at)
		if err != nil {
			return err
		}
		b.st.pipes = append(b.st.pipes, jobTarget{Name: p.Name,
			ARN: b.arn("pipes", "pipe/"+p.Name), TargetARN: arn, Net: net})
		if err := b.addPipeKafkaSource(p.Name, p.KafkaSource, append(at, "kafka_source")); err != nil {
			return err
		}
	}
	return nil
}

// pipeKafkaState holds the pipes whose source is a self-managed Kafka
// cluster in a VPC, by pipe name.
type pipeKafkaState struct {
	pipeKafkaSources map[string]*awsvpc
}

func (b *builder) addPipeKafkaSource(name string, src *Placement, at path) error {
	if src == nil {
		return nil
	}
	p := *src
	if p.Groups == nil {
		p.Groups = []string{}
	}
	_, net, err := b.optionalNet(p, at)
	if err != nil {
		return err
	}
	if b.st.pipeKafkaSources == nil {
		b.st.pipeKafkaSources = map[string]*awsvpc{}
	}
	b.st.pipeKafkaSources[name] = net
	return nil
}
