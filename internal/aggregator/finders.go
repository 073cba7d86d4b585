package aggregator

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/ec2"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// served is a finder the aggregator can answer: the Config type holding
// what the finder reads, the properties it needs, and the conversion of
// the items to the usages the direct finder would report. A finder
// without a conversion is answered by presence: where the type is
// recorded and the cell has no item of it, there is nothing the finder
// could report; a cell with items is read directly.
type served struct {
	finder string
	query  Query
	// also are further types answered by presence with query's: the
	// finder reads resources that Config records under more than one type
	// (MSK's provisioned and serverless clusters), so a cell has nothing
	// to find only where every one of them is recorded and absent.
	also   []Query
	usages func(items []json.RawMessage, t usage.Target) ([]usage.Usage, error)
}

// presence answers finder by the absence of types: every resource the
// finder reads is, or belongs to, an item of one of them.
func presence(finder string, types ...string) served {
	s := served{finder: finder, query: Query{Type: types[0], Select: []string{"resourceId"}}}
	for _, t := range types[1:] {
		s.also = append(s.also, Query{Type: t, Select: []string{"resourceId"}})
	}
	return s
}

// types is every Config type s is answered from.
func (s served) types() []string {
	out := []string{s.query.Type}
	for _, q := range s.also {
		out = append(out, q.Type)
	}
	return out
}

