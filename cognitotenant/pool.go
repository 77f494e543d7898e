package cognitotenant

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// ErrConfig is wrapped by every error New returns for a bad Config.
var ErrConfig = errors.New("cognitotenant: invalid configuration")

// poolRules is what a token's checks need to know about its pool, shared
// by every issuer of the pool.
type poolRules struct {
	poolID    string
	clientIDs []string
	tokenUse  TokenUse
}

// issuerSpec is one accepted iss value and where its keys come from.
type issuerSpec struct {
	issuer  string
	jwksURL string
	static  []byte
	pool    *poolRules
}

func configErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, args...))
}

// issuers validates p and returns the issuers it accepts.
func (p *Pool) issuers() ([]issuerSpec, error) {
	region, err := p.region()
	if err != nil {
		return nil, err
	}
	if len(p.ClientIDs) == 0 || slices.Contains(p.ClientIDs, "") {
		return nil, configErr("pool %s: ClientIDs must list non-empty app client ids",
			p.UserPoolID)
	}
	for _, r := range p.ReplicaRegions {
		if r == "" || strings.ContainsAny(r, "/?#%:@_. \t\r\n") {
			return nil, configErr("pool %s: replica region %q is not a region",
				p.UserPoolID, r)
		}
	}
	switch p.TokenUse {
	case TokenUseID, TokenUseAccess, TokenUseBoth:
	default:
		return nil, configErr("pool %s: TokenUse must be TokenUseID, TokenUseAccess "+
			"or TokenUseBoth", p.UserPoolID)
	}
	rules := &poolRules{
		poolID:    p.UserPoolID,
		clientIDs: slices.Clone(p.ClientIDs),
		tokenUse:  p.TokenUse,
	}
	var list []string
	if p.Issuer != "" {
		if p.MultiRegionIssuer || len(p.ReplicaRegions) > 0 {
			return nil, configErr("pool %s: Issuer excludes MultiRegionIssuer and "+
				"ReplicaRegions", p.UserPoolID)
		}
		list = []string{strings.TrimSuffix(p.Issuer, "/")}
	} else {
		list = p.awsIssuers(region)
	}
	if p.JWKSURL != "" && len(list) > 1 {
		return nil, configErr("pool %s: JWKSURL names one key set but the pool has %d "+
			"issuers", p.UserPoolID, len(list))
	}
	specs := make([]issuerSpec, 0, len(list))
	for _, iss := range list {
		s := issuerSpec{issuer: iss, pool: rules, static: p.StaticJWKS}
		s.jwksURL = iss + "/.well-known/jwks.json"
		if p.JWKSURL != "" {
			s.jwksURL = p.JWKSURL
		}
		if err := checkURL(s.issuer); err != nil {
			return nil, configErr("pool %s: issuer: %v", p.UserPoolID, err)
		}
		if err := checkURL(s.jwksURL); err != nil && p.StaticJWKS == nil {
			return nil, configErr("pool %s: key set URL: %v", p.UserPoolID, err)
		}
		specs = append(specs, s)
	}
	return specs, nil
}

// region derives the pool's region from its id. Region names are not
// matched against a pattern: new ones and forms like us-gov-west-1 keep
// appearing, and emulators use ids such as local_abc.
func (p *Pool) region() (string, error) {
	id := p.UserPoolID
	prefix, suffix, ok := strings.Cut(id, "_")
	if !ok || prefix == "" || suffix == "" || strings.ContainsAny(id, "/?#%:@ \t\r\n") {
		return "", configErr("UserPoolID %q is not <region>_<suffix>", id)
	}
	if p.Region == "" {
		return prefix, nil
	}
	if p.Region != prefix && p.Issuer == "" {
		return "", configErr("pool %s: Region %q disagrees with the pool id", id, p.Region)
	}
	return p.Region, nil
}

func (p *Pool) awsIssuers(region string) []string {
	list := []string{cognitoIssuer("cognito-idp", region, p.UserPoolID)}
	if p.MultiRegionIssuer {
		list = append(list, cognitoIssuer("issuer-cognito-idp", region, p.UserPoolID))
	}
	for _, r := range p.ReplicaRegions {
		iss := cognitoIssuer("cognito-idp", r, p.UserPoolID)
		if !slices.Contains(list, iss) {
			list = append(list, iss)
		}
	}
	return list
}

func cognitoIssuer(service, region, poolID string) string {
	return "https://" + service + "." + region + ".amazonaws.com/" + poolID
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a URL")
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	return nil
}
