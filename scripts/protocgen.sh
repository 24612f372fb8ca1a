#!/usr/bin/env bash
# Regenerates the gogoproto Go code of x/alliance from proto/alliance/alliance.
# Needs protoc (Debian protobuf-compiler), and protoc-gen-gocosmos and
# protoc-gen-grpc-gateway on PATH (mk/proto.mk builds both into build/bin).
# Include paths come from the Go module cache, at the versions go.mod pins.
set -euo pipefail

cd "$(dirname "$0")/.."
GO=${GO:-go}

modir() { "$GO" list -m -f '{{.Dir}}' "$1"; }
"$GO" mod download github.com/cosmos/cosmos-sdk github.com/cosmos/gogoproto \
	github.com/cosmos/cosmos-proto github.com/grpc-ecosystem/grpc-gateway
SDK=$(modir github.com/cosmos/cosmos-sdk)
GOGO=$(modir github.com/cosmos/gogoproto)
CPROTO=$(modir github.com/cosmos/cosmos-proto)
GW=$(modir github.com/grpc-ecosystem/grpc-gateway)

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

protoc \
	-I proto \
	-I "$SDK/proto" \
	-I "$GOGO" \
	-I "$CPROTO/proto" \
	-I "$GW/third_party/googleapis" \
	--gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:"$OUT" \
	--grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$OUT" \
	proto/alliance/alliance/*.proto

MOD=github.com/alliancewasm/alliancewasm
rm -f x/alliance/types/*.pb.go x/alliance/types/*.pb.gw.go
cp "$OUT/$MOD"/x/alliance/types/*.go x/alliance/types/
echo "generated: $(ls x/alliance/types/*.pb*.go | tr '\n' ' ')"
