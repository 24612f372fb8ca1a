# alliancewasm — build, test and run the chain and its Go contracts.
# Fragments under mk/ add the targets of one area each (contracts, proto, ...).

GO        ?= go
BUILDDIR  ?= $(CURDIR)/build
export GOTOOLCHAIN := local
export CGO_ENABLED := 1

.DEFAULT_GOAL := build

include $(wildcard mk/*.mk)
