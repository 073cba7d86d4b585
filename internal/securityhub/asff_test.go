package securityhub

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

type botoShape struct {
	Type     string             `json:"type"`
	Required []string           `json:"required"`
	Members  map[string]botoRef `json:"members"`
	Member   *botoRef           `json:"member"`
	Value    *botoRef           `json:"value"`
	Enum     []string           `json:"enum"`
	Min      *float64           `json:"min"`
	Max      *float64           `json:"max"`
}

type botoRef struct {
	Shape string `json:"shape"`
}

// securityHubModel loads botocore's securityhub model; skipped without
// python3 and botocore, except under CI=true.
func securityHubModel(t *testing.T) map[string]botoShape {
	t.Helper()
	out, err := exec.Command("python3", "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("botocore is required in CI: %v", err)
		}
		t.Skipf("python3 with botocore not found (%v)", err)
	}
	paths, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "data", "securityhub", "*", "service-2.json*"))
	if len(paths) == 0 {
		t.Fatal("botocore has no securityhub model")
	}
	fh, err := os.Open(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var r io.Reader = fh
	if strings.HasSuffix(paths[0], ".gz") {
		if r, err = gzip.NewReader(fh); err != nil {
			t.Fatal(err)
		}
	}
	var m struct {
		Shapes map[string]botoShape `json:"shapes"`
	}
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m.Shapes
}

// checkShape reports every way v is not a valid value of shape name.
func checkShape(shapes map[string]botoShape, path string, v any, name string, errs *[]string) {
	sh, ok := shapes[name]
	if !ok {
		*errs = append(*errs, path+": no shape "+name)
		return
	}
	bad := func(format string, args ...any) { *errs = append(*errs, path+": "+fmt.Sprintf(format, args...)) }
	switch sh.Type {
	case "structure":
		obj, ok := v.(map[string]any)
		if !ok {
			bad("want an object (%s), got %T", name, v)
			return
		}
		for _, req := range sh.Required {
			if _, ok := obj[req]; !ok {
				bad("required member %s missing", req)
			}
		}
		for k, mv := range obj {
			ref, ok := sh.Members[k]
			if !ok {
				bad("%s has no member %s", name, k)
				continue
			}
			checkShape(shapes, path+"."+k, mv, ref.Shape, errs)
		}
	case "list":
		arr, ok := v.([]any)
		if !ok {
			bad("want a list, got %T", v)
			return
		}
		if sh.Min != nil && float64(len(arr)) < *sh.Min || sh.Max != nil && float64(len(arr)) > *sh.Max {
			bad("%d items outside [%v, %v]", len(arr), sh.Min, sh.Max)
		}
		for i, e := range arr {
			checkShape(shapes, fmt.Sprintf("%s[%d]", path, i), e, sh.Member.Shape, errs)
		}
	case "map":
		obj, ok := v.(map[string]any)
		if !ok {
			bad("want a map, got %T", v)
			return
		}
		for k, e := range obj {
			checkShape(shapes, path+"."+k, e, sh.Value.Shape, errs)
		}
	case "string":
		s, ok := v.(string)
		if !ok {
			bad("want a string, got %T", v)
			return
		}
		if sh.Min != nil && float64(len(s)) < *sh.Min || sh.Max != nil && float64(len(s)) > *sh.Max {
			bad("length %d outside [%v, %v]", len(s), sh.Min, sh.Max)
		}
		if len(sh.Enum) > 0 && !contains(sh.Enum, s) {
			bad("%q is not one of %v", s, sh.Enum)
		}
	case "integer", "long", "double", "float":
		if _, ok := v.(float64); !ok {
			bad("want a number, got %T", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T", v)
		}
	default:
		bad("unchecked type %s", sh.Type)
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// The ASFF audit writes is valid against botocore's AwsSecurityFinding
// (required members, member names, types, enums, lengths), one finding per
// group, with the group's rules as evidence.
func TestASFFMatchesBotocore(t *testing.T) {
	shapes := securityHubModel(t)
	groups := []inventory.Group{
		{Account: "111111111111", Region: "eu-west-1", VpcID: "vpc-1", GroupID: "sg-open", GroupName: "default", Rules: []sgrule.Rule{
			{Protocol: "-1", Group: &sgrule.GroupRef{GroupID: "sg-open", UserID: "111111111111"}},
			{Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "0.0.0.0/0"},
			{Protocol: "tcp", FromPort: 443, ToPort: 443, CidrIPv6: "::/0"},
			{Protocol: "tcp", FromPort: 443, ToPort: 443, PrefixList: "pl-1"},
			{Egress: true, Protocol: "-1", CidrIPv4: "0.0.0.0/0"},
		}},
		{Account: "111111111111", Region: "cn-north-1", VpcID: "vpc-2", GroupID: "sg-closed", GroupName: "default", Rules: []sgrule.Rule{}},
	}
	findings := ToASFF(groups, "test", time.Date(2026, 11, 30, 21, 0, 0, 0, time.UTC))
	if len(findings) != len(groups) {
		t.Fatalf("%d findings for %d groups", len(findings), len(groups))
	}
	raw, err := json.Marshal(findings)
	if err != nil {
		t.Fatal(err)
	}
	var list []any
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	var errs []string
	checkShape(shapes, "$", list, "BatchImportFindingsRequestFindingList", &errs)
	for _, e := range errs {
		t.Error(e)
	}
	open, closed := findings[0], findings[1]
	if open.Compliance.Status != "FAILED" || open.Severity.Label != "HIGH" || len(open.Resources[0].Details.Group.IPPermissions) != 4 ||
		len(open.Resources[0].Details.Group.IPPermissionsEgress) != 1 {
		t.Errorf("open group: %+v", open)
	}
	if closed.Compliance.Status != "PASSED" || closed.ProductArn != "arn:aws-cn:securityhub:cn-north-1:111111111111:product/111111111111/default" ||
		closed.Resources[0].ID != "arn:aws-cn:ec2:cn-north-1:111111111111:security-group/sg-closed" {
		t.Errorf("closed group: %+v", closed)
	}
	// Read back as Security Hub would, defaultsg's findings are not EC2.2's.
	if contains(ControlGenerators, open.GeneratorID) {
		t.Errorf("GeneratorId %s would be read as Security Hub's own EC2.2 finding", open.GeneratorID)
	}
}
