package provider

import (
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// mapping says how one kind of API object becomes Terraform values.
type mapping[T any] struct {
	objectType types.ObjectType
	value      func(*T) types.Object
	id, url    func(*T) string
}

// listResult holds the computed attributes of a list data source.
type listResult struct {
	items, ids types.List
	urls       types.Map
}

// collect reads every item seq yields that keep accepts (all when keep is nil), stopping
// after maxResults (all when 0), into the list of their values and of their IDs, and, when
// includeURLs, a map from ID to presigned link that leaves out items without one. It returns
// the first error and nothing else, so that a failed read writes no partial state.
func collect[T any](seq iter.Seq2[*T, error], m mapping[T], keep func(*T) bool, maxResults int, includeURLs bool) (listResult, error) {
	var items, ids []attr.Value
	urls := map[string]attr.Value{}
	for item, err := range seq {
		if err != nil {
			return listResult{}, err
		}
		if keep != nil && !keep(item) {
			continue
		}
		items = append(items, m.value(item))
		ids = append(ids, types.StringValue(m.id(item)))
		if link := m.url(item); includeURLs && link != "" {
			urls[m.id(item)] = types.StringValue(link)
		}
		if maxResults > 0 && len(items) >= maxResults {
			break
		}
	}
	res := listResult{
		items: types.ListValueMust(m.objectType, items),
		ids:   types.ListValueMust(types.StringType, ids),
		urls:  types.MapNull(types.StringType),
	}
	if includeURLs {
		res.urls = types.MapValueMust(types.StringType, urls)
	}
	return res, nil
}
