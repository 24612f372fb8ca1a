# The web app (web/): `make ui` serves it against a local node; `make test-web` is its browser
# test (part of `make test`): headless Chromium (Debian's chromium) against a real node.

UI_DIR ?= $(BUILDDIR)/ui

.PHONY: ui test-web

ui: build
	@scripts/ui.sh $(BUILDDIR)/allianced $(UI_DIR)

test-web:
	@echo ">> web app in headless Chromium against a real node (web/e2e)"
	@$(GO) test $(TEST_FLAGS) -v -run TestWebAppInChromium ./web/e2e/
