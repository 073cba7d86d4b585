package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/exitcode"
)

// DefaultConfigFile is read from the working directory when present.
const DefaultConfigFile = ".defaultsg.yaml"

// Config is the config file: defaults for flags (a flag given on the
// command line wins) and the accounts changes never touch.
type Config struct {
	// Regions and accounts to include or exclude, as --regions,
	// --accounts and --exclude-accounts.
	Regions         []string `yaml:"regions"`
	Accounts        []string `yaml:"accounts"`
	ExcludeAccounts []string `yaml:"exclude_accounts"`
	// ProtectedAccounts are never changed by close or apply (aws-nuke's
	// account blocklist): close skips them, apply refuses a plan that
	// touches them.
	ProtectedAccounts []string `yaml:"protected_accounts"`
	// AcceptUnknown are the finders whose gaps are accepted, each with why.
	AcceptUnknown []AcceptedGap `yaml:"accept_unknown"`
	// NameTemplate and Tags of replacement groups (plan).
	NameTemplate string            `yaml:"name_template"`
	Tags         map[string]string `yaml:"tags"`
	Scan         struct {
		Exclude []string `yaml:"exclude"`
	} `yaml:"scan"`
}

// AcceptedGap is a finder whose failure is accepted, and the reason.
type AcceptedGap struct {
	Finder string `yaml:"finder"`
	Reason string `yaml:"reason"`
}

// LoadConfig reads path; with explicit false a missing file is no config.
// Unknown keys, finders or a gap without a reason are usage errors.
func LoadConfig(path string, explicit bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return &Config{}, nil
	}
	if err != nil {
		return nil, exitcode.Usagef(fmt.Errorf("config file: %w", err))
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, exitcode.Usagef(fmt.Errorf("config file %s: %w", path, err))
	}
	for _, g := range c.AcceptUnknown {
		if g.Reason == "" {
			return nil, exitcode.Usagef(fmt.Errorf("config file %s: accept_unknown %q needs a reason", path, g.Finder))
		}
	}
	if err := checkFinderNames(c.acceptedFinders()); err != nil {
		return nil, exitcode.Usagef(fmt.Errorf("config file %s: %w", path, err))
	}
	return &c, nil
}

func (c *Config) acceptedFinders() []string {
	var out []string
	for _, g := range c.AcceptUnknown {
		out = append(out, g.Finder)
	}
	return out
}

// loadConfig reads the config file for cmd into f.Config and fills the
// global flags the command line left unset.
func loadConfig(cmd *cobra.Command, f *Factory) error {
	f.Config = &Config{}
	g := f.Global
	if g.NoConfigFile || cmd.Name() == "version" || cmd.Name() == "demo" || cmd.Name() == "sim" {
		return nil
	}
	path, explicit := g.ConfigFile, g.ConfigFile != ""
	if !explicit {
		path = DefaultConfigFile
	}
	c, err := LoadConfig(path, explicit)
	if err != nil {
		return err
	}
	f.Config = c
	c.applyGlobal(cmd, g)
	return nil
}

// applyGlobal fills the global options the command line left unset.
func (c *Config) applyGlobal(cmd *cobra.Command, g *GlobalOptions) {
	fl := cmd.Flags()
	if !fl.Changed("regions") && !fl.Changed("region") && len(c.Regions) > 0 {
		g.Regions = joinComma(c.Regions)
	}
	if !g.Org {
		return // account selection applies to --org runs only
	}
	if !fl.Changed("accounts") && len(c.Accounts) > 0 {
		g.Accounts = c.Accounts
	}
	if !fl.Changed("exclude-accounts") && len(c.ExcludeAccounts) > 0 {
		g.ExcludeAccounts = c.ExcludeAccounts
	}
}

// defaultStrings sets *dst to v unless flag was given.
func defaultStrings(cmd *cobra.Command, flag string, dst *[]string, v []string) {
	if !cmd.Flags().Changed(flag) && len(v) > 0 {
		*dst = v
	}
}

// protected reports whether account is never to be changed.
func (c *Config) protected(account string) bool {
	return c != nil && slices.Contains(c.ProtectedAccounts, account)
}

func joinComma(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}
