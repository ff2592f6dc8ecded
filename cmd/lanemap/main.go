// Command lanemap is the Lanemap process-mapping tool: the editor by
// default, and headless verbs (check, convert, render, publish, …) for
// servers and scripts. Build with -tags nogui for a binary with no display
// or cgo needs.
package main

import (
	"os"

	"lanemap/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
