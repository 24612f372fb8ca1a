package std

// detailError is a contract's named error told about particular values: the text around its
// own. Unwrap keeps errors.Is finding the name, the way cw20-base's ContractError variants carry
// their fields.
type detailError struct {
	err           error
	before, after string
}

func (e *detailError) Error() string { return e.before + e.err.Error() + e.after }
func (e *detailError) Unwrap() error { return e.err }

// WithDetail returns the named error err with before and after around its text (the values it is
// about), so a contract keeps one copy of each error's text in its wasm however many values it
// reports with it.
func WithDetail(before string, err error, after string) error {
	return &detailError{err, before, after}
}

// WithCause returns err followed by ": " and the text of the error that caused it (the chain's or
// another contract's answer); errors.Is finds err, not the cause.
func WithCause(err, cause error) error { return WithDetail("", err, ": "+cause.Error()) }
