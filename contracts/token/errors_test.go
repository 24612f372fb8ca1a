package main

import (
	"errors"
	"testing"
)

// TestNamedErrorsKeepTheirNameAndText: an error about particular values reads as one sentence and
// is still its named error for errors.Is (what a Go caller of the contract's functions checks).
func TestNamedErrorsKeepTheirNameAndText(t *testing.T) {
	for _, tc := range []struct {
		err  error
		name error
		text string
	}{
		{withDetail("batch 7 ", ErrBatchEmpty, ""), ErrBatchEmpty, "batch 7 is empty: nothing to unbond"},
		{withDetail("", ErrInsufficientAllowance, ": 5 left"), ErrInsufficientAllowance, "insufficient allowance: 5 left"},
		{withCause(ErrInvalidOwner, errors.New("bad bech32")), ErrInvalidOwner, "invalid owner: bad bech32"},
	} {
		if !errors.Is(tc.err, tc.name) || tc.err.Error() != tc.text {
			t.Errorf("%q: errors.Is %v, want %q", tc.err.Error(), errors.Is(tc.err, tc.name), tc.text)
		}
	}
	if errors.Is(withDetail("", ErrNoRewards, ""), ErrNoMaturedClaims) {
		t.Error("a named error matched another name")
	}
}
