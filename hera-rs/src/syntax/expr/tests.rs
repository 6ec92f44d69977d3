use super::*;

fn run(source: &str) -> Result<Value, String> {
    let env = Env::argo([
        ("inputs.parameters.x".to_owned(), Value::String("5".into())),
        ("items".to_owned(), Value::Array(vec![Value::Int(1), Value::Int(2), Value::Int(3)])),
    ]);
    compile(source).map_err(|e| e.to_string())?.eval(&env).map_err(|e| e.to_string())
}

#[test]
fn arithmetic_is_go_s() {
    assert_eq!(run("1 + 2 * 3"), Ok(Value::Int(7)));
    assert_eq!(run("7 / 2"), Ok(Value::Float(3.5)));
    assert_eq!(run("7 % 3"), Ok(Value::Int(1)));
    assert_eq!(run("2 ** 3"), Ok(Value::Float(8.0)));
    assert_eq!(run("1 == 1.0"), Ok(Value::Bool(true)));
    assert_eq!(run("'a' + 'b'"), Ok(Value::String("ab".into())));
    assert!(run("1 + 'a'").unwrap_err().contains("mismatched types int and string"));
    assert!(run("1 % 0").is_err());
}

#[test]
fn maps_members_and_predicates() {
    assert_eq!(run(r#"{"a": {"b": 2}}.a.b"#), Ok(Value::Int(2)));
    assert_eq!(run("asInt(inputs.parameters.x) + 1"), Ok(Value::Int(6)));
    assert_eq!(run("filter(items, # > 1) | len()"), Ok(Value::Int(2)));
    assert_eq!(run("map(1..3, # * 2)[-1]"), Ok(Value::Int(6)));
    assert_eq!(run("let y = 2; y * y"), Ok(Value::Int(4)));
    assert_eq!(run("nil?.a.b ?? 'd'"), Ok(Value::String("d".into())));
    assert_eq!(run("items[1:]"), Ok(Value::Array(vec![Value::Int(2), Value::Int(3)])));
    assert_eq!(run("1 not in items"), Ok(Value::Bool(false)));
    assert_eq!(run("reduce(items, #acc + #)"), Ok(Value::Int(6)));
    assert_eq!(run("sprig.add(1, '2')"), Ok(Value::Int(3)));
    assert_eq!(run("toJson({'b': 1.5, 'a': [1]})"), Ok(Value::String(r#"{"a":[1],"b":1.5}"#.into())));
    assert_eq!(run(r#"jsonpath('{"a": [1, {"b": "c"}]}', '$.a[1].b')"#), Ok(Value::String("c".into())));
    assert!(run("sprig.now()").unwrap_err().contains("not supported"));
    assert!(run("sprig.upper(5)").unwrap_err().contains("as type string"));
    assert_eq!(run("sprig.date('2006-01-02', 0)"), Ok(Value::String("1970-01-01".into())));
    assert_eq!(run("unknown").unwrap_err(), "unknown name unknown");
}

#[test]
fn nesting_is_limited() {
    let deep = "(".repeat(10_000) + "1" + &")".repeat(10_000);
    assert!(compile(&deep).unwrap_err().to_string().contains("nested too deeply"));
    let long = vec!["1"; 5000].join("+");
    assert!(compile(&long).is_err());
    let ok = vec!["1"; 1000].join("+");
    assert_eq!(compile(&ok).unwrap().eval(&Env::default()), Ok(Value::Int(1000)));
}

#[test]
fn identifiers_in_order() {
    let p = compile("a.b + c(d) + filter(e, # > f) + (let g = 1; g)").unwrap();
    assert_eq!(p.identifiers(), ["a", "c", "d", "e", "f"]);
}

#[test]
fn variables_and_templates() {
    let p = compile("inputs.parameters.a + (x.y ?? 'd') + z?.w").unwrap();
    assert_eq!(p.variables(), ["inputs", "inputs.parameters", "inputs.parameters.a", "x", "z"]);
    let env = Env::argo([("inputs.parameters.a".to_owned(), Value::String("1".into()))]);
    assert!(env.has_path("inputs.parameters.a"));
    assert_eq!(eval_template("asInt(inputs.parameters.a) + 1", &env), Ok("2".into()));
    assert_eq!(eval_template("inputs.parameters.a", &env), Ok("1".into()));
    assert_eq!(eval_template("[1, 'a']", &env), Ok(r#"[1,"a"]"#.into()));
}

#[test]
fn depends_rewrites_and_evaluates() {
    use depends::{ContinueOn, TaskResults, evaluate, expand};
    assert_eq!(
        expand("a-b && c.Failed", |_| ContinueOn { failed: true, error: false }),
        "(a-b.Succeeded || a-b.Skipped || a-b.Daemoned || a-b.Failed) && c.Failed"
    );
    let mut tasks = std::collections::BTreeMap::new();
    tasks.insert("a-b".to_owned(), TaskResults { skipped: true, ..TaskResults::default() });
    tasks.insert("g".to_owned(), TaskResults { any_succeeded: true, ..TaskResults::default() });
    assert_eq!(evaluate("a-b && g.AnySucceeded", &tasks, |_| ContinueOn::default()), Ok(true));
    assert_eq!(evaluate("!a-b || g.AllFailed", &tasks, |_| ContinueOn::default()), Ok(false));
    assert!(
        evaluate("missing", &tasks, |_| ContinueOn::default()).unwrap_err().contains("unknown name missing")
    );
}

proptest::proptest! {
    #[test]
    fn random_input_never_panics(s in "[-+*/%()\\[\\]{}.,:?!#|&=<> a-z0-9'\"]{0,64}") {
        if let Ok(p) = compile(&s) {
            let _ = p.eval(&Env::argo([]));
        }
    }
}

proptest::proptest! {
    // The engine evaluates a `depends` through its shape (names as
    // positions, one program for all expressions of that shape): the
    // answer is the one of the expression as written, for any results
    // and continueOn flags.
    #[test]
    fn a_depends_through_its_shape_is_the_depends_as_written(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "a", "b-c", "d", ".Succeeded", ".Failed", ".Omitted", ".AnySucceeded", " && ", " || ", "!", "(", ")",
        ]), 1..12),
        flags in proptest::collection::vec(0u8..16, 3),
    ) {
        use depends::{ContinueOn, TaskResults, Compiled, dependencies, evaluate, shape};
        let logic = parts.concat();
        let names = ["a", "b-c", "d"];
        let results = |i: usize| TaskResults {
            succeeded: flags[i] & 1 != 0,
            failed: flags[i] & 2 != 0,
            omitted: flags[i] & 4 != 0,
            any_succeeded: flags[i] & 8 != 0,
            ..TaskResults::default()
        };
        let continue_on = |name: &str| ContinueOn { failed: name == "d", error: name == "a" };
        let by_name = names.iter().enumerate().map(|(i, n)| (n.to_string(), results(i))).collect();
        let deps = dependencies(&logic);
        // A name no task has ("aa") is unknown both ways.
        let by_position = deps
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((format!("x{i}"), results(names.iter().position(|k| k == n)?))))
            .collect();
        let through_shape = Compiled::new(&shape(&logic), |x| {
            continue_on(&deps[x[1..].parse::<usize>().unwrap_or_default()])
        })
        .evaluate(&by_position);
        let as_written = evaluate(&logic, &by_name, continue_on);
        proptest::prop_assert_eq!(through_shape.is_ok(), as_written.is_ok());
        if let (Ok(a), Ok(b)) = (through_shape, as_written) {
            proptest::prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn long_runs_of_one_logical_operator_are_flat() {
    // Argo builds `a && b && …` from a task's `dependencies`: 5000 links
    // parse and evaluate; the fold is the nested binary operators' own.
    let chain = vec!["true"; 5000].join(" && ");
    assert_eq!(run(&chain), Ok(Value::Bool(true)));
    let with_false = format!("{chain} && false");
    assert_eq!(run(&with_false), Ok(Value::Bool(false)));
    let ors = format!("{} or true", vec!["false"; 5000].join(" || "));
    assert_eq!(run(&ors), Ok(Value::Bool(true)));
    // The right operand of the last link is the value, unchecked, as the VM leaves it.
    assert_eq!(run("true && true && 3"), Ok(Value::Int(3)));
    assert_eq!(run("false && 3 && 4"), Ok(Value::Bool(false)));
    assert!(
        run("true && 3 && true")
            .unwrap_err()
            .contains("invalid operation: && (mismatched types int and bool)")
    );
    // Precedence is kept: `&&` binds tighter than `||` inside one run.
    assert_eq!(run("false && false || true && true"), Ok(Value::Bool(true)));
    assert_eq!(run("(true || false) && false"), Ok(Value::Bool(false)));
    // Real nesting is still bounded.
    let deep = format!("{}true{}", "(".repeat(300), ")".repeat(300));
    assert!(run(&deep).unwrap_err().contains("nested too deeply"));
}
