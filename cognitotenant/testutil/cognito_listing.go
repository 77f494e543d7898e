package testutil

import (
	"maps"
	"slices"
)

type listPoolsInput struct {
	MaxResults int
	NextToken  string
}

type poolDescriptionJSON struct {
	ID               string `json:"Id"`
	Name             string `json:"Name"`
	CreationDate     epoch  `json:"CreationDate"`
	LastModifiedDate epoch  `json:"LastModifiedDate"`
}

func (fc *FakeCognito) listUserPools(_ string, in *listPoolsInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	ids, next, err := page(slices.Sorted(maps.Keys(fc.pools)), in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := []poolDescriptionJSON{}
	for _, id := range ids {
		p := fc.pools[id]
		out = append(out, poolDescriptionJSON{ID: p.id, Name: p.name,
			CreationDate: epoch(p.created), LastModifiedDate: epoch(p.modified)})
	}
	return withToken(map[string]any{"UserPools": out}, "NextToken", next), nil
}

type listClientsInput struct {
	UserPoolID string `json:"UserPoolId"`
	MaxResults int
	NextToken  string
}

type clientDescriptionJSON struct {
	ClientID   string `json:"ClientId"`
	ClientName string `json:"ClientName"`
	UserPoolID string `json:"UserPoolId"`
}

func (fc *FakeCognito) listUserPoolClients(_ string, in *listClientsInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	ids, next, err := page(slices.Sorted(maps.Keys(p.clients)), in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := []clientDescriptionJSON{}
	for _, id := range ids {
		out = append(out, clientDescriptionJSON{ClientID: id,
			ClientName: p.clients[id].name, UserPoolID: p.id})
	}
	return withToken(map[string]any{"UserPoolClients": out}, "NextToken", next), nil
}

type listGroupsInput struct {
	UserPoolID string `json:"UserPoolId"`
	Limit      int
	NextToken  string
}

func (fc *FakeCognito) listGroups(_ string, in *listGroupsInput) (any, error) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	p, err := fc.pool(in.UserPoolID)
	if err != nil {
		return nil, err
	}
	names, next, err := page(slices.Sorted(maps.Keys(p.groups)), in.NextToken, in.Limit)
	if err != nil {
		return nil, err
	}
	out := []groupJSON{}
	for _, n := range names {
		out = append(out, p.groups[n].toJSON(p.id))
	}
	return withToken(map[string]any{"Groups": out}, "NextToken", next), nil
}
