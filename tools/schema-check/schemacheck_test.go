package schemacheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/tools/cwgen/cwgentest"
)

// tsconfig checks the generated clients as strictly as TypeScript allows, against the libraries
// they import (interchainjs, installed with ts-codegen); skipLibCheck leaves those libraries' own
// declarations alone.
const tsconfig = `{
  "compilerOptions": {
    "strict": true,
    "noEmit": true,
    "target": "es2020",
    "module": "commonjs",
    "moduleResolution": "node",
    "skipLibCheck": true,
    "types": []
  },
  "include": ["*.ts"]
}
`

// contracts are the contracts that ship a schema, with their TypeScript names.
var contracts = map[string]string{"counter": "Counter", "pair": "Pair", "token": "Token", "compounder": "Compounder"}

// TestTypeScriptClientsTypeCheck generates the TypeScript clients of every contract from its
// schema with @cosmwasm/ts-codegen and type-checks them, and usage.ts (typed calls a dApp makes),
// with tsc --strict.
func TestTypeScriptClientsTypeCheck(t *testing.T) {
	Install(t)
	out := t.TempDir()
	args := []string{"codegen.mjs", out}
	for name, ts := range contracts {
		args = append(args, ts+"="+filepath.Join(Root(), "contracts", name, "schema"))
	}
	Run(t, "node", args...)
	for name, ts := range contracts {
		for _, f := range []string{".types.ts", ".client.ts", ".message-composer.ts"} {
			if _, err := os.Stat(filepath.Join(out, ts+f)); err != nil {
				t.Fatalf("%s: ts-codegen wrote no %s: %v", name, ts+f, err)
			}
		}
	}
	usage, err := os.ReadFile(filepath.Join(Dir(), "usage.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "usage.ts"), usage, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(Dir(), "node_modules"), filepath.Join(out, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "tsconfig.json"), []byte(tsconfig), 0o644); err != nil {
		t.Fatal(err)
	}
	Run(t, filepath.Join(Dir(), "node_modules", ".bin", "tsc"), "-p", out)
}

// TestSchemasAgreeWithDecoders: the schema of each contract (and of the alliance bindings) accepts
// exactly what its generated decoder accepts, over the corpus the generated tests write (random values of every message and
// answer, and their mutations: required field removed, option absent or null, unknown field,
// second or unknown variant), validated with ajv.
func TestSchemasAgreeWithDecoders(t *testing.T) {
	Install(t)
	dir := t.TempDir()
	pkgs := []string{}
	for name := range contracts {
		pkgs = append(pkgs, "./contracts/"+name)
	}
	// The alliance bindings' schema (contracts/alliance/schema, from bindings/types) too.
	pkgs = append(pkgs, "./contracts/alliance")
	cmd := exec.Command("go", append([]string{"test", "-count=1", "-run", "TestCwgenCodecsMatchEncodingJSON|TestGeneratedCodecsMatchEncodingJSON"}, pkgs...)...)
	cmd.Dir = Root()
	cmd.Env = append(os.Environ(), cwgentest.CorpusEnv+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generated tests: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(Run(t, "node", "corpus.mjs", dir, Root())))
}
