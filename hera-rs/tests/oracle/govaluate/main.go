// The reference for hera's `when` evaluator (hera::syntax::when): reads one
// JSON string per line on stdin, evaluates it the way Argo's controller
// evaluates a substituted `when` (parse with govaluate, turn variables into
// strings, evaluate without parameters, require a boolean), and prints one
// JSON string per line: "true", "false", "error: <message>" or "panic: ...".
// Built and run by hera-rs/tests/when_oracle.rs against Debian's govaluate.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/Knetic/govaluate"
)

func shouldExecute(when string) (bool, error) {
	if when == "" {
		return true, nil
	}
	expression, err := govaluate.NewEvaluableExpression(when)
	if err != nil {
		if strings.Contains(err.Error(), "Invalid token") {
			return false, fmt.Errorf("Invalid 'when' expression '%s': %v (hint: try wrapping the affected expression in quotes (\"))", when, err)
		}
		return false, fmt.Errorf("Invalid 'when' expression '%s': %v", when, err)
	}
	tokens := expression.Tokens()
	for i, token := range tokens {
		if token.Kind == govaluate.VARIABLE {
			token.Kind = govaluate.STRING
			tokens[i] = token
		}
	}
	expression, err = govaluate.NewEvaluableExpressionFromTokens(tokens)
	if err != nil {
		return false, fmt.Errorf("Failed to parse 'when' expression '%s': %v", when, err)
	}
	result, err := expression.Evaluate(nil)
	if err != nil {
		return false, fmt.Errorf("Failed to evaluate 'when' expresion '%s': %v", when, err)
	}
	decided, ok := result.(bool)
	if !ok {
		return false, fmt.Errorf("Expected boolean evaluation for '%s'. Got %v", when, result)
	}
	return decided, nil
}

func answer(when string) (text string) {
	defer func() {
		if recovered := recover(); recovered != nil {
			text = fmt.Sprintf("panic: %v", recovered)
		}
	}()
	decided, err := shouldExecute(when)
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(decided)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var when string
		if err := json.Unmarshal(in.Bytes(), &when); err != nil {
			fmt.Fprintln(os.Stderr, "not a JSON string:", err)
			os.Exit(2)
		}
		line, _ := json.Marshal(answer(when))
		out.Write(line)
		out.WriteString("\n")
	}
}
