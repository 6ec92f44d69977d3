// The reference for hera's expr evaluator (hera::syntax::expr): reads one
// JSON object {"mode": "eval"|"parse", "expr": "..."} per line on stdin and
// prints one JSON string per line. "eval" compiles with expr.Env(env) and
// runs, as Argo's argoexpr does, over the fixed environment below (the same
// one hera-rs/tests/expr_oracle.rs builds), answering "<type>:<json>" or
// "error: <message>"; "parse" only parses, answering "ok" or "error: ...".
// Debian ships expr 1.8.9 under its old path github.com/antonmedv/expr,
// and sprig 3.2.3 (Argo: 1.17 and 3.3.0), so the test allows the
// differences it lists.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/Masterminds/sprig"
	"github.com/antonmedv/expr"
	"github.com/antonmedv/expr/parser"
)

// Argo's `sprig` (util/expr/env): sprig's generic functions without env
// and expandenv.
var sprigFuncs = func() map[string]interface{} {
	m := map[string]interface{}(sprig.GenericFuncMap())
	delete(m, "env")
	delete(m, "expandenv")
	return m
}()

func env() map[string]interface{} {
	return map[string]interface{}{
		"n":     5,
		"f":     1.5,
		"s":     "hello",
		"t":     true,
		"items": []interface{}{1, 2, 3},
		"words": []interface{}{"a", "bb", "ccc"},
		"m":     map[string]interface{}{"a": 1, "b": "x", "c": map[string]interface{}{"d": 2.5}},
		"sprig": sprigFuncs,
	}
}

type request struct {
	Mode string `json:"mode"`
	Expr string `json:"expr"`
}

func answer(r request) (text string) {
	defer func() {
		if recovered := recover(); recovered != nil {
			text = fmt.Sprintf("error: panic: %v", recovered)
		}
	}()
	if r.Mode == "parse" {
		if _, err := parser.Parse(r.Expr); err != nil {
			return "error: " + err.Error()
		}
		return "ok"
	}
	e := env()
	program, err := expr.Compile(r.Expr, expr.Env(e))
	if err != nil {
		return "error: " + err.Error()
	}
	result, err := expr.Run(program, e)
	if err != nil {
		return "error: " + err.Error()
	}
	marshalled, err := json.Marshal(result)
	if err != nil {
		return "error: marshal: " + err.Error()
	}
	return fmt.Sprintf("%T:%s", result, marshalled)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			fmt.Fprintln(os.Stderr, "bad request:", err)
			os.Exit(2)
		}
		line, _ := json.Marshal(answer(r))
		out.Write(line)
		out.WriteString("\n")
	}
}
