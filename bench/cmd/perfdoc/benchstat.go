package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// stat is one benchstat summary: the median of a metric over the runs
// and its confidence interval as benchstat prints it ("±2%").
type stat struct {
	median float64
	ci     string
}

// results maps benchmark ("Verify", "Ratio"), then row ("id floor"), then
// unit ("sec/op", "x-floor") to a summary.
type results map[string]map[string]map[string]stat

func (r results) get(bench, row, unit string) (stat, bool) {
	s, ok := r[bench][row][unit]
	return s, ok
}

// parseBenchstat reads the CSV benchstat writes with -format csv
// -table .name -row /token,/peer and a single input file: a ".name: X"
// line opens a table, a ",unit,CI" line a metric, and each row after it
// is "token peer,median,CI".
func parseBenchstat(r io.Reader) (results, error) {
	out := results{}
	var bench, unit string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, ".name: "); ok {
			bench, unit = name, ""
			out[bench] = map[string]map[string]stat{}
			continue
		}
		if line == "" || bench == "" {
			continue
		}
		rec, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil || len(rec) < 2 {
			return nil, fmt.Errorf("benchstat line %q: not CSV", line)
		}
		switch {
		case rec[0] == "" && len(rec) >= 3 && rec[2] == "CI":
			unit = rec[1]
		case rec[0] == "" || rec[0] == "geomean" || unit == "":
			// The file header and the geometric mean row.
		default:
			v, err := strconv.ParseFloat(rec[1], 64)
			if err != nil {
				continue // benchstat leaves a cell empty when a run lacks it
			}
			row := out[bench][rec[0]]
			if row == nil {
				row = map[string]stat{}
				out[bench][rec[0]] = row
			}
			ci := ""
			if len(rec) > 2 {
				ci = rec[2]
			}
			row[unit] = stat{median: v, ci: ci}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out["Verify"]) == 0 {
		return nil, errors.New("no BenchmarkVerify results in the input")
	}
	return out, nil
}
