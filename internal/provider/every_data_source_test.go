// This file holds the tests that cover every data source of DataSources() without naming
// one: the data sources, their list arguments and the arguments of a read that finds an
// object are derived from the provider's own schemas and specs, and read against
// newFullTestServer, which holds objects of every endpoint. A new data source needs no line
// here.

package provider

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// readCase is one read of a data source: the arguments set, every other one null.
type readCase struct {
	name, typeName string
	set            map[string]tftypes.Value
}

// newFrameworkServer returns the provider's plain framework server.
func newFrameworkServer(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	ps, err := providerserver.NewProtocol6WithError(newBirdProvider("test"))()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// dataSourceSchemas returns the schema of every data source, by type name.
func dataSourceSchemas(t *testing.T) map[string]*tfprotov6.Schema {
	t.Helper()
	schemas, err := newFrameworkServer(t).GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return schemas.DataSourceSchemas
}

// listArguments returns, by data source, the arguments that take a list of strings.
func listArguments(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for typeName, s := range dataSourceSchemas(t) {
		for _, a := range s.Block.Attributes {
			if (a.Optional || a.Required) && !a.Computed && a.Type != nil && a.Type.Equal(tftypes.List{ElementType: tftypes.String}) {
				out[typeName] = append(out[typeName], a.Name)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no data source takes a list argument")
	}
	return out
}

// everyRead returns reads of every data source that find objects in srv, a
// newFullTestServer: a data source without keys reads with its defaults; one that reads one
// object reads with its required keys and each optional one in turn (or none), set to the
// values of the first object that the list data source of the same mapping reads.
func everyRead(t *testing.T, srv *birdtest.Server) []readCase {
	t.Helper()
	type keyed interface {
		objectMapping() any
		lookupKeys() map[string]schema.Attribute
	}
	var cases []readCase
	lists := map[reflect.Type]string{} // a list data source by the type of its objects' mapping
	singles := map[string]keyed{}
	for _, newDataSource := range newBirdProvider("test").DataSources(t.Context()) {
		ds := newDataSource()
		var md datasource.MetadataResponse
		ds.Metadata(t.Context(), datasource.MetadataRequest{ProviderTypeName: "bird"}, &md)
		if single, ok := ds.(keyed); ok {
			singles[md.TypeName] = single
			continue
		}
		cases = append(cases, readCase{defaultsOf + md.TypeName, md.TypeName, requiredArguments(t, md.TypeName)})
		if m, ok := ds.(interface{ objectMapping() any }); ok {
			lists[reflect.TypeOf(m.objectMapping())] = md.TypeName
		}
	}
	for _, typeName := range slices.Sorted(maps.Keys(singles)) {
		single := singles[typeName]
		list, ok := lists[reflect.TypeOf(single.objectMapping())]
		if !ok {
			t.Fatalf("%s reads one object, and no list data source lists objects of its mapping to take its keys from", typeName)
		}
		object := firstListed(t, srv, list)
		required, optional := map[string]tftypes.Value{}, []string{}
		for _, key := range slices.Sorted(maps.Keys(single.lookupKeys())) {
			if object[key].IsNull() {
				t.Fatalf("the first object of %s has no %s for %s to read it by", list, key, typeName)
			}
			if single.lookupKeys()[key].IsRequired() {
				required[key] = object[key]
			} else {
				optional = append(optional, key)
			}
		}
		by := func(set map[string]tftypes.Value) string {
			return typeName + " by " + strings.Join(slices.Sorted(maps.Keys(set)), " and ")
		}
		if len(optional) == 0 || len(required) > 0 {
			cases = append(cases, readCase{by(required), typeName, required})
		}
		for _, key := range optional {
			set := maps.Clone(required)
			set[key] = object[key]
			cases = append(cases, readCase{by(set), typeName, set})
		}
	}
	return cases
}

// defaultsOf names the read of a data source with its defaults.
const defaultsOf = "defaults of "

// requiredExamples are values of the required arguments of the data sources that read no
// single object (bird_voice_recording_coverage's start_at), for the reads with defaults.
var requiredExamples = map[string]tftypes.Value{
	"start_at": tftypes.NewValue(tftypes.String, "2000-01-01T00:00:00Z"),
}

// requiredArguments returns the arguments the data source typeName requires, from
// requiredExamples; nil when it requires none or is not the provider's.
func requiredArguments(t *testing.T, typeName string) map[string]tftypes.Value {
	t.Helper()
	var out map[string]tftypes.Value
	s, ok := dataSourceSchemas(t)[typeName]
	if !ok {
		return nil // a test data source of another provider
	}
	for _, a := range s.Block.Attributes {
		if !a.Required {
			continue
		}
		v, ok := requiredExamples[a.Name]
		if !ok {
			t.Fatalf("%s requires %s: add an example of it to requiredExamples", typeName, a.Name)
		}
		if out == nil {
			out = map[string]tftypes.Value{}
		}
		out[a.Name] = v
	}
	return out
}

// firstListed returns the attributes of the first object that the list data source
// typeName reads in srv with its defaults.
func firstListed(t *testing.T, srv *birdtest.Server, typeName string) map[string]tftypes.Value {
	t.Helper()
	got := readState(t, newFrameworkServer(t), srv, typeName, requiredArguments(t, typeName))
	attrs := map[string]tftypes.Value{}
	if hasError(got.diags) || got.state.As(&attrs) != nil {
		t.Fatalf("%s: %v", typeName, got.diags)
	}
	for _, v := range attrs {
		if l, ok := v.Type().(tftypes.List); ok && l.ElementType.Is(tftypes.Object{}) {
			var items []tftypes.Value
			object := map[string]tftypes.Value{}
			if v.As(&items) != nil || len(items) == 0 || items[0].As(&object) != nil {
				t.Fatalf("newFullTestServer holds no object that %s lists: seed some there", typeName)
			}
			return object
		}
	}
	t.Fatalf("%s has no list of objects", typeName)
	return nil
}

// arguments writes the arguments of c, strings, as the body of a data block.
func arguments(t *testing.T, c readCase) string {
	t.Helper()
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(c.set)) {
		var s string
		if err := c.set[name].As(&s); err != nil {
			t.Fatalf("%s of %s: %v", name, c.name, err)
		}
		fmt.Fprintf(&b, "  %s = %q\n", name, s)
	}
	return b.String()
}

// TestListArgumentsRefuseNullElements: a list argument may hold a null element
// (channel_ids = [null], tags = [var.maybe]); the element validators skip nulls, and the
// filter would then send channelId= (or tag=, channelIds=) to Bird instead of refusing the
// argument at plan time. Every list argument of every data source must refuse it.
func TestListArgumentsRefuseNullElements(t *testing.T) {
	nullList := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, nil)})
	for typeName, attrs := range listArguments(t) {
		for _, attr := range attrs {
			t.Run(typeName+"."+attr, func(t *testing.T) {
				set := requiredArguments(t, typeName)
				if set == nil {
					set = map[string]tftypes.Value{}
				}
				set[attr] = nullList
				diags := validateConfig(t, typeName, set)
				if !hasError(diags) {
					t.Fatalf("%s = [null] passed validation: the read would send an empty query parameter", attr)
				}
			})
		}
	}
}

