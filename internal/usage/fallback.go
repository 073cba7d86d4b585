package usage

// FallbackAPIs are the create calls that silently place a new resource in
// the VPC's default group when the caller gives no group (reference, "APIs
// that fall back to the default SG"). After close, resources created this way
// get no connectivity at all, so usage reports them with every region.
var FallbackAPIs = []string{
	"ec2:RunInstances",
	"ec2:CreateVpcEndpoint",
	"ec2:CreateClientVpnEndpoint",
	"ec2:CreateInstanceConnectEndpoint",
	"ecs:RunTask / CreateService / events / scheduler / pipes (awsvpc without securityGroups)",
	"rds:CreateDBInstance, CreateDBInstanceReadReplica, RestoreDBInstance*, CreateDBProxyEndpoint",
	"neptune:CreateDBInstance",
	"redshift:CreateCluster, RestoreFromClusterSnapshot",
	"elasticache:CreateServerlessCache",
	"dax:CreateCluster",
	"kafka:CreateCluster",
	"es:CreateDomain (VPC)",
	"apprunner:CreateVpcConnector",
	"transfer:CreateServer (VPC endpoint)",
	"fsx:CreateFileSystem (ONTAP)",
}
