package model

// SourceFile is one CDK app source file (TypeScript, JavaScript, Python,
// Java, C# or Go) reduced to the places where it touches a VPC's default
// security group. The cdk package finds them with each language's
// tokenizer, so comments and string literals never count.
type SourceFile struct {
	Path string
	Lang string
	Uses []SourceUse
	// Members are the construct properties (this.x, self.x) this file sets
	// to the default group; other files' reads of them are followed.
	Members map[string]SourceMember
}

// SourceMember is how a member came to hold the default group.
type SourceMember struct {
	VPC string
	Via []string
}

// UseKind says what a CDK app does with the default group at one place.
type UseKind int

// Use kinds; each maps to one rule.
const (
	UseReference   UseKind = iota // taken or passed on (DSG002)
	UseAttached                   // in a resource's security groups (DSG002)
	UseRules                      // rules added to it (DSG001)
	UsePeer                       // another group's rule source or peer (DSG003)
	UseOutput                     // a CfnOutput value (DSG004)
	UseLockdownOff                // restrictDefaultSecurityGroup set to false (DSG005)
	UseEmbedded                   // interpolated into a longer string, such as an ARN (DSG010)
)

// SourceUse is one such place. Expr is the source text of the access
// ("vpc.vpcDefaultSecurityGroup"), Where the property, call or variable it
// flows into, Via the assignments it went through, outermost first.
type SourceUse struct {
	Kind  UseKind
	Pos   Pos
	Expr  string
	Where string
	// VPC is the receiver the group was taken from ("vpc", "this.network.vpc").
	VPC string
	Via []string
}
