// Package services is the one list of AWS services the tool knows, and the
// lookups every engine makes on it: usage runs Finders, plan and apply find
// a kind's Mover or manual step with Kind, iam-policy collects IAM actions.
// Adding a service is one package under internal/services and one line in
// All (docs/ADDING-A-SERVICE.md).
package services

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/apigateway"
	"github.com/defaultsg/defaultsg/internal/services/apprunner"
	"github.com/defaultsg/defaultsg/internal/services/appstream"
	"github.com/defaultsg/defaultsg/internal/services/autoscaling"
	"github.com/defaultsg/defaultsg/internal/services/batch"
	"github.com/defaultsg/defaultsg/internal/services/beanstalk"
	"github.com/defaultsg/defaultsg/internal/services/codebuild"
	"github.com/defaultsg/defaultsg/internal/services/datasync"
	"github.com/defaultsg/defaultsg/internal/services/dax"
	"github.com/defaultsg/defaultsg/internal/services/dms"
	"github.com/defaultsg/defaultsg/internal/services/ds"
	"github.com/defaultsg/defaultsg/internal/services/ec2"
	"github.com/defaultsg/defaultsg/internal/services/ecs"
	"github.com/defaultsg/defaultsg/internal/services/efs"
	"github.com/defaultsg/defaultsg/internal/services/eks"
	"github.com/defaultsg/defaultsg/internal/services/elasticache"
	"github.com/defaultsg/defaultsg/internal/services/elb"
	"github.com/defaultsg/defaultsg/internal/services/emr"
	"github.com/defaultsg/defaultsg/internal/services/emrserverless"
	"github.com/defaultsg/defaultsg/internal/services/eventbridge"
	"github.com/defaultsg/defaultsg/internal/services/firehose"
	"github.com/defaultsg/defaultsg/internal/services/fsx"
	"github.com/defaultsg/defaultsg/internal/services/glue"
	"github.com/defaultsg/defaultsg/internal/services/imagebuilder"
	"github.com/defaultsg/defaultsg/internal/services/kafkaconnect"
	"github.com/defaultsg/defaultsg/internal/services/kinesisanalytics"
	"github.com/defaultsg/defaultsg/internal/services/lambda"
	"github.com/defaultsg/defaultsg/internal/services/memorydb"
	"github.com/defaultsg/defaultsg/internal/services/mq"
	"github.com/defaultsg/defaultsg/internal/services/msk"
	"github.com/defaultsg/defaultsg/internal/services/mwaa"
	"github.com/defaultsg/defaultsg/internal/services/opensearch"
	"github.com/defaultsg/defaultsg/internal/services/opensearchserverless"
	"github.com/defaultsg/defaultsg/internal/services/pipes"
	"github.com/defaultsg/defaultsg/internal/services/quicksight"
	"github.com/defaultsg/defaultsg/internal/services/rds"
	"github.com/defaultsg/defaultsg/internal/services/redshift"
	"github.com/defaultsg/defaultsg/internal/services/redshiftserverless"
	"github.com/defaultsg/defaultsg/internal/services/route53resolver"
	"github.com/defaultsg/defaultsg/internal/services/sagemaker"
	"github.com/defaultsg/defaultsg/internal/services/scheduler"
	"github.com/defaultsg/defaultsg/internal/services/sfn"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/services/transfer"
	"github.com/defaultsg/defaultsg/internal/services/vpclattice"
	"github.com/defaultsg/defaultsg/internal/services/workspaces"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// All is every service, in the order reports list their finders. Interface
