package alliance

// cwjson codecs of the wire types of bindings/types, generated into codec_cwgen.go by tools/cwgen
// (bindings mode): the struct types are the chain's own (one definition of every field), only the
// encoding is generated here, so that a contract does not link encoding/json. The schema of the
// custom messages, queries and answers goes to schema/. Run `go generate ./contracts/alliance`
// after bindings/types changes (TestGeneratedFilesAreUpToDate in tools/cwgen fails until then).
//
// The rules are encoding/json's with the tags of bindings/types, as the chain reads them
// (bindings/strict.go): fields in declaration order, `omitempty` fields left out when empty, a nil
// slice otherwise written as null, []byte as padded base64; a missing field or null reads as the
// zero value, a key given twice is refused. Requests (the custom message and query) are decoded
// strictly, as the chain decodes them (unknown fields are errors); answers are decoded leniently
// (unknown fields skipped), so a chain that adds a field does not break deployed contracts.
// codec_test.go and codec_fuzz_test.go compare every codec with encoding/json.

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name alliance -version 0.1.0 -bindings ../../bindings/types -msg CustomMsg -query AllianceQuery -responses alliance=AllianceResponse,delegation=DelegationResponse,delegation_rewards=DelegationRewardsResponse,alliances=AlliancesResponse,alliance_params=AllianceParamsResponse,delegations=DelegationsResponse,unbondings=UnbondingsResponse,redelegations=RedelegationsResponse,alliance_validator=AllianceValidatorResponse,staking_params=StakingParamsResponse,stakes=StakesResponse
