package testutil

import (
	"maps"
	"slices"
	"strconv"
)

type groupMemberInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string
	GroupName  string
}

func (fc *FakeCognito) adminAddUserToGroup(_ string, in *groupMemberInput) (any, error) {
	return fc.setMembership(in, true)
}

func (fc *FakeCognito) adminRemoveUserFromGroup(_ string, in *groupMemberInput) (any, error) {
	return fc.setMembership(in, false)
}

func (fc *FakeCognito) setMembership(in *groupMemberInput, member bool) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, p, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	if _, err := p.group(in.GroupName); err != nil {
		return nil, err
	}
	if member {
		u.groups[in.GroupName] = true
	} else {
		delete(u.groups, in.GroupName)
	}
	return struct{}{}, nil
}

type listGroupsForUserInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string
	Limit      int
	NextToken  string
}

func (fc *FakeCognito) adminListGroupsForUser(_ string, in *listGroupsForUserInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	u, p, err := fc.poolUser(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	names, next, err := page(u.groupNames(), in.NextToken, in.Limit)
	if err != nil {
		return nil, err
	}
	groups := []groupJSON{}
	for _, n := range names {
		if g, ok := p.groups[n]; ok {
			groups = append(groups, g.toJSON(p.id))
		}
	}
	return withToken(map[string]any{"Groups": groups}, "NextToken", next), nil
}

type listUsersInGroupInput struct {
	UserPoolID string `json:"UserPoolId"`
	GroupName  string
	Limit      int
	NextToken  string
}

func (fc *FakeCognito) listUsersInGroup(_ string, in *listUsersInGroupInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	if _, err := p.group(in.GroupName); err != nil {
		return nil, err
	}
	var members []string
	for _, name := range slices.Sorted(maps.Keys(p.users)) {
		if p.users[name].groups[in.GroupName] {
			members = append(members, name)
		}
	}
	names, next, err := page(members, in.NextToken, in.Limit)
	if err != nil {
		return nil, err
	}
	return withToken(map[string]any{"Users": p.usersJSON(names)}, "NextToken", next), nil
}

func (p *fakePool) usersJSON(names []string) []userJSON {
	out := []userJSON{}
	for _, n := range names {
		out = append(out, p.users[n].toJSON())
	}
	return out
}

// page returns one page of sorted items. The token is the offset of the
// next page; limit 0 means Cognito's maximum, 60.
func page(items []string, token string, limit int) ([]string, string, error) {
	if limit <= 0 || limit > 60 {
		limit = 60
	}
	start := 0
	if token != "" {
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 || n > len(items) {
			return nil, "", invalidParameter("Invalid pagination token.")
		}
		start = n
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[start:end], next, nil
}

func withToken(out map[string]any, name, token string) map[string]any {
	if token != "" {
		out[name] = token
	}
	return out
}
