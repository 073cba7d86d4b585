// Package sagemaker is everything defaultsg knows about Amazon SageMaker: notebook instances, models, Studio domains, user profiles, model monitoring schedules and pipelines.
package sagemaker

import (
	"regexp"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Resource kinds.
const (
	NotebookInstance   resource.Kind = "sagemaker.notebook-instance"
	Model              resource.Kind = "sagemaker.model"
	Domain             resource.Kind = "sagemaker.domain"
	Resource           resource.Kind = "sagemaker.resource"
	UserProfile        resource.Kind = "sagemaker.user-profile"
	MonitoringSchedule resource.Kind = "sagemaker.monitoring-schedule"
	Pipeline           resource.Kind = "sagemaker.pipeline"
)

// Service lists the kinds, finders and default-group fallbacks of sagemaker.
var Service = svc.Service{
	Name: "sagemaker",
	Kinds: []svc.KindDef{
		{Kind: NotebookInstance, Name: "SageMaker notebook instance", Manual: svc.Manual{Recreate: true, Text: func(u usage.Usage) string {
			return "SageMaker notebook instance " + u.ResourceID + " cannot change its security groups in place: they are set only by CreateNotebookInstance, and UpdateNotebookInstance takes none. " +
				"Create a notebook instance with the replacement group, copy the notebooks from /home/ec2-user/SageMaker (the volume does not move), then delete this one."
		}}},
		{Kind: Model, Name: "SageMaker model", Manual: svc.Manual{Redeploy: true}},
		{Kind: Domain, Name: "SageMaker domain", Mover: &domainMover},
		{Kind: Resource, Name: "SageMaker resource", Manual: svc.Manual{Recreate: true}},
		{Kind: UserProfile, Name: "SageMaker user profile", Mover: &userProfileMover},
		// An inline definition through UpdateMonitoringSchedule; a named one
		// is immutable: a new job definition, then UpdateMonitoringSchedule.
		{Kind: MonitoringSchedule, Name: "SageMaker monitoring schedule", Manual: svc.Manual{API: "sagemaker:UpdateMonitoringSchedule"}},
		{Kind: Pipeline, Name: "SageMaker pipeline", Manual: svc.Manual{API: "sagemaker:UpdatePipeline"}},
	},
	Signatures: []svc.Signature{
		{Kind: Resource, Change: usage.ChangeReplacement, Match: svc.DescRegexp(regexp.MustCompile(`SageMaker(.*)$`))},
	},
	Finders: []usage.Finder{NotebookInstances, Models, Domains, UserProfiles, MonitoringSchedules, Pipelines},
}
