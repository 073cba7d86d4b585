// Command defaultsg finds, migrates and closes the default security groups of
// AWS VPCs (Security Hub control EC2.2).
package main

import (
	"os"

	"github.com/defaultsg/defaultsg/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:]))
}
