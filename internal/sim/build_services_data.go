package sim

// dataKinds are the scenario lists built as dataStores: their field, the
// default engine, how an ARN names them, and whether groups fall back to
// the VPC's default group (RDS proxies require explicit groups in
// practice, but CreateDBProxy also falls back, so all do).
var dataKinds = []struct {
	field, engine, service, arnType string
	list                            func(*RegionResources) []DataStoreSpec
	store                           func(*svcResources) *[]dataStore
}{
	{"db_clusters", "aurora-postgresql", "rds", "cluster:",
		func(r *RegionResources) []DataStoreSpec { return r.DBClusters },
		func(s *svcResources) *[]dataStore { return &s.dbClusters }},
	{"db_instances", "postgres", "rds", "db:",
		func(r *RegionResources) []DataStoreSpec { return r.DBInstances },
		func(s *svcResources) *[]dataStore { return &s.dbInstances }},
	{"db_proxies", "POSTGRESQL", "rds", "db-proxy:prx-",
		func(r *RegionResources) []DataStoreSpec { return r.DBProxies },
		func(s *svcResources) *[]dataStore { return &s.dbProxies }},
	{"cache_clusters", "redis", "elasticache", "cluster:",
		func(r *RegionResources) []DataStoreSpec { return r.CacheClusters },
		func(s *svcResources) *[]dataStore { return &s.cacheClusters }},
	{"redshift_clusters", "redshift", "redshift", "cluster:",
		func(r *RegionResources) []DataStoreSpec { return r.RedshiftClusters },
		func(s *svcResources) *[]dataStore { return &s.redshift }},
}

func (b *builder) addDataStores() error {
	clusters := map[string]dataStore{}
	for _, k := range dataKinds {
		seen := map[string]bool{}
		for i, spec := range k.list(&b.res) {
			at := path{k.field, i}
			if err := b.unique(seen, spec.Name, at); err != nil {
				return err
			}
			p := spec.Placement
			var cluster dataStore
			if spec.Cluster != "" {
				var ok bool
				if cluster, ok = clusters[spec.Cluster]; !ok || k.field != "db_instances" {
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
			engine := spec.Engine
			if engine == "" {
				engine = k.engine
				if spec.Cluster != "" {
					engine = cluster.Engine
				}
			}
			name := spec.Name
			if k.field == "db_proxies" {
				name = b.st.ids.hexN("prx", 17) // the ARN names a proxy by its resource id
			}
			d := dataStore{Name: spec.Name, ARN: b.arn(k.service, k.arnType+name), Engine: engine,
				Cluster: spec.Cluster, VpcID: vpcID, Groups: ids, Tags: tagsOf(spec.Tags, "")}
			*k.store(b.st.svc) = append(*k.store(b.st.svc), d)
			if k.field == "db_clusters" {
				clusters[d.Name] = d
			}
		}
	}
	return nil
}

func (b *builder) addFileSystems() error {
	for i, fs := range b.res.FileSystems {
		at := path{"efs_file_systems", i}
		id, err := b.pinOrNext(fs.ID, "fs", append(at, "id"))
		if err != nil {
			return err
		}
		out := fileSystem{ID: id, ARN: b.arn("elasticfilesystem", "file-system/"+id), Name: fs.Name, Tags: tagsOf(fs.Tags, fs.Name)}
		for j, mt := range fs.MountTargets {
			mat := append(append(path{}, at...), "mount_targets", j)
			vpcID, ids, err := b.placed(mt.Placement, true, mat)
			if err != nil {
				return err
			}
			if len(out.MountTargets) > 0 && out.MountTargets[0].VpcID != vpcID {
				return b.errAt(append(mat, "vpc"), "all mount targets of a file system are in one VPC")
			}
			sn, err := b.subnetOf(vpcID, mt.Subnet, append(mat, "subnet"))
			if err != nil {
				return err
			}
			mid, err := b.pinOrNext(mt.ID, "fsmt", append(mat, "id"))
			if err != nil {
				return err
			}
			out.MountTargets = append(out.MountTargets, mountTarget{ID: mid, FileSystemID: id, SubnetID: sn.ID,
				VpcID: vpcID, AvailabilityZone: sn.AvailabilityZone, IPAddress: b.st.nextAddress(sn), Groups: ids})
		}
		b.st.svc.fileSystems = append(b.st.svc.fileSystems, out)
	}
	return nil
}

func (b *builder) addEKS() error {
	seen := map[string]bool{}
	for i, c := range b.res.EKSClusters {
		at := path{"eks_clusters", i}
		if err := b.unique(seen, c.Name, at); err != nil {
			return err
		}
		vpcID, ids, err := b.placed(c.Placement, false, at)
		if err != nil {
			return err
		}
		out := eksCluster{Name: c.Name, ARN: b.arn("eks", "cluster/"+c.Name), VpcID: vpcID, Groups: ids, Tags: tagsOf(c.Tags, "")}
		if c.ClusterGroup != "" {
			_, cg, err := b.placed(Placement{VPC: c.VPC, Groups: []string{c.ClusterGroup}}, false, append(at, "cluster_group"))
			if err != nil {
				return err
			}
			out.ClusterGroup = cg[0]
		}
		for _, id := range sortedKeys(b.st.subnets) {
			if b.st.subnets[id].VpcID == vpcID {
				out.SubnetIDs = append(out.SubnetIDs, id)
			}
		}
		b.st.svc.eksClusters = append(b.st.svc.eksClusters, out)
	}
	return nil
}
