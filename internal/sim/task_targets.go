package sim

// An ECS task target of an EventBridge Scheduler schedule or an
// EventBridge pipe: both services hold the same awsvpc configuration.

// jobTarget is a schedule or pipe. Net is nil for a target without an
// awsvpc configuration. Body is what the last update sent (nil: as the
// scenario built it), answered back as it was.
type jobTarget struct {
	Name, Group, ARN, TargetARN string
	Net                         *awsvpc
	Body                        map[string]any
	// Pending is how many more DescribePipes show an updated pipe UPDATING.
	Pending int
}

// jobTargetOf resolves the target of a schedule or pipe.
func (b *builder) jobTargetOf(target, cluster string, p Placement, at path) (string, *awsvpc, error) {
	switch target {
	case "lambda":
		return b.arn("lambda", "function:handler"), nil, nil
	case "", "ecs":
	default:
		return "", nil, b.errAt(append(append(path{}, at...), "target"), "target %q is not ecs or lambda", target)
	}
	if p.Groups == nil {
		p.Groups = []string{} // no groups: the subnets' default group at run time
	}
	_, net, err := b.optionalNet(p, at)
	if err != nil {
		return "", nil, err
	}
	if cluster == "" {
		cluster = "default"
	}
	return b.arn("ecs", "cluster/"+cluster), net, nil
}
