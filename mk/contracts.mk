# Go contracts: the TinyGo toolchain, the .wasm fixtures and their checks.
#
#   make toolchain        Debian packages + TinyGo v0.41.1 built from the module proxy into ~/.cache/alliancewasm/tinygo
#   make contracts        every `package main` directory under contracts/ -> contracts/artifacts/<name>.wasm
#                         and contracts/artifacts/checksums.txt
#   make contracts-check  rebuilds from a copy of the sources in a temporary directory (another path)
#                         and compares byte for byte with the committed artifacts
#   make test-contracts   go test ./contracts/... (natively, no TinyGo needed: fixtures are committed)
#
# Every step is idempotent: a present toolchain is reused.

TINYGO_VERSION   := 0.41.1
# Outside the checkout, so that every clone on a machine (CI clones afresh) shares one toolchain.
TINYGO_CACHE     ?= $(HOME)/.cache/alliancewasm/tinygo
TINYGO           := $(TINYGO_CACHE)/bin/tinygo
TINYGOROOT_COPY  := $(TINYGO_CACHE)/root
CONTRACTS_TARGET := $(CURDIR)/contracts/target.json
CONTRACTS_OUT    ?= $(CURDIR)/contracts/artifacts
# LLVM 19 is what Debian ships here; go-llvm needs the matching build tag.
TINYGO_APT_PKGS  := llvm-19-dev libclang-19-dev lld-19 clang-19 libclang-rt-19-dev-wasm32 wasi-libc binaryen
# -no-debug drops DWARF and the name section (no source paths in the output);
# -panic=trap drops panic message strings (there is nowhere to print them on wasm-unknown anyway).
TINYGO_FLAGS     := -target=$(CONTRACTS_TARGET) -no-debug -opt=z -panic=trap

# TinyGo leaves a "name" section (function names, ~17% of the file) that the VM ignores: strip it
# and the producers section after the build. This only drops custom sections; the code is untouched.
WASM_STRIP_FLAGS := --strip-debug --strip-producers

