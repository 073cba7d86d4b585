// Package resource names the kinds of AWS resource that can hold a security
// group. A Kind is a stable identifier ("rds.cluster"): plans, journals and
// JSON reports carry it, and every join between finders, movers, manual
// steps and IAM is made on it — never on the display text derived from it.
package resource

// Kind identifies one kind of resource, as "<service package>.<resource>".
// Each service package under internal/services declares its kinds as
// constants; the services registry gives each its display name.
type Kind string

// None is the zero Kind: a usage that no finder has named yet.
const None Kind = ""
