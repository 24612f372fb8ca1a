# Two chains joined by a real IBC relayer (issue 19).
#
#   make relayer             the Go relayer (cosmos/relayer v2, pinned) built from the module proxy into
#                            ~/.cache/alliancewasm/relayer/<version>/rly (reused when present)
#   make localnet-ibc        two single-validator chains on 127.0.0.1 under build/localnet-ibc, linked by
#                            a transfer channel, the relayer running in the background
#   make localnet-ibc-story  the alliance between the two chains, both directions (scripts/localnet-ibc-story.sh)
#   make localnet-ibc-stop   stops exactly the processes localnet-ibc started (pid files)

# The version is pinned in the script; the binary lives outside the checkout like the TinyGo
# toolchain (every clone on the machine, CI's fresh ones too, shares it). RLY=… overrides.
RLY             ?= $(shell scripts/localnet-ibc-relayer.sh path)
LOCALNET_IBC_DIR ?= $(BUILDDIR)/localnet-ibc

.PHONY: relayer localnet-ibc localnet-ibc-story localnet-ibc-stop

relayer:
	@RLY=$(RLY) GO=$(GO) scripts/localnet-ibc-relayer.sh

localnet-ibc: build relayer
	@RLY=$(RLY) scripts/localnet-ibc.sh start $(BUILDDIR)/allianced $(LOCALNET_IBC_DIR)

localnet-ibc-story: build relayer
	@RLY=$(RLY) BIN=$(BUILDDIR)/allianced DIR=$(LOCALNET_IBC_DIR) scripts/localnet-ibc-story.sh

localnet-ibc-stop:
	@RLY=$(RLY) scripts/localnet-ibc.sh stop $(BUILDDIR)/allianced $(LOCALNET_IBC_DIR)