# Every directory directly under contracts/ whose non-test Go files say `package main`.
CONTRACT_NAMES = $(sort $(foreach f,$(shell grep -l '^package main$$' $(CONTRACTS_SRC)/contracts/*/*.go 2>/dev/null | grep -v '_test\.go$$'),$(notdir $(patsubst %/,%,$(dir $(f))))))

.PHONY: toolchain toolchain-apt toolchain-tinygo toolchain-root contracts contracts-check test-contracts

toolchain: toolchain-apt toolchain-tinygo toolchain-root
	@echo ">> toolchain ready: $$($(TINYGO) version)"

toolchain-apt:
	@missing=""; for p in $(TINYGO_APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo ">> apt: all packages present"; \
	else \
	  echo ">> apt: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

toolchain-tinygo: toolchain-apt
	@if [ -x $(TINYGO) ] && $(TINYGO) version 2>/dev/null | grep -q 'version $(TINYGO_VERSION) '; then \
	  echo ">> tinygo $(TINYGO_VERSION): present at $(TINYGO)"; \
	else \
	  echo ">> tinygo $(TINYGO_VERSION): building from the module proxy (about 1.5 min on 2 cores)"; \
	  mkdir -p $(dir $(TINYGO)) && \
	  cd $(CURDIR)/tools/tinygo && CGO_ENABLED=1 $(GO) build -tags=llvm19 -o $(TINYGO) github.com/tinygo-org/tinygo && \
	  echo ">> tinygo: built $$($(TINYGO) version)"; \
	fi

# TinyGo needs its source tree (TINYGOROOT) and stats src/net even when unused; src/net is a git
# submodule that module zips leave out, and the module cache is read-only, hence a writable copy.
toolchain-root: toolchain-tinygo
	@if [ -f $(TINYGOROOT_COPY)/.ready-$(TINYGO_VERSION) ]; then \
	  echo ">> TINYGOROOT: present at $(TINYGOROOT_COPY)"; \
	else \
	  src=$$(cd $(CURDIR)/tools/tinygo && $(GO) list -m -f '{{.Dir}}' github.com/tinygo-org/tinygo) && \
	  echo ">> TINYGOROOT: copying $$src" && \
	  rm -rf $(TINYGOROOT_COPY) && mkdir -p $(TINYGOROOT_COPY) && \
	  cp -R $$src/. $(TINYGOROOT_COPY)/ && chmod -R u+w $(TINYGOROOT_COPY) && \
	  mkdir -p $(TINYGOROOT_COPY)/src/net && \
	  touch $(TINYGOROOT_COPY)/.ready-$(TINYGO_VERSION); \
	fi

# Builds each contract to $(CONTRACTS_OUT)/<name>.wasm, then writes checksums.txt (sha256sum format,
# sorted by name). CONTRACTS_SRC lets contracts-check build from a copy of the tree.
CONTRACTS_SRC ?= $(CURDIR)
contracts:
	@test -x $(TINYGO) || { echo "contracts: no TinyGo at $(TINYGO); run 'make toolchain' first" >&2; exit 1; }
	@mkdir -p $(CONTRACTS_OUT)
	@set -e; cd $(CONTRACTS_SRC); for c in $(CONTRACT_NAMES); do \
	  echo ">> contract $$c"; \
	  TINYGOROOT=$(TINYGOROOT_COPY) GOFLAGS=-mod=readonly $(TINYGO) build $(TINYGO_FLAGS) -o $(CONTRACTS_OUT)/$$c.tmp.wasm ./contracts/$$c; \
	  wasm-opt $(WASM_STRIP_FLAGS) $(CONTRACTS_OUT)/$$c.tmp.wasm -o $(CONTRACTS_OUT)/$$c.wasm; \
	  rm -f $(CONTRACTS_OUT)/$$c.tmp.wasm; \
	done
	@# Checksums cover every fixture present, so building one contract (CONTRACT_NAMES=x) keeps the others listed.
	@cd $(CONTRACTS_OUT) && rm -f checksums.txt && sha256sum $$(ls *.wasm | sort) > checksums.txt.tmp && mv checksums.txt.tmp checksums.txt
	@cd $(CONTRACTS_OUT) && ls -l $(addsuffix .wasm,$(CONTRACT_NAMES)) | awk '{print ">> " $$5 " bytes  " $$9}'

# Copies the sources the contracts need (go.mod, go.sum, contracts/ without artifacts, bindings/ if
# present) to a fresh temporary directory, builds there and compares. A different absolute path
# proves no path leaks into the output; the comparison proves the build is deterministic.
contracts-check:
	@test -x $(TINYGO) || { echo "contracts-check: no TinyGo at $(TINYGO); run 'make toolchain' first" >&2; exit 1; }
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	mkdir -p $$tmp/src $$tmp/out; \
	cp go.mod go.sum $$tmp/src/; \
	tar -C $(CURDIR) --exclude=contracts/artifacts -cf - contracts $$(test -d bindings && echo bindings) | tar -C $$tmp/src -xf -; \
	$(MAKE) --no-print-directory contracts CONTRACTS_SRC=$$tmp/src CONTRACTS_OUT=$$tmp/out; \
	ours=$$(cd $(CURDIR)/contracts/artifacts && ls *.wasm checksums.txt | sort); \
	fresh=$$(cd $$tmp/out && ls *.wasm checksums.txt | sort); \
	if [ "$$ours" != "$$fresh" ]; then \
	  echo ">> contracts-check: MISMATCH: committed fixtures [$$ours] but a rebuild gives [$$fresh]" >&2; exit 1; \
	fi; \
	for f in $$fresh; do \
	  if ! cmp -s $$tmp/out/$$f $(CURDIR)/contracts/artifacts/$$f; then \
	    echo ">> contracts-check: MISMATCH: $$f differs from a fresh rebuild" >&2; \
	    diff $$tmp/out/checksums.txt $(CURDIR)/contracts/artifacts/checksums.txt >&2 || true; exit 1; \
	  fi; \
	done; \
	echo ">> contracts-check: artifacts are byte-identical to a fresh rebuild"

test-contracts:
	$(GO) test ./contracts/...
