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

// Steps returns the demo's commands; backup is where close writes its backup.
func Steps(backup string) []Step {
	return []Step{
		{"Step 1 · audit: every default group in every region, and its rules",
			"Read-only. ap-southeast-2 is throttled by the simulator (RequestLimitExceeded on 40% of\ncalls); the SDK's adaptive retryer absorbs it, so the result is complete.",
			[]string{"audit", "--regions", regions}},
		{"Step 2 · usage: who still uses a default group?",
			"Read-only. Live network interfaces are attributed to their owner; a group used by anything\n(or whose usage could not be checked) must not be closed.",
			[]string{"usage", "--regions", regions}},
		{"Step 6 · close, dry run: permission check only",
			"Every revoke call is made with DryRun=true; nothing changes.",
			[]string{"close", "--regions", regions, "--dry-run"}},
		{"Step 6 · close: revoke every rule of unused default groups",
			"Writes and verifies a backup first, then revokes by rule id. The group used by an\ninstance is refused.",
			[]string{"close", "--regions", regions, "--yes", "--backup", backup}},
		{"Step 7 · audit again",
			"Closed groups now pass EC2.2; the refused one still fails until its users are moved.",
			[]string{"audit", "--regions", regions}},
		{"Safety net · restore one region from the backup",
			"Re-authorizes exactly the saved rules (descriptions included) of eu-west-1 only.",
			[]string{"restore", backup, "--regions", "eu-west-1", "--yes"}},
		{"Safety net · audit eu-west-1: back exactly as it was",
			"", []string{"audit", "--regions", "eu-west-1"}},
	}
}

// NextSteps is printed after the demo.
const NextSteps = `
━━ Next steps on a real account
  defaultsg audit                      # every enabled region of the account in your credentials
  defaultsg usage                      # who uses each default group
  defaultsg close --dry-run            # permission check, then: defaultsg close
  defaultsg iam-policy --for close     # the least-privilege policy to run it
Moving users onto replacement groups (plan/apply/verify) comes next; until then move them by hand
and re-run usage until it is clean.
`
