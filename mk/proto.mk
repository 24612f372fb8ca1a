# Protobuf code generation for x/alliance (included by the top Makefile).
# `make proto-gen` installs protoc through apt when missing, builds the two
# protoc plugins at pinned versions, and regenerates the committed
# *.pb.go / *.pb.gw.go under x/alliance/types (see scripts/protocgen.sh).

PROTO_BIN   := $(CURDIR)/build/bin
PROTO_GWMOD := $(CURDIR)/build/gwtool
GRPC_GATEWAY_VERSION := v1.16.0

.PHONY: proto-gen proto-tools

proto-tools:
	@command -v protoc >/dev/null 2>&1 || { apt-get update && apt-get install -y protobuf-compiler; }
	@mkdir -p $(PROTO_BIN) $(PROTO_GWMOD)
	# gocosmos comes from the gogoproto version go.mod pins.
	$(GO) build -o $(PROTO_BIN)/protoc-gen-gocosmos github.com/cosmos/gogoproto/protoc-gen-gocosmos
	# grpc-gateway v1 needs modules (glog, ghodss/yaml) that the project does not
	# require, so it is built from a throw-away module, not the project's go.mod.
	printf 'module gwtool\n\ngo 1.26\n\nrequire github.com/grpc-ecosystem/grpc-gateway $(GRPC_GATEWAY_VERSION)\n' > $(PROTO_GWMOD)/go.mod
	cd $(PROTO_GWMOD) && GOFLAGS=-mod=mod $(GO) build -o $(PROTO_BIN)/protoc-gen-grpc-gateway github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway

proto-gen: proto-tools
	PATH="$(PROTO_BIN):$$PATH" GO=$(GO) ./scripts/protocgen.sh
