// Command perfdoc writes measured figures into docs/performance.md.
//
// With -section bench it reads benchstat's CSV output for the bench
// package's BenchmarkVerify and BenchmarkRatio on stdin and renders the
// verification tables and targets. With -section load it copies the
// Markdown the load test wrote on stdin. Either way the result replaces
// what lies between the section's markers in the document, with the text
// of -header (the machine and the command) above it, so that each script
// updates its own part and leaves the rest of the page alone.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cognitotenant/cognitotenant-go/bench"
)

func main() {
	doc := flag.String("doc", "../docs/performance.md", "document to update")
	section := flag.String("section", "bench", "bench or load")
	header := flag.String("header", "", "file whose Markdown goes above the tables")
	flag.Parse()
	if err := run(*doc, *section, *header, os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "perfdoc:", err)
		os.Exit(1)
	}
}

func run(doc, section, headerFile string, in io.Reader) error {
	var body string
	switch section {
	case "bench":
		res, err := parseBenchstat(in)
		if err != nil {
			return err
		}
		peers, skipped, err := describePeers()
		if err != nil {
			return err
		}
		body = renderBench(res, peers, skipped)
	case "load":
		b, err := io.ReadAll(in)
		if err != nil {
			return err
		}
		body = "\n" + string(b)
	default:
		return fmt.Errorf("unknown section %q", section)
	}
	if headerFile != "" {
		h, err := os.ReadFile(headerFile)
		if err != nil {
			return err
		}
		body = "\n" + string(h) + body
	}
	old, err := os.ReadFile(doc)
	if err != nil {
		return err
	}
	updated, err := splice(old, section, body)
	if err != nil {
		return err
	}
	return os.WriteFile(doc, updated, 0o644)
}

// describePeers builds the peers on a throwaway fixture, only to read
// their names, what they cannot check and which kinds they skip.
func describePeers() (map[bench.Kind][]bench.Peer, []bench.Skipped, error) {
	f, err := bench.NewFixture(1)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	peers := map[bench.Kind][]bench.Peer{}
	var skipped []bench.Skipped
	for _, k := range bench.Kinds {
		p, s, done, err := bench.Peers(f, k)
		if err != nil {
			return nil, nil, err
		}
		done()
		peers[k], skipped = p, append(skipped, s...)
	}
	return peers, skipped, nil
}

// splice replaces the text between <!-- name:begin --> and
// <!-- name:end --> with body.
func splice(doc []byte, name, body string) ([]byte, error) {
	begin := []byte("<!-- " + name + ":begin -->")
	end := []byte("<!-- " + name + ":end -->")
	i, j := bytes.Index(doc, begin), bytes.Index(doc, end)
	if i < 0 || j < i {
		return nil, errors.New("markers for section " + name + " not found in the document")
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(begin)])
	out.WriteString(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		out.WriteByte('\n')
	}
	out.Write(doc[j:])
	return out.Bytes(), nil
}