// servedFinders is every finder the aggregator answers. Each conversion
// hands Config's item to the direct finder's own attribution, so that both
// sources report the same users (e2e/inventory_test.go compares them).
var servedFinders = []served{
	{finder: "ec2-network-interfaces", query: Query{Type: "AWS::EC2::NetworkInterface", Select: []string{
		"configuration.networkInterfaceId", "configuration.description", "configuration.interfaceType",
		"configuration.requesterId", "configuration.requesterManaged", "configuration.ownerId",
		"configuration.attachment", "configuration.groups", "configuration.tagSet"}},
		usages: interfaceUsages},
	// Versions exist only with their function.
	presence("lambda-functions", "AWS::Lambda::Function"),
	presence("elbv2-load-balancers", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
	presence("elb-classic-load-balancers", "AWS::ElasticLoadBalancing::LoadBalancer"),
	presence("codebuild-projects", "AWS::CodeBuild::Project"),
	// Deployments and task sets belong to their service.
	presence("ecs-services", "AWS::ECS::Service"),
	// Versions belong to their template.
	presence("ec2-launch-templates", "AWS::EC2::LaunchTemplate"),
	presence("eks-clusters", "AWS::EKS::Cluster"),
	presence("redshift-clusters", "AWS::Redshift::Cluster"),
	// Mount targets belong to their file system.
	presence("efs-mount-targets", "AWS::EFS::FileSystem"),
	presence("ec2-vpc-endpoints", "AWS::EC2::VPCEndpoint"),
	presence("autoscaling-groups", "AWS::AutoScaling::AutoScalingGroup"),
	presence("autoscaling-launch-configurations", "AWS::AutoScaling::LaunchConfiguration"),
	presence("batch-compute-environments", "AWS::Batch::ComputeEnvironment"),
	presence("mq-brokers", "AWS::AmazonMQ::Broker"),
	presence("beanstalk-environments", "AWS::ElasticBeanstalk::Environment"),
	presence("sagemaker-models", "AWS::SageMaker::Model"),
	presence("route53resolver-endpoints", "AWS::Route53Resolver::ResolverEndpoint"),
	presence("apprunner-vpc-connectors", "AWS::AppRunner::VpcConnector"),
	// Published versions belong to their state machine.
	presence("sfn-state-machines", "AWS::StepFunctions::StateMachine"),
	presence("imagebuilder-infrastructure-configurations", "AWS::ImageBuilder::InfrastructureConfiguration"),
	presence("kinesisanalytics-applications", "AWS::KinesisAnalyticsV2::Application"),
	presence("sagemaker-domains", "AWS::SageMaker::Domain"),
	presence("sagemaker-user-profiles", "AWS::SageMaker::UserProfile"),
	// ListClustersV2 lists provisioned and serverless clusters, which
	// Config records as two types.
	presence("msk-clusters", "AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster"),
	presence("ec2-client-vpn-endpoints", "AWS::EC2::ClientVpnEndpoint"),
	presence("ec2-instance-connect-endpoints", "AWS::EC2::InstanceConnectEndpoint"),
	presence("ec2-spot-fleets", "AWS::EC2::SpotFleet"),
	// ListDomainNames lists OpenSearch and legacy Elasticsearch domains,
	// which Config records as two types.
	presence("opensearch-domains", "AWS::OpenSearch::Domain", "AWS::Elasticsearch::Domain"),
	presence("aoss-vpc-endpoints", "AWS::OpenSearchServerless::VpcEndpoint"),
	presence("appstream-fleets", "AWS::AppStream::Fleet"),
	presence("kafkaconnect-connectors", "AWS::KafkaConnect::Connector"),
	presence("emrserverless-applications", "AWS::EMRServerless::Application"),
	presence("redshift-endpoints", "AWS::Redshift::EndpointAccess"),
	// Rules on every event bus, the default one included, are
	// AWS::Events::Rule; their targets belong to them.
	presence("eventbridge-ecs-targets", "AWS::Events::Rule"),
}

// Queries are the queries Read runs for the served finders, one per type.
func Queries() []Query {
	var out []Query
	seen := map[string]bool{}
	for _, s := range servedFinders {
		for _, q := range append([]Query{s.query}, s.also...) {
			if !seen[q.Type] {
				seen[q.Type] = true
				out = append(out, q)
			}
		}
	}
	return out
}

// ServedFinders names the finders the aggregator can answer, with their
// Config types.
func ServedFinders() map[string]string {
	out := map[string]string{}
	for _, s := range servedFinders {
		out[s.finder] = strings.Join(s.types(), " + ")
	}
	return out
}

// eniItem is the part of AWS::EC2::NetworkInterface's configuration the
// attribution reads (the DescribeNetworkInterfaces shape, camelCase).
type eniItem struct {
	Configuration struct {
		NetworkInterfaceID string `json:"networkInterfaceId"`
		Description        string `json:"description"`
		InterfaceType      string `json:"interfaceType"`
		RequesterID        string `json:"requesterId"`
		RequesterManaged   bool   `json:"requesterManaged"`
		OwnerID            string `json:"ownerId"`
		Attachment         *struct {
			InstanceID      string `json:"instanceId"`
			InstanceOwnerID string `json:"instanceOwnerId"`
		} `json:"attachment"`
		Groups []struct {
			GroupID string `json:"groupId"`
		} `json:"groups"`
		TagSet []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"tagSet"`
	} `json:"configuration"`
}

func interfaceUsages(items []json.RawMessage, t usage.Target) ([]usage.Usage, error) {
	sigs := services.Signatures()
	var out []usage.Usage
	for _, raw := range items {
		var it eniItem
		if err := json.Unmarshal(raw, &it); err != nil {
			return out, fmt.Errorf("AWS::EC2::NetworkInterface item: %w", err)
		}
		c := it.Configuration
		eni := ec2types.NetworkInterface{NetworkInterfaceId: aws.String(c.NetworkInterfaceID), Description: aws.String(c.Description),
			InterfaceType: ec2types.NetworkInterfaceType(c.InterfaceType), RequesterId: aws.String(c.RequesterID),
			RequesterManaged: aws.Bool(c.RequesterManaged), OwnerId: aws.String(c.OwnerID)}
		if a := c.Attachment; a != nil {
			eni.Attachment = &ec2types.NetworkInterfaceAttachment{InstanceId: aws.String(a.InstanceID), InstanceOwnerId: aws.String(a.InstanceOwnerID)}
		}
		for _, tg := range c.TagSet {
			eni.TagSet = append(eni.TagSet, ec2types.Tag{Key: aws.String(tg.Key), Value: aws.String(tg.Value)})
		}
		for _, g := range c.Groups {
			if t.Has(g.GroupID) {
				u := ec2.Attribute(sigs, eni)
				u.GroupID = g.GroupID
				out = append(out, u)
			}
		}
	}
	return out, nil
}

// CellSource says, for one account-region, which finders the aggregator
// answered and which were read directly, with why. One row a cell, not one
// a finder: an organization has hundreds of thousands of finder cells.
type CellSource struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	// Config lists the finders answered from the aggregator.
	Config []string `json:"config"`
	// Direct lists the answerable finders read directly instead.
	Direct []DirectFinder `json:"direct,omitempty"`
}

// DirectFinder is a finder read directly in a cell, and why.
type DirectFinder struct {
	Finder string `json:"finder"`
	Reason string `json:"reason"`
}

// Count is how many cells one source answered for one finder.
type Count struct {
	Finder string `json:"finder"`
	Source string `json:"source"`
	Cells  int    `json:"cells"`
}

// Sources collects each served finder's source per cell while the
// finders run.
type Sources struct {
	mu     sync.Mutex
	cells  map[Cell]*CellSource
	counts map[[2]string]int
}

func (s *Sources) add(c Cell, finder, source, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cells == nil {
		s.cells, s.counts = map[Cell]*CellSource{}, map[[2]string]int{}
	}
	e := s.cells[c]
	if e == nil {
		e = &CellSource{Account: c.Account, Region: c.Region, Config: []string{}}
		s.cells[c] = e
	}
	if reason == "" {
		e.Config = append(e.Config, finder)
	} else {
		e.Direct = append(e.Direct, DirectFinder{Finder: finder, Reason: reason})
	}
	s.counts[[2]string{finder, source}]++
}

// Cells returns one row a cell, in account and region order, finders by
// name.
func (s *Sources) Cells() []CellSource {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CellSource, 0, len(s.cells))
	for _, e := range s.cells {
		sort.Strings(e.Config)
		sort.Slice(e.Direct, func(i, j int) bool { return e.Direct[i].Finder < e.Direct[j].Finder })
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Account != out[j].Account {
			return out[i].Account < out[j].Account
		}
		return out[i].Region < out[j].Region
	})
	return out
}

// Counts returns the cells per finder and source, by finder.
func (s *Sources) Counts() []Count {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Count{}
	for k, n := range s.counts {
		out = append(out, Count{Finder: k[0], Source: k[1], Cells: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Finder != out[j].Finder {
			return out[i].Finder < out[j].Finder
		}
		return out[i].Source < out[j].Source
	})
	return out
}

// Wrap returns finders in which each served finder answers from inv where
// the aggregator records its type, and calls the direct finder elsewhere;
// every served finder's cell is recorded in src. Other finders are
// returned as they are: they always run directly.
func Wrap(inv *Inventory, finders []usage.Finder, src *Sources) []usage.Finder {
	out := make([]usage.Finder, len(finders))
	for i, f := range finders {
		out[i] = f
		j := -1
		for k, s := range servedFinders {
			if s.finder == f.Name {
				j = k
			}
		}
		if j < 0 {
			continue
		}
		s, direct := servedFinders[j], f.Find
		out[i].Find = func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
			c := Cell{t.Account, t.Region}
			ok, why := true, ""
			var items []json.RawMessage
			for _, typ := range s.types() {
				if ok, why = inv.Answer(ctx, c, cfg, typ); !ok {
					break
				}
				found := inv.Items(c, typ)
				if len(found) > 0 && s.usages == nil {
					ok, why = false, fmt.Sprintf("%d %s recorded: read directly", len(found), typ)
					break
				}
				items = append(items, found...)
			}
			if !ok {
				src.add(c, f.Name, "direct", why)
				return direct(ctx, cfg, t)
			}
			src.add(c, f.Name, inv.Spec.String(), "")
			if s.usages == nil {
				return nil, nil // none recorded: nothing to find
			}
			us, err := s.usages(items, t)
			for k := range us {
				services.Describe(&us[k])
			}
			return us, err
		}
	}
	return out
}
