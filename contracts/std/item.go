package std

import "errors"

// MaxKeyLength is the VM's limit on storage keys (db_write refuses longer ones and the whole call
// fails); the storage helpers check it first so a contract gets an error it can return instead.
const MaxKeyLength = 64 * 1024

// Value is the constraint on stored values: a pointer type with both JSON methods. Values are
// stored as JSON, like cw-storage-plus, so other tools (and Rust contracts) can read them.
type Value[V any] interface {
	*V
	JSONUnmarshaler
	JSONMarshaler
}

// NotFoundError reports a missing Item or Map entry.
type NotFoundError struct {
	Namespace string
}

func (e *NotFoundError) Error() string { return e.Namespace + " not found" }

// IsNotFound reports whether err is a NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// Item is a single value stored under a fixed key (the namespace itself, as in cw-storage-plus).
//
//	var config = std.NewItem[Config]("config")
type Item[V any, PV Value[V]] struct {
	key string
}

// NewItem returns an Item stored under key.
func NewItem[V any, PV Value[V]](key string) Item[V, PV] { return Item[V, PV]{key} }

// Save stores v.
func (i Item[V, PV]) Save(s Storage, v V) error { return save[V, PV](s, []byte(i.key), &v) }

// Load returns the value or a NotFoundError.
func (i Item[V, PV]) Load(s Storage) (V, error) {
	v, ok, err := i.MayLoad(s)
	if err == nil && !ok {
		err = &NotFoundError{i.key}
	}
	return v, err
}

// MayLoad returns the value and whether it exists.
func (i Item[V, PV]) MayLoad(s Storage) (V, bool, error) { return load[V, PV](s, []byte(i.key), i.key) }

// Exists reports whether a value is stored.
func (i Item[V, PV]) Exists(s Storage) bool {
	_, ok := s.Get([]byte(i.key))
	return ok
}

// Remove deletes the value.
func (i Item[V, PV]) Remove(s Storage) { s.Remove([]byte(i.key)) }

// Update loads the value (the zero value and found=false when absent), applies fn and saves the
// result. If fn returns an error nothing is written.
func (i Item[V, PV]) Update(s Storage, fn func(v V, found bool) (V, error)) (V, error) {
	v, ok, err := i.MayLoad(s)
	if err != nil {
		return v, err
	}
	if v, err = fn(v, ok); err != nil {
		return v, err
	}
	return v, i.Save(s, v)
}

func save[V any, PV Value[V]](s Storage, key []byte, v *V) error {
	if len(key) > MaxKeyLength {
		return errors.New("storage key too long")
	}
	b, err := PV(v).MarshalJSON()
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return errors.New("value encoded to nothing")
	}
	s.Set(key, b)
	return nil
}

func load[V any, PV Value[V]](s Storage, key []byte, what string) (V, bool, error) {
	var v V
	b, ok := s.Get(key)
	if !ok {
		return v, false, nil
	}
	if err := PV(&v).UnmarshalJSON(b); err != nil {
		return v, true, errors.New("corrupt " + what + " in storage: " + err.Error())
	}
	return v, true, nil
}
