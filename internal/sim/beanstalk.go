package sim

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Elastic Beanstalk (awsQuery, 2010-12-01): DescribeEnvironments,
// DescribeConfigurationSettings and ListTagsForResource of a running
// environment, and UpdateEnvironment of its SecurityGroups option
// settings. Lists use member elements.
//
// An update leaves the environment "Updating" for its answer and
// beanstalkUpdateReads more DescribeEnvironments reads, then "Ready"; an
// update while Updating is refused with the InvalidParameterValue
// Beanstalk answers ("Environment named … is in an invalid state for this
// operation. Must be Ready."). Option values are kept verbatim, as
// Beanstalk stores what it was given.

var beanstalkOps = map[string]op{
	"DescribeEnvironments":          regionLocked(describeBeanstalkEnvironments),
	"DescribeConfigurationSettings": regionLocked(describeBeanstalkConfiguration),
	"ListTagsForResource":           regionLocked(listBeanstalkTags),
	"UpdateEnvironment":             regionLocked(updateBeanstalkEnvironment),
}

// beanstalkUpdateReads is how many DescribeEnvironments reads after an
// UpdateEnvironment still show the environment Updating.
const beanstalkUpdateReads = 2

var beanstalkPager = pager{"MaxRecords", "NextToken", 1, 1000, 1000, "InvalidParameterValue"}

type xmlBeanstalkEnv struct {
	EnvironmentName string `xml:"EnvironmentName"`
	EnvironmentID   string `xml:"EnvironmentId"`
	EnvironmentArn  string `xml:"EnvironmentArn"`
	ApplicationName string `xml:"ApplicationName"`
	Status          string `xml:"Status"`
	Health          string `xml:"Health"`
}

type describeBeanstalkEnvironmentsResult struct {
	Environments []xmlBeanstalkEnv `xml:"Environments>member"`
	NextToken    string            `xml:"NextToken,omitempty"`
}

func describeBeanstalkEnvironments(c *call) (any, *apiError) {
	var envs []*beanstalkEnv
	names, ids := formList(c, "EnvironmentNames"), formList(c, "EnvironmentIds")
	for i := range c.state.beanstalkEnvs {
		e := &c.state.beanstalkEnvs[i]
		if app := c.Form.Get("ApplicationName"); app != "" && app != e.Application {
			continue
		}
		if (len(names) > 0 && !slices.Contains(names, e.Name)) || (len(ids) > 0 && !slices.Contains(ids, e.ID)) {
			continue
		}
		envs = append(envs, e)
	}
	from, to, next, err := beanstalkPager.page(c, c.Form.Get, len(envs))
	if err != nil {
		return nil, err
	}
	res := describeBeanstalkEnvironmentsResult{Environments: []xmlBeanstalkEnv{}, NextToken: next}
	for _, e := range envs[from:to] {
		res.Environments = append(res.Environments, beanstalkEnvXML(e))
		if e.Pending > 0 {
			e.Pending--
		}
	}
	return res, nil
}

// beanstalkEnvXML is e as Beanstalk describes it.
func beanstalkEnvXML(e *beanstalkEnv) xmlBeanstalkEnv {
	status := "Ready"
	if e.Pending > 0 {
		status = "Updating"
	}
	return xmlBeanstalkEnv{EnvironmentName: e.Name, EnvironmentID: e.ID,
		EnvironmentArn: e.ARN, ApplicationName: e.Application, Status: status, Health: "Green"}
}

// updateBeanstalkEnvironment sets option settings of an environment named
// by EnvironmentName or EnvironmentId. Only the SecurityGroups options are
// modelled; any other option is refused rather than silently ignored.
func updateBeanstalkEnvironment(c *call) (any, *apiError) {
	name, id := c.Form.Get("EnvironmentName"), c.Form.Get("EnvironmentId")
	if name == "" && id == "" {
		return nil, missingParameter("EnvironmentName or EnvironmentId")
	}
	i := slices.IndexFunc(c.state.beanstalkEnvs, func(e beanstalkEnv) bool {
		return (name == "" || e.Name == name) && (id == "" || e.ID == id)
	})
	if i < 0 {
		if id != "" {
			return nil, invalidParameterValue("No Environment found for EnvironmentId = '%s'.", id)
		}
		return nil, invalidParameterValue("No Environment found for EnvironmentName = '%s'.", name)
	}
	e := &c.state.beanstalkEnvs[i]
	if e.Pending > 0 {
		return nil, invalidParameterValue("Environment named %s is in an invalid state for this operation. Must be Ready.", e.Name)
	}
	type setting struct{ key, value string }
	var sets []setting
	for n := 1; ; n++ {
		p := "OptionSettings.member." + strconv.Itoa(n) + "."
		ns, opt := c.Form.Get(p+"Namespace"), c.Form.Get(p+"OptionName")
		if ns == "" && opt == "" {
			break
		}
		key := ns + "/" + opt
		if key != "aws:autoscaling:launchconfiguration/SecurityGroups" && key != e.lbOption() {
			return nil, invalidParameterValue("The simulator models only the SecurityGroups options of this environment "+
				"(aws:autoscaling:launchconfiguration and %s), not %s.", strings.TrimSuffix(e.lbOption(), "/SecurityGroups"), key)
		}
		sets = append(sets, setting{key, c.Form.Get(p + "Value")})
	}
	for _, s := range sets {
		if s.key == "aws:autoscaling:launchconfiguration/SecurityGroups" {
			e.InstanceGroups = s.value
		} else {
			e.LBGroups = s.value
		}
	}
	if len(sets) > 0 {
		e.Pending = beanstalkUpdateReads + 1 // the answer and the reads after it
	}
	res := beanstalkEnvXML(e)
	if e.Pending > 0 {
		e.Pending--
	}
	return res, nil
}

type xmlBeanstalkTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type listBeanstalkTagsResult struct {
	ResourceArn  string            `xml:"ResourceArn"`
	ResourceTags []xmlBeanstalkTag `xml:"ResourceTags>member"`
}

// listBeanstalkTags lists an environment's tags: the scenario's and the
// two Beanstalk adds to every environment.
func listBeanstalkTags(c *call) (any, *apiError) {
	arn := c.Form.Get("ResourceArn")
	if arn == "" {
		return nil, missingParameter("ResourceArn")
	}
	for _, e := range c.state.beanstalkEnvs {
		if e.ARN != arn {
			continue
		}
		res := listBeanstalkTagsResult{ResourceArn: arn, ResourceTags: []xmlBeanstalkTag{
			{"elasticbeanstalk:environment-id", e.ID}, {"elasticbeanstalk:environment-name", e.Name}}}
		for _, t := range e.Tags {
			res.ResourceTags = append(res.ResourceTags, xmlBeanstalkTag{t.Key, t.Value})
		}
		return res, nil
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "Resource %s not found.", arn)
}

type xmlOptionSetting struct {
	Namespace    string `xml:"Namespace"`
	OptionName   string `xml:"OptionName"`
	ResourceName string `xml:"ResourceName,omitempty"`
	Value        string `xml:"Value"`
}

type xmlConfigurationSettings struct {
	ApplicationName string             `xml:"ApplicationName"`
	EnvironmentName string             `xml:"EnvironmentName"`
	DeploymentState string             `xml:"DeploymentStatus"`
	OptionSettings  []xmlOptionSetting `xml:"OptionSettings>member"`
}

type describeBeanstalkConfigurationResult struct {
	ConfigurationSettings []xmlConfigurationSettings `xml:"ConfigurationSettings>member"`
}

func describeBeanstalkConfiguration(c *call) (any, *apiError) {
	app, name := c.Form.Get("ApplicationName"), c.Form.Get("EnvironmentName")
	if app == "" {
		return nil, errf(http.StatusBadRequest, "MissingParameter", "ApplicationName is required")
	}
	for _, e := range c.state.beanstalkEnvs {
		if e.Application != app || e.Name != name {
			continue
		}
		lbNS, _, _ := strings.Cut(e.lbOption(), "/")
		opts := []xmlOptionSetting{
			{Namespace: "aws:autoscaling:launchconfiguration", OptionName: "SecurityGroups", Value: e.InstanceGroups},
			{Namespace: "aws:elasticbeanstalk:environment", OptionName: "LoadBalancerType", Value: e.LBType},
			{Namespace: lbNS, OptionName: "SecurityGroups", Value: e.LBGroups},
			{Namespace: "aws:elasticbeanstalk:environment", OptionName: "EnvironmentType", Value: "LoadBalanced"},
			{Namespace: "aws:autoscaling:updatepolicy:rollingupdate", OptionName: "RollingUpdateEnabled", Value: strconv.FormatBool(e.Rolling != "disabled")},
			{Namespace: "aws:autoscaling:updatepolicy:rollingupdate", OptionName: "RollingUpdateType", Value: e.rollingType()},
		}
		return describeBeanstalkConfigurationResult{ConfigurationSettings: []xmlConfigurationSettings{{ApplicationName: app,
			EnvironmentName: name, DeploymentState: "deployed", OptionSettings: opts}}}, nil
	}
	return nil, errf(http.StatusBadRequest, "InvalidParameterValue", "No Environment found for EnvironmentName = '%s'.", name)
}

