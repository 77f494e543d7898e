// Package conformance builds a corpus of Cognito-shaped tokens, valid and
// broken in every way a verifier must notice, so that cognitotenant's
// verdicts can be compared, token for token, with those of aws-jwt-verify,
// the verifier AWS publishes for Node.
//
// The corpus is plain JSON: the user pools with their key sets, the
// verifier configurations, and one entry per token saying which rule it
// breaks and how each verifier is expected to answer. The Node side lives
// in test/tools/conformance/verify.mjs.
package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// FileName is the name Write gives the corpus inside its directory.
const FileName = "corpus.json"

// Corpus is a set of tokens with everything a verifier needs to judge them
// offline. It is plain data and safe to share once built.
type Corpus struct {
	// GeneratedAt is the Unix time the tokens' lifetimes are relative to.
	GeneratedAt int64 `json:"generatedAt"`
	// Pools are the user pools whose keys signed the tokens.
	Pools []Pool `json:"pools"`
	// Configs are the verifier configurations, by name.
	Configs map[string]Config `json:"configs"`
	// Cases are the tokens, each judged under one of Configs.
	Cases []Case `json:"cases"`
}

// Pool is a user pool as a verifier sees it: its issuer and key set.
type Pool struct {
	Region     string          `json:"region"`
	UserPoolID string          `json:"userPoolId"`
	Issuer     string          `json:"issuer"`
	JWKSURL    string          `json:"jwksUrl"`
	JWKS       json.RawMessage `json:"jwks"`
}

// Config is what a service tells its verifier: the pool it trusts, the
// token use it accepts and its app clients.
type Config struct {
	UserPoolID string   `json:"userPoolId"`
	TokenUse   string   `json:"tokenUse"`
	ClientIDs  []string `json:"clientIds"`
	// TenantRequired is for cognitotenant only, aws-jwt-verify knowing
	// nothing of tenants: whether a token must carry custom:tenant_id.
	// Cognito puts it in ID tokens only, unless a trigger copies it.
	TenantRequired bool `json:"tenantRequired"`
}

// Case is one token and the verdicts it is built to draw.
type Case struct {
	// Name is unique in the corpus, "<config>/<what is broken>".
	Name string `json:"name"`
	// Config names the entry of Corpus.Configs to verify the token with.
	Config string `json:"config"`
	// About says in a few words what the token does.
	About string `json:"about"`
	// Token is the compact JWS, valid or not.
	Token string `json:"token"`
	// AWSError is the aws-jwt-verify error class the token draws, or ""
	// when aws-jwt-verify accepts it.
	AWSError string `json:"awsError"`
	// Reason is the cognitotenant refusal reason the token draws, or ""
	// when cognitotenant accepts it.
	Reason string `json:"reason"`
}

// AWSAccepts reports whether aws-jwt-verify is expected to accept the token.
func (c Case) AWSAccepts() bool { return c.AWSError == "" }

// Pool returns the pool of the named user pool id.
func (c *Corpus) Pool(id string) (Pool, bool) {
	for _, p := range c.Pools {
		if p.UserPoolID == id {
			return p, true
		}
	}
	return Pool{}, false
}

// Write stores the corpus as dir/corpus.json and returns that path.
func (c *Corpus) Write(dir string) (string, error) {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return "", fmt.Errorf("conformance: encode corpus: %w", err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", fmt.Errorf("conformance: write corpus: %w", err)
	}
	return path, nil
}

// Read loads a corpus written by Write.
func Read(path string) (*Corpus, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("conformance: read corpus: %w", err)
	}
	var c Corpus
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("conformance: decode corpus: %w", err)
	}
	return &c, nil
}
