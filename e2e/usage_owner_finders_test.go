package e2e

import (
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/sim"
)

// ownerFinderCases are finders of resources whose network interfaces are
// always there (FSx file systems, Resolver endpoints, VPC links): the
// interface finder sees the group in use whatever the service's API says,
// and the service's finder names the owner. Denied, the finder's cell is
// unknown and the group stays in use (never unused, never "usage unknown"
// when an interface proves the use).
var ownerFinderCases = []queryFinderCase{
	{"fsx-file-systems",
		// FSx returns no groups: the finder reads the file systems'
		// interfaces. One interface of a Lustre file system is enough.
		`        fsx_file_systems: [{name: shares, type: windows, groups: [web]}, {name: scratch, type: lustre, groups: [default], tags: {aws:cloudformation:stack-name: hpc}}]`,
		`        fsx_file_systems: [{name: shares, type: windows, groups: [web]}, {name: netapp, type: ontap, groups: [web]}]`,
		sim.DenyRule{Service: "fsx", Action: "DescribeFileSystems"},
		"sg-0def fsx-file-systems live fs-022baa2db2dfb779f cloudformation:hpc"},
	{"route53resolver-endpoints",
		`        resolver_endpoints: [{name: in, groups: [web]}, {name: out, direction: outbound, groups: [web, default], tags: {aws:cloudformation:stack-name: dns}}]`,
		`        resolver_endpoints: [{name: in, groups: [web]}]`,
		sim.DenyRule{Service: "route53resolver", Action: "ListResolverEndpoints"},
		"sg-0def route53resolver-endpoints live rslvr-out-f04200115669e1d54 cloudformation:dns"},
	{"apigateway-vpc-links",
		`        apigateway_vpc_links: [{name: private, groups: [default]}]`,
		`        apigateway_vpc_links: [{name: private, groups: [web]}]`,
		sim.DenyRule{Service: "apigateway", Action: "GET"},
		"sg-0def apigateway-vpc-links live 693d48"},
	{"memorydb-clusters",
		`        memorydb_clusters: [{name: sessions, groups: [web, default], tags: {aws:cloudformation:stack-name: cache}}, {name: other, groups: [web]}]`,
		`        memorydb_clusters: [{name: sessions, groups: [web]}]`,
		sim.DenyRule{Service: "memorydb", Action: "DescribeClusters"},
		"sg-0def memorydb-clusters live sessions cloudformation:cache"},
	{"elasticache-serverless-caches",
		// No groups given: CreateServerlessCache uses the default group.
		`        serverless_caches: [{name: sessions, tags: {aws:cloudformation:stack-name: cache}}, {name: other, groups: [web]}]`,
		`        serverless_caches: [{name: sessions, groups: [web]}]`,
		sim.DenyRule{Service: "elasticache", Action: "DescribeServerlessCaches"},
		"sg-0def elasticache-serverless-caches live sessions cloudformation:cache"},
	{"redshift-endpoints",
		`        redshift_clusters: [{name: wh, groups: [web]}]
        redshift_endpoints: [{name: reporting, cluster: wh, groups: [web, default]}]`,
		`        redshift_clusters: [{name: wh, groups: [web]}]
        redshift_endpoints: [{name: reporting, cluster: wh, groups: [web]}]`,
		sim.DenyRule{Service: "redshift", Action: "DescribeEndpointAccess"},
		"sg-0def redshift-endpoints live reporting"},
	{"redshift-serverless-workgroups",
		`        redshift_serverless_workgroups: [{name: dw, groups: [web, default], tags: {aws:cloudformation:stack-name: warehouse}}, {name: other, groups: [web]}]`,
		`        redshift_serverless_workgroups: [{name: dw, groups: [web]}]`,
		sim.DenyRule{Service: "redshift-serverless", Action: "ListWorkgroups"},
		"sg-0def redshift-serverless-workgroups live dw cloudformation:warehouse"},
	{"redshift-serverless-endpoints",
		`        redshift_serverless_workgroups: [{name: dw, groups: [web], endpoints: [{name: reports, groups: [default]}]}]`,
		`        redshift_serverless_workgroups: [{name: dw, groups: [web], endpoints: [{name: reports, groups: [web]}]}]`,
		sim.DenyRule{Service: "redshift-serverless", Action: "ListEndpointAccess"},
		"sg-0def redshift-serverless-endpoints live reports"},
	{"vpclattice-resource-gateways",
		`        lattice_resource_gateways: [{name: gw, groups: [web, default]}, {name: other, groups: [web]}]`,
		`        lattice_resource_gateways: [{name: gw, groups: [web]}]`,
		sim.DenyRule{Service: "vpc-lattice", Action: "ListResourceGateways"},
		"sg-0def vpclattice-resource-gateways live rgw-90fa4b23efbac3799"},
	{"appstream-image-builders",
		`        appstream_image_builders: [{name: builder, groups: [default]}, {name: other, state: stopped, groups: [web]}]`,
		`        appstream_image_builders: [{name: builder, groups: [web]}]`,
		sim.DenyRule{Service: "appstream", Action: "DescribeImageBuilders"},
		"sg-0def appstream-image-builders live builder"},
	{"aoss-vpc-endpoints",
		`        aoss_vpc_endpoints: [{name: search, groups: [web, default]}, {name: other, groups: [web]}]`,
		`        aoss_vpc_endpoints: [{name: search, groups: [web]}]`,
		sim.DenyRule{Service: "aoss", Action: "BatchGetVpcEndpoint"},
		"sg-0def aoss-vpc-endpoints live vpce-4ead131e76991d8ce"},
}

func TestUsageOwnerFinders(t *testing.T) {
	for _, c := range ownerFinderCases {
		t.Run(c.finder+"/"+strings.Fields(c.want)[3], func(t *testing.T) {
			t.Parallel()
			ep := startSim(t, queryScenario(c.present))
			rep, r := usageReport(t, ep)
			if r.Code != 3 || strings.Join(rep.users(c.finder), "|") != c.want {
				t.Fatalf("present: exit %d, users %q, want %q\n%s", r.Code, rep.users(c.finder), c.want, r.Stderr)
			}

			ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{c.deny}})
			rep, r = usageReport(t, ep)
			if r.Code != 3 || rep.coverage(c.finder) != "unknown" || len(rep.users(c.finder)) != 0 ||
				len(rep.users("ec2-network-interfaces")) == 0 || rep.Groups[0].State == "unused" {
				t.Fatalf("denied: exit %d, coverage %s, users %q, interfaces %q\n%s", r.Code, rep.coverage(c.finder),
					rep.users(c.finder), rep.users("ec2-network-interfaces"), r.Stderr)
			}

			ep = startSim(t, queryScenario(c.absent))
			rep, r = usageReport(t, ep)
			if r.Code != 0 || len(rep.users(c.finder)) != 0 || rep.coverage(c.finder) != "checked" {
				t.Fatalf("absent: exit %d, users %q, coverage %s\n%s", r.Code, rep.users(c.finder), rep.coverage(c.finder), r.Stderr)
			}
		})
	}
}
