package sim

import (
	"net/http"
	"net/url"
)

// services is the one ordered table of simulated services, keyed by SigV4
// signing name. Adding a service is one file with its scenario part, state,
// builder and operations, and one line here (plus its embedded scenario
// and state parts in RegionResources and regionState).
//
// The order is also the build order: every service builds its resources
// after the EC2 foundation (VPCs, subnets, groups, interfaces), in this
// order, and generated ids come from one counter per account-region, so
// moving a line changes the ids a scenario gets.
var services = []service{
	{name: "sts", protocol: awsQuerySTS, ops: stsOps},
	{name: "autoscaling", protocol: awsQuery("http://autoscaling.amazonaws.com/doc/2011-01-01/"), ops: autoscalingOps, regional: true, build: (*builder).addAutoScaling},
	{name: "elasticloadbalancing", protocol: awsQueryELB, ops: elbOps, regional: true, build: (*builder).addLoadBalancers}, // ELBv2 and classic, by Version
	{name: "rds", protocol: awsQuery("http://rds.amazonaws.com/doc/2014-10-31/"), ops: rdsOps, regional: true, build: (*builder).addRDS},
	{name: "elasticache", protocol: awsQuery("http://elasticache.amazonaws.com/doc/2015-02-02/"), ops: elasticacheOps, regional: true, build: (*builder).addCacheClusters},
	{name: "redshift", protocol: awsQuery("http://redshift.amazonaws.com/doc/2012-12-01/"), ops: redshiftOps, regional: true, build: (*builder).addRedshift},
	{name: "elasticfilesystem", protocol: restJSON, ops: efsOps, regional: true, route: efsRoute, build: (*builder).addFileSystems},
	{name: "eks", protocol: restJSON, ops: eksOps, regional: true, route: eksRoute, build: (*builder).addEKS},
	{name: "lambda", protocol: lambdaREST, ops: lambdaOps, regional: true, route: lambdaRoute, build: (*builder).addLambda},
	{name: "codebuild", protocol: json11, ops: codeBuildOps, regional: true, build: (*builder).addCodeBuild},
	{name: "ecs", protocol: json11, ops: ecsOps, regional: true, build: (*builder).addECS},
	{name: "events", protocol: json11, ops: eventsOps, regional: true, build: (*builder).addEventRules},
	{name: "glue", protocol: json11, ops: glueOps, regional: true, build: (*builder).addGlue},
	// EC2's own foundation is built first (build.go); here come its
	// configurations: launch templates, endpoints, peered references.
	{name: "ec2", protocol: ec2Query, ops: ec2Ops, regional: true, build: (*builder).addEC2Configs},
	{name: "scheduler", protocol: restJSON, ops: schedulerOps, regional: true, route: schedulerRoute, build: (*builder).addSchedules},
	{name: "pipes", protocol: restJSON, ops: pipesOps, regional: true, route: pipesRoute, build: (*builder).addPipes},
	{name: "batch", protocol: restJSON, ops: batchOps, regional: true, route: batchRoute, build: (*builder).addBatch},
	{name: "sagemaker", protocol: json11, ops: sagemakerOps, regional: true, build: (*builder).addSageMaker},
	{name: "elasticmapreduce", protocol: json11, ops: emrOps, regional: true, build: (*builder).addEMR},
	{name: "es", protocol: restJSON, ops: openSearchOps, regional: true, route: openSearchRoute, build: (*builder).addOpenSearch},
	{name: "dms", protocol: json11, ops: dmsOps, regional: true, build: (*builder).addDMS},
	{name: "kafka", protocol: restJSON, ops: kafkaOps, regional: true, route: kafkaRoute, build: (*builder).addMSK},
	{name: "airflow", protocol: restJSON, ops: mwaaOps, regional: true, route: mwaaRoute, build: (*builder).addMWAA},
	{name: "apprunner", protocol: json10, ops: apprunnerOps, regional: true, build: (*builder).addAppRunner},
	{name: "elasticbeanstalk", protocol: awsQuery("http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/"), ops: beanstalkOps, regional: true, build: (*builder).addBeanstalk},
	{name: "mq", protocol: restJSON, ops: mqOps, regional: true, route: mqRoute, build: (*builder).addMQBrokers},
	{name: "config", protocol: json11, ops: configOps, regional: true, build: (*builder).addConfigRules},
	{name: "organizations", protocol: json11, ops: orgOps},
	{name: "states", protocol: json10, ops: sfnOps, regional: true, build: (*builder).addStateMachines},
	{name: "imagebuilder", protocol: restJSON, ops: imageBuilderOps, regional: true, route: imageBuilderRoute, build: (*builder).addImageBuilder},
	{name: "emr-serverless", protocol: restJSON, ops: emrServerlessOps, regional: true, route: emrServerlessRoute, build: (*builder).addEMRServerless},
	{name: "kinesisanalytics", protocol: json11, ops: kinesisAnalyticsOps, regional: true, build: (*builder).addFlinkApplications},
	{name: "kafkaconnect", protocol: restJSON, ops: kafkaConnectOps, regional: true, route: kafkaConnectRoute, build: (*builder).addKafkaConnectors},
	{name: "vpc-lattice", protocol: restJSON, ops: vpcLatticeOps, regional: true, route: latticeRoute, build: (*builder).addVPCLattice},
	{name: "datasync", protocol: json11, ops: dataSyncOps, regional: true, build: (*builder).addDataSyncLocations},
	{name: "fsx", protocol: json11, ops: fsxOps, regional: true, build: (*builder).addFSx},
	{name: "route53resolver", protocol: json11, ops: route53ResolverOps, regional: true, build: (*builder).addResolverEndpoints},
	{name: "apigateway", protocol: restJSON, ops: apiGatewayOps, regional: true, route: apiGatewayRoute, build: (*builder).addVPCLinks},
	{name: "memorydb", protocol: json11, ops: memoryDBOps, regional: true, build: (*builder).addMemoryDB},
	{name: "redshift-serverless", protocol: json11, ops: redshiftServerlessOps, regional: true, build: (*builder).addRedshiftServerless},
	{name: "aoss", protocol: json10, ops: aossOps, regional: true, build: (*builder).addAOSS},
	{name: "appstream", protocol: json11, ops: appStreamOps, regional: true, build: (*builder).addAppStream},
	{name: "securityhub", protocol: restJSON, ops: securityHubOps, regional: true, route: securityHubRoute, build: (*builder).addSecurityHub},
	// Buckets are global by name and found across account-regions (s3.go).
	{name: "s3", protocol: restXML, ops: s3Ops, route: s3Route, build: (*builder).addS3Buckets},
}

