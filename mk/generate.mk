# Generated code of the Go contracts (tools/cwgen) and the checks of their schemas.
#
#   make generate      go generate ./contracts/...: each contract's msgs_cwgen.go, msgs_cwgen_test.go and
#                      schema/ from its message types, and contracts/alliance's codec_cwgen.go and schema/
#                      from bindings/types (then rebuild the fixtures: make contracts CONTRACT_NAMES=..)
#   make schema-check  TypeScript clients from the schemas type-checked with tsc --strict, schemas vs the
#                      generated decoders on their test corpus, and the e2e
#                      traffic validated against the schemas with ajv (tools/schema-check; runs npm ci once)
#
# CI needs neither target on its own: `make test` runs tools/cwgen's up-to-date check, the generated
# tests and all the schema checks.

.PHONY: generate schema-check

generate:
	@$(GO) generate ./contracts/...

schema-check:
	@$(GO) test -count=1 ./tools/schema-check/
	@$(GO) test -count=1 -run 'TestContractTrafficMatchesSchemas' ./e2e/
