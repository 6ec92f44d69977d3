use super::*;

fn run(when: &str) -> Result<bool, String> {
    should_execute(when).map_err(|e| e.to_string())
}

#[test]
fn words_are_strings_and_compare_as_text() {
    assert_eq!(run("heads == heads"), Ok(true));
    assert_eq!(run("heads == tails"), Ok(false));
    assert_eq!(run("heads != tails"), Ok(true));
    assert_eq!(run("'heads' == heads"), Ok(true));
    assert_eq!(run("\"heads\" == heads"), Ok(true));
    assert_eq!(run("[my value] == 'my value'"), Ok(true));
    assert_eq!(run("Succeeded == Succeeded && Failed != Succeeded"), Ok(true));
    assert_eq!(run(""), Ok(true));
}

#[test]
fn numbers_are_floats() {
    assert_eq!(run("5 > 10"), Ok(false));
    assert_eq!(run("10 >= 10.0"), Ok(true));
    assert_eq!(run("0x10 == 16"), Ok(true));
    assert_eq!(run("1 == 1.0"), Ok(true));
    assert_eq!(run("3 % 2 == 1"), Ok(true));
    assert_eq!(run("2 ** 10 == 1024"), Ok(true));
    assert_eq!(run("-5 < 0"), Ok(true));
    assert_eq!(run("(1 + 2) * 3 == 9"), Ok(true));
    assert_eq!(run("1 + 2 * 3 == 7"), Ok(true));
    assert_eq!(run("7 & 3 == 3"), Ok(true));
    assert_eq!(run("1 << 4 == 16"), Ok(true));
    assert_eq!(run(".5 == 0.5"), Ok(true));
    // A number and the same text are different values.
    assert_eq!(run("1 == '1'"), Ok(false));
}

#[test]
fn equal_precedence_runs_left_to_right() {
    assert_eq!(evaluate("10 - 4 - 3"), Ok(Value::Number(3.0)));
    assert_eq!(evaluate("100 / 10 / 5"), Ok(Value::Number(2.0)));
    assert_eq!(evaluate("1 - 2 + 3"), Ok(Value::Number(2.0)));
    assert_eq!(evaluate("2 * 3 - 4 * 5"), Ok(Value::Number(-14.0)));
}

#[test]
fn strings_concatenate_and_compare_byte_by_byte() {
    assert_eq!(evaluate("'a' + 1"), Ok(Value::String("a1".into())));
    assert_eq!(evaluate("'a' + 1000000"), Ok(Value::String("a1e+06".into())));
    assert_eq!(evaluate("x + true"), Ok(Value::String("xtrue".into())));
    assert_eq!(run("abc < abd"), Ok(true));
    assert_eq!(run("B < a"), Ok(true));
}

#[test]
fn logic_short_circuits_and_ternaries_choose() {
    assert_eq!(run("true && false || true"), Ok(true));
    assert_eq!(run("!(1 > 2)"), Ok(true));
    assert_eq!(run("false && (1 > 'a')"), Ok(false), "the right side is never evaluated");
    assert_eq!(evaluate("1 > 0 ? yes : no"), Ok(Value::String("yes".into())));
    assert_eq!(evaluate("1 < 0 ? yes : no"), Ok(Value::String("no".into())));
    assert_eq!(evaluate("1 < 0 ? yes"), Ok(Value::Nil));
}

#[test]
fn patterns_lists_and_dates() {
    assert_eq!(run("abc =~ '^a'"), Ok(true));
    assert_eq!(run("abc !~ '^b'"), Ok(true));
    assert_eq!(run("b in (a, b, c)"), Ok(true));
    assert_eq!(run("2 in (1, 3)"), Ok(false));
    assert_eq!(run("'2014-01-02' > '2014-01-01 23:59:59'"), Ok(true));
    assert_eq!(run("'2014-01-02' == 1388620800"), Ok(true));
}

#[test]
fn argo_messages_for_what_cannot_decide() {
    let cases = [
        ("1 + 2", "Expected boolean evaluation for '1 + 2'. Got 3"),
        ("   ", "Invalid 'when' expression '   ': Unexpected end of expression"),
        ("()", "Expected boolean evaluation for '()'. Got <nil>"),
        (
            "heads > 1",
            "Failed to evaluate 'when' expresion 'heads > 1': Value 'heads' cannot be used with the comparator '>', it is not a number",
        ),
        (
            "1 - a",
            "Failed to evaluate 'when' expresion '1 - a': Value 'a' cannot be used with the modifier '-', it is not a number",
        ),
        (
            "a && true",
            "Failed to evaluate 'when' expresion 'a && true': Value 'a' cannot be used with the logical operator '&&', it is not a bool",
        ),
        ("v1.2 == v1.2", "Failed to evaluate 'when' expresion 'v1.2 == v1.2': No parameter 'v1' found."),
        (
            "1.2.3 == 1.2.3",
            "Invalid 'when' expression '1.2.3 == 1.2.3': Unable to parse numeric value '1.2.3' to float64\n",
        ),
        (
            "a === b",
            "Invalid 'when' expression 'a === b': Invalid token: '===' (hint: try wrapping the affected expression in quotes (\"))",
        ),
        ("(a == b", "Invalid 'when' expression '(a == b': Unbalanced parenthesis"),
        ("a ==", "Invalid 'when' expression 'a ==': Unexpected end of expression"),
        (
            "a b",
            "Invalid 'when' expression 'a b': Cannot transition token types from VARIABLE [a] to VARIABLE [b]",
        ),
        ("'abc", "Invalid 'when' expression ''abc': Unclosed string literal"),
        (
            "a.b == c",
            "Invalid 'when' expression 'a.b == c': Unable to access unexported field 'b' in token 'a.b'",
        ),
        ("f(1)", "Invalid 'when' expression 'f(1)': Undefined function f"),
    ];
    for (when, message) in cases {
        assert_eq!(run(when), Err(message.to_owned()), "{when}");
    }
}

#[test]
fn check_reports_only_what_govaluate_cannot_read() {
    assert!(check("{{x}} == y").is_err(), "braces are invalid tokens before substitution");
    assert!(check("a == b && (c != d || 1 > 2)").is_ok());
    assert!(check("heads > 1").is_ok(), "a type error shows only when evaluated");
}

#[test]
fn hostile_nesting_is_refused_and_long_chains_evaluate_on_a_small_stack() {
    // Found by probing: 1000 parentheses overflowed a test thread's stack.
    let nested = |n: usize| "(".repeat(n) + "true" + &")".repeat(n);
    assert_eq!(should_execute(&nested(128)), Ok(true));
    for n in [129, 100_000] {
        let message = evaluate(&nested(n)).unwrap_err().to_string();
        assert!(message.ends_with(": expression nested too deeply (more than 128 levels)"), "{message}");
        assert!(check(&nested(n)).is_err());
    }
    // A chain is flat in govaluate's grammar: long ones plan in a loop.
    let chain = vec!["1 == 2"; 1500].join(" || ") + " || 2 == 2";
    assert_eq!(should_execute(&chain), Ok(true));
    let too_long = vec!["false"; 5000].join(" || ");
    let message = evaluate(&too_long).unwrap_err().to_string();
    assert!(
        message.ends_with("expression too long to evaluate (more than 2048 levels of operators)"),
        "{message}"
    );
}
