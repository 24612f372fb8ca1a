package std

import (
	"errors"
	"testing"
)

// TestWithDetailKeepsTheNameAndReadsAsOneSentence: the text is before + name + after exactly, and
// errors.Is finds the named error (what a Go caller checks) but not another one, nor the cause.
func TestWithDetailKeepsTheNameAndReadsAsOneSentence(t *testing.T) {
	errEmpty := errors.New("is empty: nothing to unbond")
	errOwner := errors.New("invalid owner")
	cause := errors.New("bad bech32")
	for _, tc := range []struct {
		err  error
		name error
		text string
	}{
		{WithDetail("batch 7 ", errEmpty, ""), errEmpty, "batch 7 is empty: nothing to unbond"},
		{WithDetail("", errOwner, ": 5 left"), errOwner, "invalid owner: 5 left"},
		{WithDetail("", errOwner, ""), errOwner, "invalid owner"},
		{WithCause(errOwner, cause), errOwner, "invalid owner: bad bech32"},
	} {
		if !errors.Is(tc.err, tc.name) || tc.err.Error() != tc.text {
			t.Errorf("%q: errors.Is %v, want %q", tc.err.Error(), errors.Is(tc.err, tc.name), tc.text)
		}
	}
	if errors.Is(WithDetail("", errOwner, ""), errEmpty) {
		t.Error("a named error matched another name")
	}
	if errors.Is(WithCause(errOwner, cause), cause) {
		t.Error("the cause matched: only its text is kept")
	}
}
