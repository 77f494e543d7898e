// Command corpus writes the conformance corpus, tokens minted against the
// current time, to a directory, for running aws-jwt-verify over it by hand:
//
//	go run ./test/conformance/cmd/corpus -o /tmp/corpus
//	node test/tools/conformance/verify.mjs /tmp/corpus/corpus.json
//
// The tokens stay good for about an hour.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/cognitotenant/cognitotenant-go/test/conformance"
)

func main() {
	dir := flag.String("o", ".", "directory to write "+conformance.FileName+" to")
	flag.Parse()

	c, err := conformance.Generate(time.Now())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	path, err := c.Write(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d cases\n", path, len(c.Cases))
}
