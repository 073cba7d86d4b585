package sfn

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// ecsRunTask matches the Resource of a Task state that starts an ECS task:
// the optimized integration (ecs:runTask, .sync, .waitForTaskToken) and the
// AWS SDK integration (aws-sdk:ecs:runTask), in any partition.
var ecsRunTask = regexp.MustCompile(`^arn:[a-z-]+:states:::(aws-sdk:)?ecs:runTask(\.|$)`)

// ecsTask is one Task state's awsvpc configuration.
type ecsTask struct {
	State           string
	Groups, Subnets []string
}

// ecsTasks returns the Task states of an Amazon States Language definition
// that run ECS tasks with an awsvpc configuration, wherever they are
// nested (Parallel branches, Map iterators and item processors). A task
// without NetworkConfiguration cannot be awsvpc (RunTask refuses it) and
// holds no group. A network given by a path ("SecurityGroups.$") or a
// JSONata expression ("{% … %}") is chosen at run time: that is an error,
// since no group can be ruled out.
func ecsTasks(definition string) ([]ecsTask, error) {
	var doc any
	if err := json.Unmarshal([]byte(definition), &doc); err != nil {
		return nil, fmt.Errorf("definition is not JSON: %w", err)
	}
	var out []ecsTask
	var dynamic []string
	var walk func(name string, v any)
	walk = func(name string, v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(name, e)
			}
		case map[string]any:
			if r, ok := v["Resource"].(string); ok && ecsRunTask.MatchString(r) {
				task, known := taskNetwork(name, v)
				if !known {
					dynamic = append(dynamic, name)
				} else if task != nil {
					out = append(out, *task)
				}
			}
			if states, ok := v["States"].(map[string]any); ok {
				for _, n := range sortedKeys(states) {
					walk(n, states[n])
				}
			}
			for _, k := range sortedKeys(v) {
				if k != "States" {
					walk(name, v[k])
				}
			}
		}
	}
	walk("", doc)
	if len(dynamic) > 0 {
		return out, fmt.Errorf("ECS task network of state %s is chosen at run time", strings.Join(dynamic, ", "))
	}
	return out, nil
}

// taskNetwork reads a Task state's awsvpc configuration: nil when it has
// none; known is false when any part of it is computed at run time.
func taskNetwork(name string, state map[string]any) (task *ecsTask, known bool) {
	params, known := field(state, "Parameters")
	if params == nil && known {
		params, known = field(state, "Arguments")
	}
	if !known {
		return nil, false
	}
	net, known := field(asMap(params), "NetworkConfiguration")
	if !known || net == nil {
		return nil, known
	}
	vpc, known := field(asMap(net), "AwsvpcConfiguration")
	if !known || vpc == nil {
		return nil, known
	}
	groups, gKnown := literals(asMap(vpc), "SecurityGroups")
	subnets, sKnown := literals(asMap(vpc), "Subnets")
	// Named groups are all that matters; with none, the subnets decide.
	if !gKnown || (len(groups) == 0 && !sKnown) {
		return nil, false
	}
	return &ecsTask{State: name, Groups: groups, Subnets: subnets}, true
}

// field returns m[key]; known is false when the value is computed at run
// time: a JSONPath key ("key.$") or a JSONata string ("{% … %}").
func field(m map[string]any, key string) (v any, known bool) {
	if m == nil {
		return nil, true
	}
	if _, ok := m[key+".$"]; ok {
		return nil, false
	}
	v = m[key]
	if s, ok := v.(string); ok && strings.HasPrefix(strings.TrimSpace(s), "{%") {
		return nil, false
	}
	return v, true
}

// literals reads a list of literal strings.
func literals(m map[string]any, key string) ([]string, bool) {
	v, known := field(m, key)
	if !known {
		return nil, false
	}
	list, _ := v.([]any)
	var out []string
	for _, e := range list {
		s, ok := e.(string)
		if !ok || strings.HasPrefix(strings.TrimSpace(s), "{%") {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
