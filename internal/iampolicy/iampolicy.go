// Package iampolicy derives the least-privilege IAM policy of each command
// from what the code calls: the base reads every command makes, the usage
// finders' own IAM lists, and the writes of close and restore.
package iampolicy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Commands that have a policy.
var Commands = []string{"audit", "usage", "close", "restore", "plan", "apply", "all"}

var (
	identity  = []string{"sts:GetCallerIdentity"}
	inventory = []string{"ec2:DescribeRegions", "ec2:DescribeVpcs", "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"}
	revoke    = []string{"ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"}
	// restore adds missing rules and puts back edited descriptions.
	authorize = []string{"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:DescribeSecurityGroupRules",
		"ec2:UpdateSecurityGroupRuleDescriptionsIngress", "ec2:UpdateSecurityGroupRuleDescriptionsEgress"}
	// apply creates tagged replacement groups, gives them exactly the
	// planned rules and copies references; the movers add what moving
	// users through their services calls.
	migrate = []string{"ec2:CreateSecurityGroup", "ec2:CreateTags", "ec2:AuthorizeSecurityGroupIngress",
		"ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress",
		"ec2:DescribeNetworkInterfaces", "ec2:ModifyNetworkInterfaceAttribute"}
)

// Actions returns the sorted IAM actions command needs, given the finders.
func Actions(command string, finders []usage.Finder) ([]string, error) {
	var groups [][]string
	finderActions := func() []string {
		var out []string
		for _, f := range finders {
			out = append(out, f.IAM...)
		}
		return out
	}
	switch command {
	case "audit":
		groups = [][]string{identity, inventory}
	case "usage":
		groups = [][]string{identity, inventory, finderActions()}
	case "close":
		groups = [][]string{identity, inventory, finderActions(), revoke}
	case "restore":
		groups = [][]string{identity, authorize}
	case "plan":
		groups = [][]string{identity, inventory, finderActions()}
	case "apply":
		groups = [][]string{identity, inventory, finderActions(), migrate, services.MoverIAM()}
	case "all":
		groups = [][]string{identity, inventory, finderActions(), revoke, authorize, migrate, services.MoverIAM(), {"ec2:DeleteSecurityGroup", "config:GetComplianceDetailsByConfigRule"}}
	default:
		return nil, fmt.Errorf("no policy for %q (want one of %s)", command, strings.Join(Commands, ", "))
	}
	seen := map[string]bool{}
	var out []string
	for _, g := range groups {
		for _, a := range g {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one policy statement.
type Statement struct {
	Sid      string   `json:"Sid"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

// Policy builds the policy document for command.
func Policy(command string, finders []usage.Finder) (Document, error) {
	actions, err := Actions(command, finders)
	if err != nil {
		return Document{}, err
	}
	return Document{Version: "2012-10-17", Statement: []Statement{{
		Sid: "defaultsg" + command, Effect: "Allow", Action: actions, Resource: "*",
	}}}, nil
}