// service is one simulated AWS service.
type service struct {
	name     string
	protocol *protocol
	ops      map[string]op
	// regional services answer only in regions enabled for the account;
	// global ones (STS, IAM) answer everywhere.
	regional bool
	// route names the action of a REST request (method + path); query and
	// JSON 1.1 protocols carry the action in the request instead.
	route func(r *http.Request) string
	// build adds the service's scenario resources of one account-region
	// to its state; nil for services without scenario resources.
	build func(b *builder) error
}

// op handles one action. It returns the result for the protocol's writer,
// or an AWS error.
type op func(c *call) (any, *apiError)

func lookupService(name string) *service {
	for i := range services {
		if services[i].name == name {
			return &services[i]
		}
	}
	return nil
}

// serviceByVersion guesses the service of an unsigned query request from
// its API Version, so a bare curl against the simulator still gets an
// answer in the right dialect.
func serviceByVersion(form url.Values) string {
	switch form.Get("Version") {
	case "2016-11-15":
		return "ec2"
	case "2011-06-15":
		return "sts"
	case "2011-01-01":
		return "autoscaling"
	case "2015-12-01", "2012-06-01":
		return "elasticloadbalancing"
	case "2014-10-31":
		return "rds"
	case "2015-02-02":
		return "elasticache"
	case "2012-12-01":
		return "redshift"
	}
	return ""
}

