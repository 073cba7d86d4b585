// Package demo holds the built-in sandbox: a simulator scenario that tells the
// whole story and the commands the demo runs against it, in order.
package demo

import _ "embed"

// Scenario is the simulator scenario of the sandbox (YAML, docs/SCENARIOS.md).
//
//go:embed scenario.yaml
var Scenario []byte

// Step is one command of the demo.
type Step struct {
	Title   string
	Explain string
	Args    []string
}

// Regions the demo visits; one of them is throttled by the scenario.
const regions = "us-east-1,eu-west-1,eu-central-1,ap-southeast-2"

// Steps returns the demo's commands; dir holds the backup and the plan,
// report is where the HTML report goes (kept after the demo).
func Steps(dir, report string) []Step {
	backup, planFile := dir+"/backup.json", dir+"/plan.json"
	return []Step{
		{"Step 1 · audit: every default group in every region, and its rules",
			"Read-only. The simulator throttles the first EC2 calls in ap-southeast-2 (RequestLimitExceeded);\nthe SDK's adaptive retryer backs off and retries, so the result is complete.",
			[]string{"audit", "--regions", regions}},
		{"Step 2 · usage: who still uses a default group?",
			"Read-only. Live network interfaces are attributed to their owner, and configurations that\nwill create interfaces later (a CodeBuild project has none between builds) are found too.",
			[]string{"usage", "--regions", regions}},
		{"Steps 3-4 · plan: replacement groups and the moves of every user",
			"Read-only. The replacement copies the default group's rules, its self rule rewritten to\nname the replacement; the plan file records a fingerprint of the state.",
			[]string{"plan", "--regions", regions, "--out", planFile}},
		{"Step 4 · apply: create the replacements and move the users",
			"Journaled step by step; re-running it resumes. The instance moves by its interface, the\nCodeBuild project through codebuild:UpdateProject — its next build runs in the replacement.",
			[]string{"apply", planFile, "--yes"}},
		{"Step 5 · verify: did the moved users keep exactly their connectivity?",
			"Compares, per moved resource, the traffic its groups allowed before and after the move;\nthen lists who is still on a default group (nobody: close is now safe).",
			[]string{"verify", planFile}},
		{"Step 6 · close, dry run: permission check only",
			"Every revoke call is made with DryRun=true; nothing changes.",
			[]string{"close", "--regions", regions, "--dry-run"}},
		{"Step 6 · close: revoke every rule of unused default groups",
			"Writes and verifies a backup first, then revokes by rule id. A group something still uses\nis refused.",
			[]string{"close", "--regions", regions, "--yes", "--backup", backup}},
		{"Step 7 · audit again",
			"Closed groups now pass EC2.2; a refused one fails until its last user is moved.",
			[]string{"audit", "--regions", regions}},
		{"Safety net · restore one region from the backup",
			"Re-authorizes exactly the saved rules (descriptions included) of eu-west-1 only.",
			[]string{"restore", backup, "--regions", "eu-west-1", "--yes"}},
		{"Safety net · audit eu-west-1: back exactly as it was",
			"", []string{"audit", "--regions", "eu-west-1"}},
		{"Report · one HTML page for the people you report to",
			"An account × region heat map of EC2.2, each group's rules, users and who manages them on\nclick, and the coverage gaps. Self-contained: open it in a browser or attach it to an email.",
			[]string{"report", "--regions", regions, "--html", report}},
	}
}

// NextSteps is printed after the demo.
const NextSteps = `
━━ Next steps on a real account
  defaultsg audit                      # every enabled region of the account in your credentials
  defaultsg usage                      # who uses each default group
  defaultsg close --dry-run            # permission check, then: defaultsg close
  defaultsg iam-policy --for close     # the least-privilege policy to run it
  defaultsg plan --out plan.json && defaultsg apply plan.json # move users onto replacement groups
  defaultsg verify plan.json           # nothing lost?   (defaultsg rollback plan.json.journal undoes apply)
`