// TestLookupByListNamesTheRightAttribute: every read of one object finds the object its
// list data source lists. A lookup that reads a list (bird_channel by name, bird_voice_call
// by id alone) gets a 404 only when the workspace is not there; an empty list is "not
// found". So the 404 of such a lookup must be reported as any list read's, on workspace_id
// and naming the workspace, not as a missing object on a key, which bird_channel by name
// never set.
func TestLookupByListNamesTheRightAttribute(t *testing.T) {
	srv, _ := newFullTestServer(t)
	other := tftypes.NewValue(tftypes.String, "00000000-0000-4000-8000-00000000abcd")
	lookups := 0
	for _, tc := range everyRead(t, srv) {
		if strings.HasPrefix(tc.name, defaultsOf) {
			continue // a list: TestDirectReadMatchesTheFramework reads one in an unknown workspace
		}
		t.Run(tc.name, func(t *testing.T) {
			if found := readState(t, newFrameworkServer(t), srv, tc.typeName, tc.set); hasError(found.diags) {
				t.Fatalf("the listed object is not found: %v", found.diags)
			}
			srv.ResetRequests()
			set := maps.Clone(tc.set)
			set["workspace_id"] = other
			got := readState(t, newFrameworkServer(t), srv, tc.typeName, set)
			if !slices.ContainsFunc(srv.Requests(), func(r birdtest.Request) bool { return r.Query.Has("limit") }) {
				return // read by its path: a 404 is the object's
			}
			lookups++
			if len(got.diags) != 1 {
				t.Fatalf("diagnostics %+v, want one", got.diags)
			}
			d := got.diags[0]
			want := tftypes.NewAttributePath().WithAttributeName("workspace_id")
			if !d.Attribute.Equal(want) || !strings.Contains(d.Detail, "00000000-0000-4000-8000-00000000abcd") {
				t.Fatalf("diagnostic on %v: %q: %q; want it on workspace_id, naming the workspace", d.Attribute, d.Summary, d.Detail)
			}
		})
	}
	if lookups < 2 {
		t.Fatalf("%d lookups through a list found; bird_channel by name and bird_voice_call by id are two", lookups)
	}
}

