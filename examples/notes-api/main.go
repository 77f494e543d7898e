// Command notes-api is a multi-tenant notes service built on cognitotenant.
package main

import (
	"fmt"
	"os"
)

func main() {
	// TODO(notes-api): the service is not built yet; this placeholder keeps
	// the README's run command honest until it lands.
	fmt.Fprintln(os.Stderr, "notes-api: not built yet")
	os.Exit(1)
}