// signatures are tried in this order too, so services whose interfaces are
// recognised by a loose pattern (SageMaker) come after the precise ones.
var All = []svc.Service{
	ec2.Service,
	autoscaling.Service,
	elb.Service,
	rds.Service,
	elasticache.Service,
	redshift.Service,
	efs.Service,
	eks.Service,
	lambda.Service,
	codebuild.Service,
	ecs.Service,
	eventbridge.Service,
	scheduler.Service,
	pipes.Service,
	batch.Service,
	sagemaker.Service,
	emr.Service,
	glue.Service,
	opensearch.Service,
	dms.Service,
	beanstalk.Service,
	msk.Service,
	mwaa.Service,
	apprunner.Service,
	mq.Service,
	dax.Service,
	ds.Service,
	route53resolver.Service,
	firehose.Service,
	workspaces.Service,
	apigateway.Service,
	quicksight.Service,
	transfer.Service,
	fsx.Service,
	sfn.Service,
	imagebuilder.Service,
	emrserverless.Service,
	kinesisanalytics.Service,
	kafkaconnect.Service,
	vpclattice.Service,
	datasync.Service,
	memorydb.Service,
	redshiftserverless.Service,
	opensearchserverless.Service,
	appstream.Service,
}

// Def is a kind's definition with the service that owns it.
type Def struct {
	svc.KindDef
	Service string
}

// Kind returns the definition of k.
func Kind(k resource.Kind) (Def, bool) {
	for _, s := range All {
		for _, d := range s.Kinds {
			if d.Kind == k {
				return Def{KindDef: d, Service: s.Name}, true
			}
		}
	}
	return Def{}, false
}

// Name is k's display name (k itself for a kind no service defines, which
// the registry test forbids).
func Name(k resource.Kind) string {
	if d, ok := Kind(k); ok {
		return d.Name
	}
	return string(k)
}

// Mover returns the mover of k, if apply can move it.
func Mover(k resource.Kind) (svc.Mover, bool) {
	d, ok := Kind(k)
	if !ok || d.Mover == nil {
		return svc.Mover{}, false
	}
	return *d.Mover, true
}

// Signatures is every service's interface signatures, in All's order.
func Signatures() []svc.Signature {
	var out []svc.Signature
	for _, s := range All {
		out = append(out, s.Signatures...)
	}
	return out
}

// Signature returns the first signature of kind k.
func Signature(k resource.Kind) (svc.Signature, bool) {
	for _, s := range Signatures() {
		if s.Kind == k {
			return s, true
		}
	}
	return svc.Signature{}, false
}

// Finders is every finder, the network-interface finder first. Each
// usage it returns carries the display name and service of its kind.
func Finders() []usage.Finder {
	out := []usage.Finder{named(ec2.NetworkInterfaces(Signatures()))}
	for _, s := range All {
		for _, f := range s.Finders {
			out = append(out, named(f))
		}
	}
	return out
}

// Finder returns the finder called name.
func Finder(name string) (usage.Finder, bool) {
	i := slices.IndexFunc(Finders(), func(f usage.Finder) bool { return f.Name == name })
	if i < 0 {
		return usage.Finder{}, false
	}
	return Finders()[i], true
}

// named derives each usage's display name and service from its kind.
func named(f usage.Finder) usage.Finder {
	find := f.Find
	f.Find = func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := find(ctx, cfg, t)
		for i := range us {
			Describe(&us[i])
		}
		return us, err
	}
	return f
}

// Describe sets u's display name and service from its kind.
func Describe(u *usage.Usage) {
	if d, ok := Kind(u.ResourceKind); ok {
		u.ResourceType, u.Service = d.Name, d.Service
	} else {
		u.ResourceType = string(u.ResourceKind)
	}
}

// FallbackAPIs are the create calls that silently place a new resource in
// the VPC's default group when the caller gives no group (reference, "APIs
// that fall back to the default SG"). After close, resources created this
// way get no connectivity at all, so usage reports them with every region.
func FallbackAPIs() []string {
	var out []string
	for _, s := range All {
		out = append(out, s.Fallbacks...)
	}
	return out
}

// MoverIAM is every action of every mover and refresher: what apply and
// rollback call.
func MoverIAM() []string {
	var out []string
	for _, s := range All {
		for _, d := range s.Kinds {
			if d.Mover != nil {
				out = append(out, d.Mover.IAM...)
			}
			if d.Refresh != nil {
				out = append(out, d.Refresh.IAM...)
			}
		}
	}
	return out
}
