package sim

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	mqtypes "github.com/aws/aws-sdk-go-v2/service/mq/types"
)

const mqScenario = `
regions: [us-east-1, eu-west-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, cidr: 10.2.1.0/24}]
        security_groups:
          - {name: web, id: sg-0eb}
          - {name: far, id: sg-0fa, vpc: other}
        mq_brokers:
          - {name: orders, tags: {team: shop}}
          - {name: ha, deployment_mode: active_standby_multi_az, groups: [web]}
          - {name: rabbit, engine: rabbitmq, vpc: other, groups: [far]}
faults:
  deny: [{region: eu-west-1, service: mq}]
`

// mqInterfaces returns the interfaces Amazon MQ made for a broker, by the
// description AWS gives them.
func mqInterfaces(t *testing.T, c *ec2.Client, brokerID string) []ec2types.NetworkInterface {
	t.Helper()
	out := must[*ec2.DescribeNetworkInterfacesOutput](t)(c.DescribeNetworkInterfaces(ctxT(t), &ec2.DescribeNetworkInterfacesInput{
		Filters: []ec2types.Filter{{Name: aws.String("description"), Values: []string{"Amazon MQ network interface for broker " + brokerID}}}}))
	return out.NetworkInterfaces
}

func TestMQBrokersListDescribeAndInterfaces(t *testing.T) {
	s := startScenario(t, mqScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	mc, ec := mq.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")

	var ids []string
	p := mq.NewListBrokersPaginator(mc, &mq.ListBrokersInput{MaxResults: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		for _, b := range must[*mq.ListBrokersOutput](t)(p.NextPage(cx)).BrokerSummaries {
			ids = append(ids, aws.ToString(b.BrokerId))
		}
		pages++
	}
	if len(ids) != 3 || pages != 2 {
		t.Fatalf("ListBrokers: %d brokers in %d pages, want 3 in 2", len(ids), pages)
	}

	orders := must[*mq.DescribeBrokerOutput](t)(mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: aws.String(ids[0])}))
	if aws.ToString(orders.BrokerName) != "orders" || orders.BrokerState != mqtypes.BrokerStateRunning ||
		orders.DeploymentMode != mqtypes.DeploymentModeSingleInstance || orders.EngineType != mqtypes.EngineTypeActivemq ||
		strings.Join(orders.SecurityGroups, ",") != "sg-0def" || len(orders.SubnetIds) != 1 || orders.Tags["team"] != "shop" ||
		orders.PendingSecurityGroups != nil || orders.Created == nil {
		t.Errorf("DescribeBroker orders: %+v", orders)
	}
	enis := mqInterfaces(t, ec, ids[0])
	if len(enis) != 1 || len(orders.BrokerInstances) != 1 ||
		aws.ToString(orders.BrokerInstances[0].IpAddress) != aws.ToString(enis[0].PrivateIpAddress) ||
		aws.ToString(enis[0].SubnetId) != orders.SubnetIds[0] || aws.ToString(enis[0].Groups[0].GroupId) != "sg-0def" {
		t.Errorf("orders interfaces: %+v, instances %+v", enis, orders.BrokerInstances)
	}

	ha := must[*mq.DescribeBrokerOutput](t)(mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: aws.String(ids[1])}))
	if ha.DeploymentMode != mqtypes.DeploymentModeActiveStandbyMultiAz || len(ha.SubnetIds) != 2 ||
		len(mqInterfaces(t, ec, ids[1])) != 2 || ha.StorageType != mqtypes.BrokerStorageTypeEfs {
		t.Errorf("DescribeBroker ha: %+v", ha)
	}
	rabbit := must[*mq.DescribeBrokerOutput](t)(mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: aws.String(ids[2])}))
	if rabbit.EngineType != mqtypes.EngineTypeRabbitmq || len(mqInterfaces(t, ec, ids[2])) != 0 {
		t.Errorf("DescribeBroker rabbit: %+v", rabbit)
	}

	_, err := mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: aws.String("b-00000000-0000-0000-0000-000000000000")})
	var nf *mqtypes.NotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("DescribeBroker of an unknown id: %v, want NotFoundException", err)
	}
	_, err = mq.NewFromConfig(sdkConfig(s, acct, "eu-west-1")).ListBrokers(cx, &mq.ListBrokersInput{})
	wantCode(t, err, "AccessDeniedException")
}

// UpdateBroker moves an ActiveMQ broker's interfaces at once; its groups
// show as pending for one DescribeBroker, then as the broker's.
func TestMQUpdateBrokerSecurityGroups(t *testing.T) {
	s := startScenario(t, mqScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	mc, ec := mq.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")
	list := must[*mq.ListBrokersOutput](t)(mc.ListBrokers(cx, &mq.ListBrokersInput{}))
	orders, rabbit := list.BrokerSummaries[0].BrokerId, list.BrokerSummaries[2].BrokerId

	out := must[*mq.UpdateBrokerOutput](t)(mc.UpdateBroker(cx, &mq.UpdateBrokerInput{BrokerId: orders, SecurityGroups: []string{"sg-0eb", "sg-0eb"}}))
	if strings.Join(out.SecurityGroups, ",") != "sg-0eb" {
		t.Errorf("UpdateBroker answered %v", out.SecurityGroups)
	}
	for _, n := range mqInterfaces(t, ec, aws.ToString(orders)) {
		if len(n.Groups) != 1 || aws.ToString(n.Groups[0].GroupId) != "sg-0eb" {
			t.Errorf("interface %s groups %+v, want sg-0eb", aws.ToString(n.NetworkInterfaceId), n.Groups)
		}
	}
	first := must[*mq.DescribeBrokerOutput](t)(mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: orders}))
	second := must[*mq.DescribeBrokerOutput](t)(mc.DescribeBroker(cx, &mq.DescribeBrokerInput{BrokerId: orders}))
	if strings.Join(first.PendingSecurityGroups, ",") != "sg-0eb" || strings.Join(first.SecurityGroups, ",") != "sg-0def" ||
		second.PendingSecurityGroups != nil || strings.Join(second.SecurityGroups, ",") != "sg-0eb" {
		t.Errorf("after UpdateBroker: first %v pending %v, then %v pending %v",
			first.SecurityGroups, first.PendingSecurityGroups, second.SecurityGroups, second.PendingSecurityGroups)
	}

	for _, c := range []struct {
		id     *string
		groups []string
		want   string
	}{
		{rabbit, []string{"sg-0fa"}, "BadRequestException"},      // RabbitMQ refuses
		{orders, []string{"sg-0fa"}, "BadRequestException"},      // another VPC's group
		{orders, []string{"sg-0nothere"}, "BadRequestException"}, // no such group
		{aws.String("b-gone"), []string{"sg-0eb"}, "NotFoundException"},
	} {
		_, err := mc.UpdateBroker(cx, &mq.UpdateBrokerInput{BrokerId: c.id, SecurityGroups: c.groups})
		wantCode(t, err, c.want)
	}
	_, err := mc.UpdateBroker(cx, &mq.UpdateBrokerInput{BrokerId: rabbit, SecurityGroups: []string{"sg-0fa"}})
	var br *mqtypes.BadRequestException
	if !errors.As(err, &br) || aws.ToString(br.ErrorAttribute) != "securityGroups" {
		t.Errorf("RabbitMQ UpdateBroker: %v, want errorAttribute securityGroups", err)
	}
}
