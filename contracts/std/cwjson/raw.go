package cwjson

// RawMessage is pre-encoded JSON, like encoding/json's RawMessage but without importing that
// package into contracts. It is written verbatim (null when empty).
type RawMessage []byte

// EncodeJSON writes the raw bytes.
func (m RawMessage) EncodeJSON(w *Writer) { w.Raw(m) }

// DecodeJSON captures the next value as is.
func (m *RawMessage) DecodeJSON(r *Reader) error {
	b, err := r.Raw()
	*m = append((*m)[:0], b...)
	return err
}

// MarshalJSON returns the raw bytes (null when empty).
func (m RawMessage) MarshalJSON() ([]byte, error) {
	if len(m) == 0 {
		return []byte("null"), nil
	}
	return m, nil
}

// UnmarshalJSON stores a copy of data.
func (m *RawMessage) UnmarshalJSON(data []byte) error {
	*m = append((*m)[:0], data...)
	return nil
}

// Marshaler writes the output of a MarshalJSON method (e.g. a standard-library-only wire type).
func (w *Writer) Marshaler(v interface{ MarshalJSON() ([]byte, error) }) error {
	b, err := v.MarshalJSON()
	if err != nil {
		return err
	}
	w.Raw(b)
	return nil
}
