package testutil

import (
	"maps"
	"slices"
	"strconv"
	"time"
)

// attributeJSON is Cognito's AttributeType.
type attributeJSON struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// epoch is a time in Cognito's wire form: seconds since the epoch, with
// fractions, which the SDK parses into time.Time.
type epoch time.Time

// MarshalJSON writes seconds since the epoch with milliseconds.
func (e epoch) MarshalJSON() ([]byte, error) {
	ms := time.Time(e).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', 3, 64), nil
}

// userJSON is Cognito's UserType.
type userJSON struct {
	Username             string          `json:"Username"`
	Attributes           []attributeJSON `json:"Attributes"`
	UserCreateDate       epoch           `json:"UserCreateDate"`
	UserLastModifiedDate epoch           `json:"UserLastModifiedDate"`
	Enabled              bool            `json:"Enabled"`
	UserStatus           string          `json:"UserStatus"`
}

// groupJSON is Cognito's GroupType.
type groupJSON struct {
	GroupName        string `json:"GroupName"`
	UserPoolID       string `json:"UserPoolId"`
	Description      string `json:"Description,omitempty"`
	RoleARN          string `json:"RoleArn,omitempty"`
	Precedence       *int32 `json:"Precedence,omitempty"`
	CreationDate     epoch  `json:"CreationDate"`
	LastModifiedDate epoch  `json:"LastModifiedDate"`
}

// attributeList renders attributes sorted by name, keeping only those
// keep accepts (nil keeps all).
func attributeList(attrs map[string]string, keep func(string) bool) []attributeJSON {
	out := []attributeJSON{}
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		if keep == nil || keep(k) {
			out = append(out, attributeJSON{Name: k, Value: attrs[k]})
		}
	}
	return out
}

func (u *fakeUser) toJSON() userJSON {
	return userJSON{
		Username:             u.username,
		Attributes:           attributeList(u.attrs, nil),
		UserCreateDate:       epoch(u.created),
		UserLastModifiedDate: epoch(u.modified),
		Enabled:              u.enabled,
		UserStatus:           u.status,
	}
}

func (g *fakeGroup) toJSON(poolID string) groupJSON {
	return groupJSON{
		GroupName: g.name, UserPoolID: poolID, Description: g.description,
		RoleARN: g.roleARN, Precedence: g.precedence,
		CreationDate: epoch(g.created), LastModifiedDate: epoch(g.modified),
	}
}
