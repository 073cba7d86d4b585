package sim

import (
	"net/http"
	"slices"
	"strings"
)

// RDS group changes: ModifyDBInstance and ModifyDBCluster
// (VpcSecurityGroupIds.VpcSecurityGroupId.N) and ModifyDBProxy
// (SecurityGroups.member.N). AWS applies a group change "asynchronously as
// soon as possible" whatever ApplyImmediately says, so the simulator
// accepts and ignores it: the resource is "modifying" for the next
// Describe that includes it (datastore.go), then "available". Its
// interfaces move at once.

const (
	rdsInterface      = "RDSNetworkInterface"
	rdsProxyInterface = "Network interface for DBProxy "
)

// rdsGroupError checks next against the resource's VPC, with the errors
// RDS gives: an unknown id is an invalid parameter value, a group of
// another VPC an invalid combination.
func rdsGroupError(st *regionState, what, vpcID string, next []string) *apiError {
	id, inVpc := st.badGroup(vpcID, next)
	switch {
	case id == "":
		return nil
	case inVpc == "":
		return errf(http.StatusBadRequest, "InvalidParameterValue", "Invalid security group , groupId= %s, groupName=.", id)
	default:
		return invalidParameterCombination("The %s and EC2 security group are in different VPCs. The %s is in %s and the EC2 security group is in %s",
			what, what, vpcID, inVpc)
	}
}

func modifyDBInstance(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("DBInstanceIdentifier")
	d := storeNamed(st.dbInstances, name)
	if d == nil {
		return nil, notFound("DBInstanceNotFound", "DBInstance %s not found.", name)
	}
	if next := groupList(c, "VpcSecurityGroupIds.VpcSecurityGroupId"); len(next) > 0 {
		if d.busy() {
			return nil, errf(http.StatusBadRequest, "InvalidDBInstanceState", "Database instance is not in available state.")
		}
		if d.Cluster != "" {
			return nil, invalidParameterCombination("The specified DB Instance is a member of a cluster. " +
				"Modify vpc security group for the DB Cluster using the ModifyDbCluster API")
		}
		if e := rdsGroupError(st, "DB instance", d.VpcID, next); e != nil {
			return nil, e
		}
		if !sameSet(d.Groups, next) {
			st.moveByGroups(d, rdsInterface, next)
		}
	}
	return struct {
		DBInstance xmlDBInstance `xml:"DBInstance"`
	}{dbInstanceXML(d, false)}, nil
}

// modifyDBCluster also gives the cluster's instances the new groups: an
// Aurora instance's groups are its cluster's.
func modifyDBCluster(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("DBClusterIdentifier")
	d := storeNamed(st.dbClusters, name)
	if d == nil {
		return nil, notFound("DBClusterNotFoundFault", "DBCluster %s not found.", name)
	}
	if next := groupList(c, "VpcSecurityGroupIds.VpcSecurityGroupId"); len(next) > 0 {
		if d.busy() {
			return nil, errf(http.StatusBadRequest, "InvalidDBClusterStateFault", "DB cluster %s is not in available state.", name)
		}
		if e := rdsGroupError(st, "DB cluster", d.VpcID, next); e != nil {
			return nil, e
		}
		if !sameSet(d.Groups, next) {
			st.moveByGroups(d, rdsInterface, next)
			for i := range st.dbInstances {
				if inst := &st.dbInstances[i]; inst.Cluster == d.Name {
					inst.Groups = slices.Clone(next)
				}
			}
		}
	}
	return struct {
		DBCluster xmlDBCluster `xml:"DBCluster"`
	}{dbClusterXML(d, false)}, nil
}

// modifyDBProxy moves the interfaces whose description names the proxy.
func modifyDBProxy(c *call) (any, *apiError) {
	st, name := c.state, c.Form.Get("DBProxyName")
	d := storeNamed(st.dbProxies, name)
	if d == nil {
		return nil, notFound("DBProxyNotFoundFault", "DBProxy %s not found.", name)
	}
	if next := groupList(c, "SecurityGroups.member"); len(next) > 0 {
		if d.busy() {
			return nil, errf(http.StatusBadRequest, "InvalidDBProxyStateFault", "DBProxy %s is not in available state.", name)
		}
		if e := rdsGroupError(st, "DB proxy", d.VpcID, next); e != nil {
			return nil, e
		}
		if !sameSet(d.Groups, next) {
			st.retarget(func(n *NetworkInterface) bool {
				rest, ok := strings.CutPrefix(n.Description, rdsProxyInterface+name)
				return ok && (rest == "" || strings.HasPrefix(rest, " "))
			}, next)
			d.setGroups(next)
		}
	}
	return struct {
		DBProxy xmlDBProxy `xml:"DBProxy"`
	}{dbProxyXML(d, false)}, nil
}
