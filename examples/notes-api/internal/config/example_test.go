package config_test

import (
	"fmt"

	"github.com/cognitotenant/cognitotenant-go/examples/notes-api/internal/config"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// With nothing set the service runs on its embedded defaults.
func ExampleFromLookup() {
	c, err := config.FromLookup(env(nil))
	fmt.Println(c.Mode, c.Addr, c.InternalAddr, c.DatabaseURL, err)
	// Output: embedded 127.0.0.1:8080 127.0.0.1:8081 sqlite:data/notes.db <nil>
}

// A bad value stops start-up with one line that names the variable.
func ExampleFromLookup_badVariable() {
	_, err := config.FromLookup(env(map[string]string{
		"LOG_LEVEL": "loud",
	}))
	fmt.Println(err)
	// Output: LOG_LEVEL: must be debug, info, warn or error
}
