# The SDK's randomized app simulation of the whole chain (app/sim_test.go).
#
#   make sim-long     TestAppSimulation (invariants every block, export -> import equal store by store)
#                     and TestAppStateDeterminism (3 seeds x 3 runs, same app hash) at SIM_BLOCKS blocks
#                     of SIM_BLOCK_SIZE operations from SIM_SEED. `make test` runs the short version
#                     (30 x 30, seed 42) with the app package.
#
#   make sim-long SIM_TESTS=TestAppSimulation SIM_BLOCKS=500 SIM_SEED=11   one test, other size/seed

SIM_BLOCKS     ?= 200
SIM_BLOCK_SIZE ?= 50
SIM_SEED       ?= 7
SIM_TESTS      ?= TestAppSimulation|TestAppStateDeterminism
SIM_TIMEOUT    ?= 4h

.PHONY: sim-long

sim-long:
	@echo ">> app simulation: $(SIM_BLOCKS) blocks x $(SIM_BLOCK_SIZE) operations, seed $(SIM_SEED) ($(SIM_TESTS))"
	@# The filter must not hide the test's exit status: a failed run fails the target.
	@status=$$(mktemp); \
	  { $(GO) test -count=1 -timeout $(SIM_TIMEOUT) -v -run '^($(SIM_TESTS))$$' ./app/ \
	  -args -NumBlocks=$(SIM_BLOCKS) -BlockSize=$(SIM_BLOCK_SIZE) -Seed=$(SIM_SEED); echo $$? > $$status; } \
	  | grep -E '^(=== RUN|--- |ok|FAIL|PASS)|sim_test.go|Error|panic'; \
	  code=$$(cat $$status); rm -f $$status; [ "$$code" = 0 ] || { echo ">> sim-long failed"; exit 1; }
