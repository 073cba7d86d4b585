package sim

import (
	"slices"
	"strings"
)

// A data store is an RDS instance, cluster or proxy, an ElastiCache
// cluster or a Redshift cluster: all are an identifier, an engine and
// groups, and all modify their groups the same way (modifying → available,
// with the memberships a client sees meanwhile).

// DataStoreSpec is a database or cache (db_instances, db_clusters,
// db_proxies, cache_clusters, redshift_clusters). Omitted groups: the
// VPC's default group, as these create APIs fall back to it.
type DataStoreSpec struct {
	Name      string `yaml:"name"`   // the identifier the user chose
	Engine    string `yaml:"engine"` // free text; a per-service default
	Cluster   string `yaml:"cluster"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

// dataStore is an RDS instance, cluster or proxy, an ElastiCache cluster
// or a Redshift cluster: all are an identifier, an engine and groups.
type dataStore struct {
	Name, ARN, Engine, Cluster, VpcID string
	Groups                            []string
	Tags                              []Tag
	// A change of groups leaves the resource "modifying" for the next
	// Pending Describes that include it; Previous are the groups it had
	// before, shown as "removing" meanwhile (view).
	Pending  int
	Previous []string
}

// addDataStores builds one scenario list of data stores (field is its YAML
// key); groups fall back to the VPC's default group, as every one of these
// create APIs does. An RDS instance may name a cluster of clusters and
// then carries the cluster's groups and engine.
func (b *builder) addDataStores(field, engine, service, arnType string, specs []DataStoreSpec,
	out *[]dataStore, clusters map[string]dataStore) error {
	seen := map[string]bool{}
	for i, spec := range specs {
		at := path{field, i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		p := spec.Placement
		var cluster dataStore
		if spec.Cluster != "" {
			var ok bool
			if cluster, ok = clusters[spec.Cluster]; !ok || field != "db_instances" {
				return b.errAt(append(at, "cluster"), "cluster %q: only db_instances name a cluster, and it must be in db_clusters", spec.Cluster)
			}
		}
		vpcID, ids, err := b.placed(p, true, at)
		if err != nil {
			return err
		}
		if spec.Cluster != "" && p.Groups == nil {
			// An Aurora instance carries its cluster's groups.
			vpcID, ids = cluster.VpcID, cluster.Groups
		}
		eng := spec.Engine
		if eng == "" {
			eng = engine
			if spec.Cluster != "" {
				eng = cluster.Engine
			}
		}
		name := spec.Name
		if field == "db_proxies" {
			name = b.st.ids.hexN("prx", 17) // the ARN names a proxy by its resource id
		}
		*out = append(*out, dataStore{Name: spec.Name, ARN: b.arn(service, arnType+name), Engine: eng,
			Cluster: spec.Cluster, VpcID: vpcID, Groups: ids, Tags: tagsOf(spec.Tags, "")})
	}
	return nil
}

// modifyingDescribes is how many Describes that include a changed
// resource show it "modifying" before it is "available" again: enough for
// a client to learn that it must wait, and cheap to test.
const modifyingDescribes = 1

// groupStatus is one group of a resource as its Describe shows it.
type groupStatus struct{ ID, Status string }

// storeNamed finds a resource by name in one of the data store lists;
// the pointer is into the list, so changes stick.
func storeNamed(list []dataStore, name string) *dataStore {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}

// setGroups records a change of d's groups, which leaves d modifying.
func (d *dataStore) setGroups(next []string) {
	d.Previous, d.Groups = d.Groups, slices.Clone(next)
	d.Pending = modifyingDescribes
}

// busy reports whether d is still applying a change: AWS refuses another
// modification until the resource is available.
func (d *dataStore) busy() bool { return d.Pending > 0 }

// view is d's status and groups as a Describe shows them. While modifying,
// new groups are "adding" and the groups d leaves "removing". count counts
// the Describe, so that a later one finds the change applied.
func (d *dataStore) view(count bool) (string, []groupStatus) {
	out := []groupStatus{}
	if d.Pending == 0 {
		for _, id := range d.Groups {
			out = append(out, groupStatus{id, "active"})
		}
		return "available", out
	}
	for _, id := range d.Groups {
		s := "active"
		if !slices.Contains(d.Previous, id) {
			s = "adding"
		}
		out = append(out, groupStatus{id, s})
	}
	for _, id := range d.Previous {
		if !slices.Contains(d.Groups, id) {
			out = append(out, groupStatus{id, "removing"})
		}
	}
	if count {
		if d.Pending--; d.Pending == 0 {
			d.Previous = nil
		}
	}
	return "modifying", out
}

// moveByGroups gives the service's interfaces of d (description starting
// with prefix, in d's VPC, carrying exactly d's current groups) the groups
// next, then records the change on d.
func (st *regionState) moveByGroups(d *dataStore, prefix string, next []string) {
	old := d.Groups
	st.retarget(func(n *NetworkInterface) bool {
		return strings.HasPrefix(n.Description, prefix) && n.VpcID == d.VpcID && sameGroups(n, old)
	}, next)
	d.setGroups(next)
}

// groupList reads a query-protocol list of group ids (prefix.1, prefix.2,
// ... with the service's own prefix, e.g. SecurityGroups.member or
// VpcSecurityGroupIds.VpcSecurityGroupId), dropping repeats.
func groupList(c *call, prefix string) []string {
	var out []string
	for _, id := range list(c.Form, prefix) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// sameSet reports whether a and b hold the same ids in any order.
func sameSet(a, b []string) bool {
	return sameGroups(&NetworkInterface{Groups: a}, b)
}

// badGroup returns the first of ids that is not a group in vpcID, and that
// group's VPC ("" when it does not exist at all), for the service's error.
func (st *regionState) badGroup(vpcID string, ids []string) (id, inVpc string) {
	id = st.invalidGroup(vpcID, ids)
	if g := st.groups[id]; g != nil {
		inVpc = g.VpcID
	}
	return id, inVpc
}
