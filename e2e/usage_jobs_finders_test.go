package e2e

import (
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// jobFinderCases: scheduled and batch workloads (EventBridge Scheduler,
// Pipes, Batch). For each, a resource on a default group (present), the
// same resource on "web" or without a network configuration (absent), and
// the call to deny.
var jobFinderCases = []struct {
	name, finder, present, absent, want string
	deny                                sim.DenyRule
}{
	{"schedule", "scheduler-schedules",
		"        schedules: [{name: nightly, group: ops, cluster: main, groups: [web, default]}]",
		"        schedules: [{name: nightly, groups: [web]}, {name: ping, target: lambda}]",
		"sg-0def latent ops/nightly", sim.DenyRule{Service: "scheduler", Action: "GetSchedule"}},
	{"schedule-no-group", "scheduler-schedules",
		"        schedules: [{name: nightly, vpc: data}]", // no groups: the subnets' default group
		"        schedules: [{name: nightly, groups: [web]}]",
		"sg-0ded latent nightly", sim.DenyRule{Service: "scheduler", Action: "ListSchedules"}},
	{"pipe", "eventbridge-pipes",
		"        pipes: [{name: orders, groups: [default]}]",
		"        pipes: [{name: orders, groups: [web]}, {name: to-lambda, target: lambda}]",
		"sg-0def latent orders", sim.DenyRule{Service: "pipes", Action: "DescribePipe"}},
	{"pipe-no-group", "eventbridge-pipes",
		"        pipes: [{name: orders, vpc: prod}]",
		"        pipes: [{name: orders, target: lambda}]",
		"sg-0dee latent orders", sim.DenyRule{Service: "pipes", Action: "*"}},
	{"pipe-kafka-source", "eventbridge-pipes",
		// A self-managed Kafka source polled from VPC data, naming no group.
		"        pipes: [{name: orders, target: lambda, kafka_source: {vpc: data}}]",
		"        pipes: [{name: orders, target: lambda, kafka_source: {groups: [web]}}]",
		"sg-0ded latent orders", sim.DenyRule{Service: "pipes", Action: "DescribePipe"}},
	{"batch", "batch-compute-environments",
		"        batch_compute_environments: [{name: gpu, vpc: data, launch_template: batch-lt, groups: [default]}]",
		"        batch_compute_environments: [{name: gpu, groups: [web]}, {name: unmanaged}]",
		"sg-0ded latent gpu", sim.DenyRule{Service: "batch", Action: "DescribeComputeEnvironments"}},
	{"sagemaker-notebook", "sagemaker-notebook-instances",
		"        sagemaker_notebook_instances: [{name: lab, vpc: prod, groups: [default]}]",
		"        sagemaker_notebook_instances: [{name: lab, groups: [web]}, {name: no-vpc}]",
		"sg-0dee live lab", sim.DenyRule{Service: "sagemaker", Action: "DescribeNotebookInstance"}},
	{"sagemaker-model", "sagemaker-models",
		"        sagemaker_models: [{name: churn, vpc: data, groups: [default]}]",
		"        sagemaker_models: [{name: churn, groups: [web]}, {name: no-vpc}]",
		"sg-0ded latent churn", sim.DenyRule{Service: "sagemaker", Action: "ListModels"}},
	{"sagemaker-domain", "sagemaker-domains",
		"        sagemaker_domains: [{name: studio, vpc: prod, space_groups: [default]}]",
		"        sagemaker_domains: [{name: studio, groups: [web]}]",
		"sg-0dee latent studio", sim.DenyRule{Service: "sagemaker", Action: "DescribeDomain"}},
	{"sagemaker-user-profile", "sagemaker-user-profiles",
		"        sagemaker_domains: [{name: studio, vpc: prod, groups: [sg-0dee]}]\n" +
			"        sagemaker_user_profiles: [{name: ana, domain: studio, groups: [default]}, {name: bo, domain: studio}]",
		"        sagemaker_domains: [{name: studio}]\n        sagemaker_user_profiles: [{name: ana, domain: studio, groups: [web]}]",
		"sg-0dee latent d-60b1fa4d1b96/ana", sim.DenyRule{Service: "sagemaker", Action: "DescribeUserProfile"}},
	{"sagemaker-monitoring-schedule", "sagemaker-monitoring-schedules",
		// Every monitoring type's job definition is read; ModelBias's is on the default group.
		"        sagemaker_monitoring_schedules: [{name: inline, inline: true, groups: [web]}, {name: data, groups: [web]},\n" +
			"          {name: quality, type: ModelQuality, groups: [web]}, {name: bias, type: ModelBias, vpc: prod, groups: [default]},\n" +
			"          {name: explain, type: ModelExplainability, groups: [web]}]",
		"        sagemaker_monitoring_schedules: [{name: inline, inline: true, groups: [web]}, {name: bias, type: ModelBias, groups: [web]}, {name: plain}]",
		"sg-0dee latent bias", sim.DenyRule{Service: "sagemaker", Action: "DescribeModelBiasJobDefinition"}},
	{"sagemaker-pipeline", "sagemaker-pipelines",
		"        sagemaker_pipelines: [{name: train, vpc: data, groups: [default]}, {name: no-vpc}]",
		"        sagemaker_pipelines: [{name: train, groups: [web]}, {name: no-vpc}]",
		"sg-0ded latent train", sim.DenyRule{Service: "sagemaker", Action: "DescribePipeline"}},
	{"emr", "emr-clusters",
		"        emr_clusters: [{name: etl, vpc: data, groups: [default]}]",
		"        emr_clusters: [{name: etl, groups: [web]}]",
		"sg-0ded live etl", sim.DenyRule{Service: "elasticmapreduce", Action: "DescribeCluster"}},
	{"state-machine", "sfn-state-machines",
		"        state_machines: [{name: etl, cluster: jobs, groups: [web, default]}]",
		"        state_machines: [{name: etl, groups: [web]}, {name: invoke, target: lambda}]",
		"sg-0def latent etl", sim.DenyRule{Service: "states", Action: "DescribeStateMachine"}},
	{"state-machine-no-group", "sfn-state-machines",
		"        state_machines: [{name: etl, vpc: data}]", // no SecurityGroups: the subnets' default group
		"        state_machines: [{name: etl, groups: [web]}]",
		"sg-0ded latent etl", sim.DenyRule{Service: "states", Action: "ListStateMachines"}},
	{"state-machine-version", "sfn-state-machines",
		// The latest definition moved to web; published version 1 still runs in the default group.
		"        state_machines: [{name: etl, groups: [web], versions: [{groups: [default]}, {groups: [web]}]}]",
		"        state_machines: [{name: etl, groups: [web], versions: [{groups: [web]}]}]",
		"sg-0def latent etl:1", sim.DenyRule{Service: "states", Action: "ListStateMachineVersions"}},
	{"imagebuilder", "imagebuilder-infrastructure-configurations",
		"        imagebuilder_infrastructure_configurations: [{name: golden, vpc: prod, groups: [default], tags: {aws:cloudformation:stack-name: ami}}]",
		"        imagebuilder_infrastructure_configurations: [{name: golden, groups: [web]}]",
		"sg-0dee latent golden", sim.DenyRule{Service: "imagebuilder", Action: "GetInfrastructureConfiguration"}},
	{"imagebuilder-no-group", "imagebuilder-infrastructure-configurations",
		// No securityGroupIds: the build instance gets its subnet's VPC default group.
		"        imagebuilder_infrastructure_configurations: [{name: golden, vpc: data}, {name: bare, no_subnet: true, vpc: prod}]",
		"        imagebuilder_infrastructure_configurations: [{name: golden, groups: [web]}]",
		"sg-0def latent bare; sg-0ded latent golden", sim.DenyRule{Service: "imagebuilder", Action: "ListInfrastructureConfigurations"}},
	{"emrserverless", "emrserverless-applications",
		"        emrserverless_applications: [{name: spark, vpc: prod, groups: [default]}, {name: public}]",
		"        emrserverless_applications: [{name: spark, groups: [web]}, {name: public}]",
		"sg-0dee latent 00c006184fac9a85", sim.DenyRule{Service: "emr-serverless", Action: "GetApplication"}},
	{"emrserverless-no-group", "emrserverless-applications",
		"        emrserverless_applications: [{name: spark, vpc: data, groups: []}]", // subnets only: the VPC's default group
		"        emrserverless_applications: [{name: spark, groups: [web]}]",
		"sg-0ded latent 00c006184fac9a85", sim.DenyRule{Service: "emr-serverless", Action: "ListApplications"}},
}

func TestUsageJobFindersPresentAbsentDenied(t *testing.T) {
	for _, tc := range jobFinderCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkAppFinder(t, tc.finder, tc.present, tc.absent, tc.want, tc.deny)
		})
	}
}

// A state machine whose ECS task takes its groups from the execution input
// could run in a default group: the finder's coverage is unknown, and the
// state machine read beside it is still reported.
func TestUsageStateMachineGroupsChosenAtRunTimeAreUnknown(t *testing.T) {
	t.Parallel()
	scenario := appScenario(`        state_machines:
          - {name: etl, groups: [default]}
          - name: dynamic
            definition: '{"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true,
              "Parameters": {"Cluster": "jobs", "TaskDefinition": "td", "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "SecurityGroups.$": "$.groups"}}}}}}'`)
	rep, r := appUsageRun(t, startSim(t, scenario), "--regions", "us-east-1")
	if r.Code != 4 || rep.status("", "sfn-state-machines") != "unknown" || !strings.Contains(r.Stdout+r.Stderr, "chosen at run time") {
		t.Fatalf("exit %d, coverage %s\n%s\n%s", r.Code, rep.status("", "sfn-state-machines"), r.Stdout, r.Stderr)
	}
	if got := strings.Join(rep.found("sfn-state-machines"), "; "); got != "sg-0def latent etl" {
		t.Fatalf("users %q", got)
	}
}
