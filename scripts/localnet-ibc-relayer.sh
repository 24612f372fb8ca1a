#!/usr/bin/env bash
# localnet-ibc-relayer.sh [path]
# Builds the Go relayer (github.com/cosmos/relayer/v2) at a pinned version from the Go module proxy,
# once per machine, into $RLY (default ~/.cache/alliancewasm/relayer/<version>/rly). A present binary
# of the right version is reused. `path` only prints where the binary is (or goes). The version is
# pinned here and only here.
#
# The relayer is built as its own main module (a writable copy of its module directory), never
# inside this repository: its dependency set (cosmos-sdk 0.50, ibc-go v8) is not ours, and only as
# the main module do its own go.mod and go.sum decide the versions.
set -euo pipefail

GO=${GO:-go}
RELAYER_VERSION=${RELAYER_VERSION:-v2.6.0}
RELAYER_CACHE=${RELAYER_CACHE:-$HOME/.cache/alliancewasm/relayer/$RELAYER_VERSION}
RLY=${RLY:-$RELAYER_CACHE/rly}
MODULE=github.com/cosmos/relayer/v2

if [ "${1:-}" = path ]; then echo "$RLY"; exit 0; fi

if [ -x "$RLY" ] && "$RLY" version 2>/dev/null | grep -q "version: ${RELAYER_VERSION#v}"; then
  echo ">> relayer $RELAYER_VERSION: present at $RLY"
  exit 0
fi

echo ">> relayer $RELAYER_VERSION: building from the module proxy into $RLY (a few minutes, once)"
start=$(date +%s)
export GOWORK=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
# The module's go.sum pins every dependency; the checksum database is not asked for what it refuses.
export GONOSUMDB=${GONOSUMDB:-github.com,cosmossdk.io,golang.org,google.golang.org,gopkg.in,go.opentelemetry.io,nhooyr.io,pgregory.net,gotest.tools,filippo.io,buf.build,cloud.google.com,go.etcd.io,lukechampine.com,rsc.io,sigs.k8s.io,k8s.io,honnef.co,mvdan.cc}

work=$(mktemp -d "${TMPDIR:-/tmp}/relayer-build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
dir=$(cd "$work" && "$GO" mod download -json "$MODULE@$RELAYER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] && [ -d "$dir" ] || { echo "relayer: could not download $MODULE@$RELAYER_VERSION" >&2; exit 1; }
mkdir -p "$work/src" && cp -R "$dir/." "$work/src/"
chmod -R u+w "$work/src"
# The module carries a go.work of its own (for its tests); GOWORK=off keeps it out.
mkdir -p "$(dirname "$RLY")"
(cd "$work/src" && CGO_ENABLED=1 "$GO" build -trimpath \
  -ldflags "-X $MODULE/cmd.Version=${RELAYER_VERSION#v}" -o "$RLY.tmp" .)
mv "$RLY.tmp" "$RLY"
echo ">> relayer: built $("$RLY" version | head -1) in $(( $(date +%s) - start )) s"