// TestAccNullListElementsRefusedAtPlan: Terraform accepts a null element in a list argument
// (here written literally; in practice var.channel_id left null, or a lookup that yields
// null). Every list argument of every data source must refuse it at plan time, like any
// other bad element, and send nothing to Bird.
func TestAccNullListElementsRefusedAtPlan(t *testing.T) {
	derived, _ := newFullTestServer(t)
	clean := map[string]readCase{}
	for _, c := range everyRead(t, derived) {
		if _, ok := clean[c.typeName]; !ok {
			clean[c.typeName] = c
		}
	}
	for typeName, attrs := range listArguments(t) {
		t.Run(typeName, func(t *testing.T) {
			srv, _ := newFullTestServer(t)
			refusals := map[string]string{}
			for _, attr := range attrs {
				refusals[arguments(t, clean[typeName])+attr+" = [null]"] = attr // beside what the data source requires
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testFactories,
				Steps: refusedAtPlan(t, srv, typeName, refusals, arguments(t, clean[typeName]),
					expect("data."+typeName+".test", knownvalue.StringExact(testWorkspace), "workspace_id")),
			})
		})
	}
}

// TestAccEveryDataSourceSurvivesFaults reads every data source, each way it can be read,
// through the shared transport's retries: a 429 with Retry-After and a 503 are retried; a
// 500 that does not stop fails the read with no state.
func TestAccEveryDataSourceSurvivesFaults(t *testing.T) {
	derived, _ := newFullTestServer(t)
	for _, tc := range everyRead(t, derived) {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := newFullTestServer(t)
			cfg := fmt.Sprintf("data %q \"test\" {\n%s}\n", tc.typeName, arguments(t, tc))
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testFactories,
				Steps: []resource.TestStep{{
					PreConfig: failThen(srv, birdtest.Fault{Status: 429, RetryAfter: "1"}, 1),
					Config:    providerBlock(srv) + cfg,
				}, {
					PreConfig: failThen(srv, birdtest.Fault{Status: 503}, 2),
					Config:    providerBlock(srv) + cfg,
				}, {
					PreConfig:   failThen(srv, birdtest.Fault{Status: 500}, 100),
					Config:      providerBlockWith(srv, fmt.Sprintf("access_key = %q\nmax_retries = 1", testKey)) + cfg,
					ExpectError: errorPattern(`500 Internal Server Error.*Bird kept failing`),
				}},
			})
		})
	}
}
