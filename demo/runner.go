package demo

import (
	"fmt"
	"os"
)

// runner lets the e2e harness, written for tests, drive a chain from a plain
// program: a fatal harness error stops the story with an error instead of
// failing a test.
type runner struct {
	dirs []string
}

type fatal struct{ msg string }

func (r *runner) Helper() {}

func (r *runner) Fatalf(format string, args ...any) {
	panic(fatal{msg: fmt.Sprintf(format, args...)})
}

func (r *runner) TempDir() string {
	dir, err := os.MkdirTemp("", "alliancewasm-demo")
	if err != nil {
		r.Fatalf("temp dir: %v", err)
	}
	r.dirs = append(r.dirs, dir)
	return dir
}

func (r *runner) cleanup() {
	for _, d := range r.dirs {
		os.RemoveAll(d)
	}
}

// catch turns a harness fatal error raised in fn into an error.
func catch(fn func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			f, ok := p.(fatal)
			if !ok {
				panic(p)
			}
			err = fmt.Errorf("%s", f.msg)
		}
	}()
	fn()
	return nil
}