var ec2Query = &protocol{
	name:        "ec2",
	parse:       parseQuery,
	writeResult: writeEC2Result,
	writeError:  writeEC2Error,
	errors: faultErrors{
		throttle:    apiError{Status: http.StatusServiceUnavailable, Code: "RequestLimitExceeded", Message: "Request limit exceeded."},
		denied:      apiError{Status: http.StatusForbidden, Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation. User: arn:aws:iam::%s:user/sim is not authorized to perform: %s:%s"},
		internal:    apiError{Status: http.StatusInternalServerError, Code: "InternalError", Message: "An internal error has occurred."},
		unavailable: apiError{Status: http.StatusServiceUnavailable, Code: "ServiceUnavailable", Message: "The service is unavailable. Try again shortly."},
		authFailure: apiError{Status: http.StatusUnauthorized, Code: "AuthFailure", Message: "AWS was not able to validate the provided access credentials"},
		dryRun:      apiError{Status: http.StatusPreconditionFailed, Code: "DryRunOperation", Message: "Request would have succeeded, but DryRun flag is set."},
		badAction:   apiError{Status: http.StatusBadRequest, Code: "InvalidAction", Message: "The action %s is not valid for this web service."},
	},
}

var awsQuerySTS = &protocol{
	name:        "awsquery",
	parse:       parseQuery,
	writeResult: writeAWSQueryResult("https://sts.amazonaws.com/doc/2011-06-15/"),
	writeError:  writeAWSQueryError,
	errors:      awsQueryErrors,
}

var awsQueryErrors = faultErrors{
	throttle:    apiError{Status: http.StatusBadRequest, Code: "Throttling", Message: "Rate exceeded"},
	denied:      apiError{Status: http.StatusForbidden, Code: "AccessDenied", Message: "User: arn:aws:iam::%s:user/sim is not authorized to perform: %s:%s"},
	internal:    apiError{Status: http.StatusInternalServerError, Code: "InternalFailure", Message: "An internal error has occurred."},
	unavailable: apiError{Status: http.StatusServiceUnavailable, Code: "ServiceUnavailable", Message: "Service is unavailable."},
	authFailure: apiError{Status: http.StatusForbidden, Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid."},
	badAction:   apiError{Status: http.StatusBadRequest, Code: "InvalidAction", Message: "Could not find operation %s"},
}

// jsonErrors serve both JSON protocols; REST services override throttle
// with their own code (Lambda: TooManyRequestsException, 429) if needed.
var jsonErrors = faultErrors{
	throttle:    apiError{Status: http.StatusBadRequest, Code: "ThrottlingException", Message: "Rate exceeded"},
	denied:      apiError{Status: http.StatusForbidden, Code: "AccessDeniedException", Message: "User: arn:aws:iam::%s:user/sim is not authorized to perform: %s:%s"},
	internal:    apiError{Status: http.StatusInternalServerError, Code: "InternalFailure", Message: "An internal error has occurred."},
	unavailable: apiError{Status: http.StatusServiceUnavailable, Code: "ServiceUnavailableException", Message: "Service is unavailable."},
	authFailure: apiError{Status: http.StatusForbidden, Code: "UnrecognizedClientException", Message: "The security token included in the request is invalid."},
	badAction:   apiError{Status: http.StatusBadRequest, Code: "UnknownOperationException", Message: "Unknown operation %s"},
}

// JSON 1.1 (X-Amz-Target) and REST-JSON protocols, ready for services such
// as CodeBuild (JSON 1.1) and Lambda (REST-JSON, with a route func).
var (
	json11 = &protocol{
		name: "json1.1", parse: parseJSON11, errors: jsonErrors,
		writeResult: writeJSONResult("application/x-amz-json-1.1"), writeError: writeJSON11Error,
	}
	restJSON = &protocol{
		name: "rest-json", parse: func(*http.Request, []byte) (string, url.Values, bool) { return "", nil, false },
		errors: jsonErrors, writeResult: writeJSONResult("application/json"), writeError: writeRESTJSONError,
	}
)

// Serves reports whether the simulator answers action of the service with
// SigV4 signing name service (an IAM action is "service:Action"), so the
// product's tests can require that every call they make is simulated.
func Serves(service, action string) bool {
	for _, s := range services {
		if s.name == service {
			_, ok := s.ops[action]
			return ok
		}
	}
	return false
}
