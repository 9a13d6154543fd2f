package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/birdtf/terraform-provider-bird/internal/bird"
	"github.com/birdtf/terraform-provider-bird/internal/birdtest"
)

// newNumberServer serves a full Dutch number, a sparse American one and a British one that
// only calls out, the first two of one provider.
func newNumberServer(t *testing.T) (*birdtest.Server, []birdtest.WithHidden[bird.LongCodeNumber]) {
	t.Helper()
	ways := func(in, out bool) *bird.Ways { return &bird.Ways{Inbound: &in, Outbound: &out} }
	numbers := []birdtest.WithHidden[bird.LongCodeNumber]{{Object: bird.LongCodeNumber{
		ID: "2c4e6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d", EndpointID: "7f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f", NumberString: "+3197004499436",
		CountryCode: "NL", Type: "mobile", Capabilities: &bird.Capabilities{Voice: ways(true, true), SMS: ways(true, false), MMS: &bird.Ways{}},
		CreatedAt: "2023-10-20T10:27:22.489-03:00", UpdatedAt: "2023-10-21T10:27:22.489-03:00", DeprovisionAt: "2027-01-01T00:00:00Z",
	}}, {Object: bird.LongCodeNumber{ID: "3d5f7b9c-2e4a-4b6c-8d8e-9f1a2b3c4d5e", NumberString: "+18005550123", Type: "toll-free"}}, {Object: bird.LongCodeNumber{
		ID: "4e6a8c0d-3f5b-4c7d-9e9f-0a2b3c4d5e6f", NumberString: "+442038080100", CountryCode: "GB", Type: "local",
		Capabilities: &bird.Capabilities{Voice: ways(false, true)},
	}}}
	for i := range numbers {
		numbers[i].Hidden = map[string]string{"providerId": birdtest.SeedNumberProviders[i/2]}
	}
	srv := birdtest.NewServer(testKey)
	t.Cleanup(srv.Close)
	srv.AddNumbers(testWorkspace, numbers...)
	return srv, numbers
}

func TestAccNumbersListsAndFilters(t *testing.T) {
	srv, numbers := newNumberServer(t)
	str, null, yes, no := knownvalue.StringExact, knownvalue.Null(), knownvalue.Bool(true), knownvalue.Bool(false)
	ways := func(in, out knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"inbound": in, "outbound": out})
	}
	ids := func(want ...int) statecheck.StateCheck {
		checks := []knownvalue.Check{}
		for _, i := range want {
			checks = append(checks, str(numbers[i].Object.ID))
		}
		return expect("data.bird_numbers.test", knownvalue.ListExact(checks), "ids")
	}
	step := func(args string, q url.Values, want ...int) resource.TestStep {
		return resource.TestStep{PreConfig: srv.ResetRequests, Config: providerBlock(srv) + "data \"bird_numbers\" \"test\" {\n" + args + "\n}",
			ConfigStateChecks: []statecheck.StateCheck{ids(want...)}, Check: expectReads(srv, q)}
	}
	page := url.Values{"limit": {"99"}}
	first := step("", page, 0, 1, 2)
	first.ConfigStateChecks = append(first.ConfigStateChecks, expect("data.bird_numbers.test", knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id": str(numbers[0].Object.ID), "endpoint_id": str("7f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f"), "number": str("+3197004499436"),
		"country_code": str("NL"), "type": str("mobile"),
		"capabilities": knownvalue.ObjectExact(map[string]knownvalue.Check{"voice": ways(yes, yes), "sms": ways(yes, no), "mms": ways(null, null)}),
		"created_at":   str("2023-10-20T10:27:22.489-03:00"), "updated_at": str("2023-10-21T10:27:22.489-03:00"), "deprovision_at": str("2027-01-01T00:00:00Z"),
	}), "numbers", 0), expect("data.bird_numbers.test", knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id": str(numbers[1].Object.ID), "endpoint_id": null, "number": str("+18005550123"), "country_code": null, "type": str("toll-free"),
		"capabilities": null, "created_at": null, "updated_at": null, "deprovision_at": null,
	}), "numbers", 1))
	p := birdtest.SeedNumberProviders[0]
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testFactories, Steps: []resource.TestStep{
		first,
		step(fmt.Sprintf("number_prefix = \"+31\"\ncountry_codes = [\"NL\", \"GB\"]\nprovider_ids = [%q]", p), url.Values{
			"numberString": {"+31"}, "countryCodes": {"NL", "GB"}, "providerIds": {p}, "limit": {"99"}}, 0),
		step(`type = "toll-free"`, page, 1),
		step(`capability = "voice"`, page, 0, 2),
		step("capability = \"voice\"\ncapability_direction = \"inbound\"", page, 0),
		step("capability = \"sms\"\ncapability_direction = \"outbound\"", page),
	}})
}

func TestAccNumbersRefusesInvalidArguments(t *testing.T) {
	srv, _ := newNumberServer(t)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testFactories, Steps: refusedAtPlan(t, srv, "bird_numbers", map[string]string{
		`country_codes = ["nl"]`:           `country_codes.*ISO 3166-1 alpha-2`,
		`number_prefix = "31 97"`:          `number_prefix.*must be digits`,
		`provider_ids = ["x"]`:             `provider_ids.*must be a UUID`,
		`type = "landline"`:                `type.*value must be one of`,
		`capability_direction = "inbound"`: `"capability" must be specified when "capability_direction" is`,
		`capability = "fax"`:               `capability.*value must be one of`,
	}, `capability = "voice"`, expect("data.bird_numbers.test", knownvalue.ListSizeExact(2), "numbers"))})
}

func TestAccNumberByNumber(t *testing.T) {
	srv, numbers := newNumberServer(t)
	twin := numbers[2]
	twin.Object.ID = "5f7b9d1e-4a6c-4d8e-8f0a-1b3c4d5e6f7a"
	config := func(number string) string {
		return providerBlock(srv) + fmt.Sprintf(`data "bird_number" "test" { number = %q }`, number)
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testFactories, Steps: []resource.TestStep{{
		PreConfig: srv.ResetRequests,
		Config:    config("+3197004499436"),
		ConfigStateChecks: []statecheck.StateCheck{
			expect("data.bird_number.test", knownvalue.StringExact(numbers[0].Object.ID), "id"),
			expect("data.bird_number.test", knownvalue.Bool(false), "capabilities", "sms", "outbound"),
		},
		Check: expectReads(srv, url.Values{"numberString": {"+3197004499436"}, "limit": {"99"}}),
	}, {
		Config:      config("+319700449943"), // a prefix of a number, not a number of the workspace
		ExpectError: errorPattern(`Bird long-code number not found.*No long-code number has number "\+319700449943" in workspace ` + testWorkspace),
	}, {
		Config:      config("0031970044994"),
		ExpectError: errorPattern(`Invalid Attribute Value Match.*must be a number in E.164 form`),
	}, {
		PreConfig:   func() { srv.AddNumbers(testWorkspace, twin) },
		Config:      config("+442038080100"),
		ExpectError: errorPattern(`More than one Bird long-code number with this number.*2 long-code numbers have number "\+442038080100" in workspace ` + testWorkspace + `: ` + numbers[2].Object.ID + `, ` + twin.Object.ID),
	}}})
}