// beanstalkSpecs are Elastic Beanstalk's part of a region's scenario.
type beanstalkSpecs struct {
	BeanstalkEnvironments []BeanstalkEnvironmentSpec `yaml:"beanstalk_environments"`
}

// beanstalkState is Beanstalk's part of a regionState; UpdateEnvironment
// changes it under the region's lock.
type beanstalkState struct {
	beanstalkEnvs []beanstalkEnv
}

// BeanstalkEnvironmentSpec is an Elastic Beanstalk environment. Its
// option settings name groups by id or name, verbatim, as Beanstalk
// stores them: InstanceGroups go to
// aws:autoscaling:launchconfiguration/SecurityGroups and LBGroups to the
// load balancer namespace of LBType.
type BeanstalkEnvironmentSpec struct {
	Name        string `yaml:"name"`
	Application string `yaml:"application"` // default "app"
	VPC         string `yaml:"vpc"`         // VPC name or id; omitted = the default VPC
	// InstanceGroups and LBGroups are group names ("default"), scenario
	// names or sg- ids; names are resolved in VPC when they name a
	// scenario group, else kept verbatim.
	InstanceGroups []string `yaml:"instance_groups"`
	LBGroups       []string `yaml:"lb_groups"`
	LBType         string   `yaml:"lb_type"` // application (default) or classic
	// RollingUpdates is how a change of the launch configuration replaces
	// the instances: health (default: rolling, RollingUpdateType Health),
	// time, immutable, or disabled (all at once).
	RollingUpdates string `yaml:"rolling_updates"`
	// Tags are the environment's own tags (ListTagsForResource), besides
	// the elasticbeanstalk:environment-name and -id Beanstalk adds.
	Tags map[string]string `yaml:"tags"`
}

type beanstalkEnv struct {
	Name, ID, ARN, Application, VpcID string
	LBType                            string
	// InstanceGroups and LBGroups are the option values, verbatim.
	InstanceGroups, LBGroups string
	Tags                     []Tag
	Rolling                  string // health, time, immutable or disabled
	// Pending is how many more answers show the environment Updating.
	Pending int
}

// rollingType is the RollingUpdateType option value.
func (e *beanstalkEnv) rollingType() string {
	switch e.Rolling {
	case "time":
		return "Time"
	case "immutable":
		return "Immutable"
	}
	return "Health"
}

// lbOption is the load balancer's SecurityGroups option of the
// environment's load balancer type.
func (e *beanstalkEnv) lbOption() string {
	if e.LBType == "classic" {
		return "aws:elb:loadbalancer/SecurityGroups"
	}
	return "aws:elbv2:loadbalancer/SecurityGroups"
}

func (b *builder) addBeanstalk() error {
	seen := map[string]bool{}
	for i, e := range b.res.BeanstalkEnvironments {
		at := path{"beanstalk_environments", i}
		if err := b.unique(seen, e.Name, at); err != nil {
			return err
		}
		vpcID, err := b.vpcOf(e.VPC, append(at, "vpc"))
		if err != nil {
			return err
		}
		app, lbType := e.Application, e.LBType
		if app == "" {
			app = "app"
		}
		switch lbType {
		case "":
			lbType = "application"
		case "application", "classic":
		default:
			return b.errAt(append(at, "lb_type"), "lb_type %q is not application or classic", lbType)
		}
		rolling := e.RollingUpdates
		switch rolling {
		case "":
			rolling = "health"
		case "health", "time", "immutable", "disabled":
		default:
			return b.errAt(append(at, "rolling_updates"), "rolling_updates %q is not health, time, immutable or disabled", rolling)
		}
		env := beanstalkEnv{Rolling: rolling, Name: e.Name, ID: "e-" + b.st.ids.hexN("", 10), Application: app, VpcID: vpcID, LBType: lbType,
			InstanceGroups: strings.Join(b.groupRefs(vpcID, e.InstanceGroups), ","), LBGroups: strings.Join(b.groupRefs(vpcID, e.LBGroups), ","),
			Tags: tagsOf(e.Tags, "")}
		env.ARN = b.arn("elasticbeanstalk", "environment/"+app+"/"+e.Name)
		b.st.beanstalkEnvs = append(b.st.beanstalkEnvs, env)
	}
	return nil
}

// groupRefs resolves scenario group names in vpcID to ids and keeps other
// references (ids, "default" in a non-default VPC) verbatim, as Beanstalk
// option values hold whatever the user wrote.
func (b *builder) groupRefs(vpcID string, refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		if g := b.findGroup(vpcID, ref); g != nil && ref != "default" {
			ref = g.ID
		}
		out = append(out, ref)
	}
	return out
}
