package rbac

import "strings"

// isFederatedGroup reports whether group is the group Cognito creates for
// the users of one federated identity provider, named <poolId>_<provider>
// (for example us-east-1_EXAMPLE_Google). With the pool id known the prefix
// is matched exactly; without it, by the shape of a pool id:
// <region>_<alphanumerics>, where a region is letters and digits joined by
// dashes, such as us-gov-west-1.
func isFederatedGroup(group, poolID string) bool {
	if poolID != "" {
		return len(group) > len(poolID)+1 &&
			strings.HasPrefix(group, poolID) && group[len(poolID)] == '_'
	}
	region, rest, ok := strings.Cut(group, "_")
	if !ok || !isRegion(region) {
		return false
	}
	id, provider, ok := strings.Cut(rest, "_")
	return ok && id != "" && provider != "" && isAlnum(id)
}

func isRegion(s string) bool {
	parts := 0
	for part := range strings.SplitSeq(s, "-") {
		if part == "" || !isAlnum(part) {
			return false
		}
		parts++
	}
	return parts >= 3
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
