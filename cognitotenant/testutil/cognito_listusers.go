package testutil

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

type listUsersInput struct {
	UserPoolID      string `json:"UserPoolId"`
	Filter          string
	Limit           int
	PaginationToken string
}

// filterPattern is ListUsers' filter grammar: attribute, = or ^=, and a
// double-quoted value.
var filterPattern = regexp.MustCompile(`^\s*([a-z_:]+)\s*(\^?=)\s*"(.*)"\s*$`)

// filterable are the attributes Cognito lets ListUsers filter on.
var filterable = []string{
	"username", "email", "phone_number", "name", "given_name", "family_name",
	"preferred_username", "cognito:user_status", "status", "sub",
}

func (fc *FakeCognito) listUsers(_ string, in *listUsersInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	match, err := parseUserFilter(in.Filter)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, name := range slices.Sorted(maps.Keys(p.users)) {
		if match(p.users[name]) {
			names = append(names, name)
		}
	}
	names, next, err := page(names, in.PaginationToken, in.Limit)
	if err != nil {
		return nil, err
	}
	return withToken(map[string]any{"Users": p.usersJSON(names)}, "PaginationToken", next), nil
}

func parseUserFilter(f string) (func(*fakeUser) bool, error) {
	if strings.TrimSpace(f) == "" {
		return func(*fakeUser) bool { return true }, nil
	}
	m := filterPattern.FindStringSubmatch(f)
	if m == nil || !slices.Contains(filterable, m[1]) {
		return nil, invalidParameter("Invalid search attribute or filter.")
	}
	attr, prefix, want := m[1], m[2] == "^=", m[3]
	return func(u *fakeUser) bool {
		got := filterValue(u, attr)
		if prefix {
			return strings.HasPrefix(got, want)
		}
		return got == want
	}, nil
}

func filterValue(u *fakeUser, attr string) string {
	switch attr {
	case "username":
		return u.username
	case "cognito:user_status":
		return u.status
	case "status":
		if u.enabled {
			return "Enabled"
		}
		return "Disabled"
	}
	return u.attrs[attr]
}
