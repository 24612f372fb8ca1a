# alliancewasm — build, test and run the chain and its Go contracts.
#
#   make build          build/allianced
#   make install        allianced into $GOBIN
#   make test           everything CI runs: lint, unit tests, e2e tests, the web app in Chromium
#   make test-unit      every package except e2e/
#   make test-e2e       the in-process chain tests (e2e/)
#   make lint           gofmt + go vet
#   make bench          benchmark report: Go contracts vs Rust staking.wasm, x/alliance at scale
#   make demo           the alliance story on an in-process chain, ending with a table (package demo),
#                       then the second-yield story on two IBC-linked in-process chains (e2e/ibc)
#   make demo-node      a real single node under CometBFT driven through the CLI (scripts/demo.sh)
#   make localnet-start / localnet-story / localnet-stop / localnet-check   3 validators on 127.0.0.1
#
# Fragments under mk/ add the targets of one area each: contracts.mk (toolchain, contracts,
# contracts-check), generate.mk (generate, schema-check), ui.mk (ui, test-web),
# localnet-ibc.mk (relayer, localnet-ibc, localnet-ibc-story, localnet-ibc-stop), proto.mk, sim.mk (sim-long).

GO        ?= go
BUILDDIR  ?= $(CURDIR)/build
export GOTOOLCHAIN := local
export CGO_ENABLED := 1

VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/cosmos/cosmos-sdk/version.Name=alliancewasm \
           -X github.com/cosmos/cosmos-sdk/version.AppName=allianced \
           -X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION)
TEST_FLAGS ?= -count=1 -timeout 30m

.DEFAULT_GOAL := build
.PHONY: build install test test-unit test-e2e lint bench demo demo-node localnet-start localnet-story localnet-stop localnet-check clean

build:
	@echo ">> building $(BUILDDIR)/allianced"
	@$(GO) build -ldflags '$(LDFLAGS)' -o $(BUILDDIR)/allianced ./cmd/allianced

install:
	$(GO) install -ldflags '$(LDFLAGS)' ./cmd/allianced

test: lint test-unit test-e2e test-web

# cmd/allianced runs real nodes (a 3-validator localnet): it goes last and alone, so the nodes do
# not compete for the CPU with the linking of other test binaries (a starved node stalls the
# localnet, and a transaction can then miss its inclusion timeout).
test-unit:
	@echo ">> unit tests (every package but e2e/ and cmd/allianced)"
	@$(GO) test $(TEST_FLAGS) $$($(GO) list ./... | grep -v -e '/e2e' -e '/cmd/allianced$$')
	@echo ">> daemon tests (cmd/allianced: real binary, 3-validator localnet)"
	@$(GO) test $(TEST_FLAGS) ./cmd/allianced/...

test-e2e:
	@echo ">> e2e tests: the whole app in process, real wasmvm"
	@$(GO) test $(TEST_FLAGS) ./e2e/...

lint:
	@echo ">> gofmt"
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '\.pb\(\.gw\)\?\.go$$')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	@echo ">> go vet"
	@$(GO) vet ./...

bench:
	@scripts/bench.sh

demo:
	@echo ">> building and running the demo (first build of the app takes a few minutes)"
	@$(GO) run ./cmd/alliancewasm-demo
	@echo ">> a second yield on an allied chain: a compounder share bridged over IBC and staked on chain B"
	@GO=$(GO) scripts/demo-second-yield.sh

demo-node: build
	@scripts/demo.sh $(BUILDDIR)/allianced

LOCALNET_DIR ?= $(BUILDDIR)/localnet

localnet-start: build
	@scripts/localnet.sh start $(BUILDDIR)/allianced $(LOCALNET_DIR)

# The alliance story through the CLI against the running localnet (scripts/localnet-story.sh).
localnet-story: build
	@BIN=$(BUILDDIR)/allianced DIR=$(LOCALNET_DIR) scripts/localnet-story.sh

localnet-stop:
	@scripts/localnet.sh stop $(BUILDDIR)/allianced $(LOCALNET_DIR)

# Starts its own 3-validator localnet on free ports, waits for height 5 and
# compares the app hashes of all nodes, then stops it.
localnet-check:
	@$(GO) test -count=1 -run TestLocalnetThreeValidatorsAgreeOnAppHash -v ./cmd/allianced | grep -E '^(=== RUN|--- |ok|FAIL|PASS)'

clean:
	rm -rf $(BUILDDIR)

include $(wildcard mk/*.mk)
