package sim

import "net/http"

// SageMaker (JSON 1.1, target prefix SageMaker, signing name sagemaker):
// ListNotebookInstances and DescribeNotebookInstance.

var sagemakerOps = map[string]op{
	"ListNotebookInstances":    listNotebookInstances,
	"DescribeNotebookInstance": describeNotebookInstance,
	"ListModels":               listSageMakerModels,
	"DescribeModel":            describeSageMakerModel,
	"ListDomains":              regionLocked(listSageMakerDomains),
	"DescribeDomain":           regionLocked(describeSageMakerDomain),
	"UpdateDomain":             regionLocked(updateSageMakerDomain),
	"ListUserProfiles":         regionLocked(listSageMakerUserProfiles),
	"DescribeUserProfile":      regionLocked(describeSageMakerUserProfile),
	"UpdateUserProfile":        regionLocked(updateSageMakerUserProfile),

	// Model monitoring (sagemaker_monitoring.go).
	"ListMonitoringSchedules":                  listMonitoringSchedules,
	"DescribeMonitoringSchedule":               describeMonitoringSchedule,
	"DescribeDataQualityJobDefinition":         describeJobDefinition("DataQuality"),
	"DescribeModelQualityJobDefinition":        describeJobDefinition("ModelQuality"),
	"DescribeModelBiasJobDefinition":           describeJobDefinition("ModelBias"),
	"DescribeModelExplainabilityJobDefinition": describeJobDefinition("ModelExplainability"),

	// Pipelines (sagemaker_pipelines.go).
	"ListPipelines":    listSageMakerPipelines,
	"DescribePipeline": describeSageMakerPipeline,
}

var sagemakerInvalid = badRequest("ValidationException")

func listNotebookInstances(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.notebooks)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, n := range page {
		out = append(out, map[string]any{"NotebookInstanceName": n.Name, "NotebookInstanceArn": n.ARN,
			"NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium"})
	}
	return withNext(map[string]any{"NotebookInstances": out}, "NextToken", next), nil
}

func describeNotebookInstance(c *call) (any, *apiError) {
	var req struct {
		NotebookInstanceName string `json:"NotebookInstanceName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, n := range c.state.notebooks {
		if n.Name != req.NotebookInstanceName {
			continue
		}
		out := map[string]any{"NotebookInstanceName": n.Name, "NotebookInstanceArn": n.ARN,
			"NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium", "DirectInternetAccess": "Enabled"}
		if n.Groups != nil {
			out["SubnetId"], out["SecurityGroups"], out["DirectInternetAccess"] = n.Subnets[0], append([]string{}, n.Groups...), "Disabled"
		}
		return out, nil
	}
	return nil, errf(http.StatusBadRequest, "ValidationException", "RecordNotFound")
}

// sageMakerSpecs are SageMaker's part of a region's scenario.
type sageMakerSpecs struct {
	SageMakerNotebookInstances []SageMakerNotebookSpec `yaml:"sagemaker_notebook_instances"`
	SageMakerModels            []SageMakerNotebookSpec `yaml:"sagemaker_models"`
	SageMakerDomains           []SageMakerDomainSpec   `yaml:"sagemaker_domains"`
}

// sageMakerState is SageMaker's part of a regionState; never changed.
type sageMakerState struct {
	notebooks        []sageMakerResource // nil Groups: not in a VPC
	sageMakerModels  []sageMakerResource // nil Groups: no VpcConfig
	sageMakerDomains []sageMakerDomain
}

// sageMakerResource is a notebook instance or a model.
type sageMakerResource struct {
	Name, ARN       string
	Subnets, Groups []string
}

// addSageMaker builds notebook instances, models, domains, user profiles, monitoring schedules and pipelines, in that
// order (generated ids depend on it).
func (b *builder) addSageMaker() error {
	for _, step := range []func() error{b.addNotebooks, b.addModels, b.addDomains, b.addUserProfiles, b.addMonitoringSchedules, b.addSageMakerPipelines} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// SageMakerNotebookSpec is a SageMaker notebook instance
// (sagemaker_notebook_instances). Omitted groups: not in a VPC.
type SageMakerNotebookSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
}

// SageMakerDomainSpec is a SageMaker Studio domain (sagemaker_domains):
// groups are DefaultUserSettings.SecurityGroups, space_groups
// DefaultSpaceSettings.SecurityGroups, domain_groups
// DomainSettings.SecurityGroupIds; omitted lists are empty.
type SageMakerDomainSpec struct {
	Name         string `yaml:"name"`
	Placement    `yaml:",inline"`
	SpaceGroups  []string `yaml:"space_groups"`
	DomainGroups []string `yaml:"domain_groups"`
}

type sageMakerDomain struct {
	ID, Name, ARN, VpcID string
	Subnets              []string
	User, Space, Domain  []string
	// Pending is how many more reads show an update still applying.
	Pending int
}

func (b *builder) addNotebooks() error {
	seen := map[string]bool{}
	for i, n := range b.res.SageMakerNotebookInstances {
		at := path{"sagemaker_notebook_instances", i}
		if err := b.unique(seen, n.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(n.Placement, at)
		if err != nil {
			return err
		}
		nb := sageMakerResource{Name: n.Name, ARN: b.arn("sagemaker", "notebook-instance/"+n.Name)}
		if net != nil {
			nb.Subnets, nb.Groups = net.Subnets, net.Groups
		}
		b.st.notebooks = append(b.st.notebooks, nb)
	}
	return nil
}

func (b *builder) addModels() error {
	seen := map[string]bool{}
	for i, m := range b.res.SageMakerModels {
		at := path{"sagemaker_models", i}
		if err := b.unique(seen, m.Name, at); err != nil {
			return err
		}
		_, net, err := b.optionalNet(m.Placement, at)
		if err != nil {
			return err
		}
		md := sageMakerResource{Name: m.Name, ARN: b.arn("sagemaker", "model/"+m.Name)}
		if net != nil {
			md.Subnets, md.Groups = net.Subnets, net.Groups
		}
		b.st.sageMakerModels = append(b.st.sageMakerModels, md)
	}
	return nil
}

func (b *builder) addDomains() error {
	seen := map[string]bool{}
	for i, d := range b.res.SageMakerDomains {
		at := path{"sagemaker_domains", i}
		if err := b.unique(seen, d.Name, at); err != nil {
			return err
		}
		dom := sageMakerDomain{ID: "d-" + b.st.ids.hexN("sagemaker-domain", 12), Name: d.Name}
		dom.ARN = b.arn("sagemaker", "domain/"+dom.ID)
		for _, list := range []struct {
			key    string
			groups []string
			out    *[]string
		}{{"groups", d.Groups, &dom.User}, {"space_groups", d.SpaceGroups, &dom.Space}, {"domain_groups", d.DomainGroups, &dom.Domain}} {
			if list.groups == nil {
				list.groups = []string{}
			}
			vpcID, ids, err := b.placed(Placement{VPC: d.VPC, Groups: list.groups}, false, append(append(path{}, at...), list.key))
			if err != nil {
				return err
			}
			dom.VpcID, *list.out = vpcID, ids
		}
		sn, err := b.subnetOf(dom.VpcID, "", at)
		if err != nil {
			return err
		}
		dom.Subnets = []string{sn.ID}
		b.st.sageMakerDomains = append(b.st.sageMakerDomains, dom)
	}
	return nil
}
