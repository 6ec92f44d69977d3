//! hera's `when` evaluator against the real one: Go's govaluate, driven as
//! Argo's controller drives it (`tests/oracle/govaluate/main.go`), over
//! hand-picked conditions, every `when` of Argo's examples with values put
//! in, and thousands of generated ones (most of them malformed, so errors
//! are compared too). Every answer — true, false or the exact message —
//! must be the same.
//!
//! Needs `go` and Debian's `golang-github-knetic-govaluate-dev` (which
//! `.ci/run` installs and then requires with `HERA_REQUIRE_GO_ORACLE=1`);
//! without them the test says so and checks nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const GOPATH: &str = "/usr/share/gocode";

fn oracle() -> Option<PathBuf> {
    let required = std::env::var_os("HERA_REQUIRE_GO_ORACLE").is_some();
    let library = Path::new(GOPATH).join("src/github.com/Knetic/govaluate");
    let go = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success());
    if !go || !library.is_dir() {
        assert!(!required, "HERA_REQUIRE_GO_ORACLE is set but go or {} is missing", library.display());
        eprintln!("when_oracle: no Go toolchain with govaluate here; nothing compared");
        return None;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("govaluate-oracle");
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("oracle");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/govaluate/main.go");
    let built = Command::new("go")
        .args(["build", "-o"])
        .arg(&binary)
        .arg(&source)
        .env("GOPATH", GOPATH)
        .env("GO111MODULE", "off")
        .env("GOFLAGS", "-mod=mod")
        .env("GOCACHE", dir.join("cache"))
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(built.status.success(), "building the oracle failed: {}", String::from_utf8_lossy(&built.stderr));
    Some(binary)
}

/// What Go answers for each condition.
fn go_answers(binary: &Path, conditions: &[String]) -> Vec<String> {
    let mut child = Command::new(binary).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut input = String::new();
    for condition in conditions {
        input.push_str(&serde_json::to_string(condition).unwrap());
        input.push('\n');
    }
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn hera_answer(condition: &str) -> String {
    match hera::syntax::when::should_execute(condition) {
        Ok(decided) => decided.to_string(),
        Err(error) => format!("error: {error}"),
    }
}

/// The two known differences. An invalid regular expression is refused by
/// both, but Go's and the `regex` crate's descriptions of what is wrong
/// differ, so only the text before the description is compared. And a
/// fractional power goes through `exp` and `ln`, whose last bit can differ
/// from Go's assembly versions: numbers within 1e-14 of each other are the
/// same (whole powers are computed exactly as Go does).
fn same(go: &str, hera: &str) -> bool {
    const PATTERN: &str = "error parsing regexp: ";
    if let (Some(g), Some(h)) = (go.find(PATTERN), hera.find(PATTERN)) {
        return go[..g] == hera[..h];
    }
    let split = |text: &str| -> (String, Vec<f64>) {
        let mut shape = String::new();
        let mut numbers = Vec::new();
        for word in text.split_inclusive(['\'', ' ']) {
            let trimmed = word.trim_end_matches(['\'', ' ']);
            match trimmed.parse::<f64>() {
                Ok(n) if trimmed.contains('e') || trimmed.contains('.') => {
                    numbers.push(n);
                    shape.push_str(&word[trimmed.len()..]);
                    shape.push('#');
                }
                _ => shape.push_str(word),
            }
        }
        (shape, numbers)
    };
    let ((go_shape, go_numbers), (hera_shape, hera_numbers)) = (split(go), split(hera));
    go_shape == hera_shape
        && go_numbers.len() == hera_numbers.len()
        && go_numbers.iter().zip(&hera_numbers).all(|(a, b)| a == b || ((a - b) / a).abs() < 1e-14)
}

const HAND_PICKED: &[&str] = &[
    "heads == heads",
    "heads == tails",
    "tails != heads",
    "5 > 10",
    "10 >= 10.0",
    "0x1F == 31",
    "1 == '1'",
    "10 - 4 - 3 == 3",
    "100 / 10 / 5 == 2",
    "2 * 3 - 4 * 5 == -14",
    "1 - 2 + 3 == 2",
    "2 ** 3 ** 2 == 64",
    "-2 ** 2 == 4",
    "!true == false",
    "!(1 > 2) && 3 > 2",
    "true && false || true",
    "false || false && true",
    "1 > 0 ? yes : no",
    "(1 > 0 ? yes : no) == yes",
    "1 < 0 ? yes : no == no",
    "x ?? y",
    "abc =~ '^a.c$'",
    "abc !~ 'b'",
    "abc =~ '[a'",
    "b in (a, b, c)",
    "2 in (1, 2)",
    "(1, 2) == (1, 2)",
    "'2014-01-02' > '2014-01-01 23:59:59'",
    "'2014-01-02' == 1388620800",
    "'Thu Jan  2 03:04:05 2014' == '2014-01-02T03:04:05Z'",
    "'a' + 1 == a1",
    "'a' + 1000000 == a1e+06",
    "'a' + 0.1 + 0.2 == 'a0.10.2'",
    "0.1 + 0.2 == 0.30000000000000004",
    "1 + 2",
    "   ",
    "heads > 1",
    "1 - a",
    "a && true",
    "v1.2 == v1.2",
    "1.2.3 == 1.2.3",
    "a === b",
    "(a == b",
    "a ==",
    "a b",
    "'abc",
    "a.b == c",
    "A.B == c",
    "f(1)",
    "[my value] == 'my value'",
    "Succeeded == Succeeded",
    "{{tasks.a.outputs.result}} == 1",
    "1 <-2",
    "1 < -2",
    "~1 == -2",
    "7 & 3 | 8 == 11",
    "1 << 2 + 1",
    "5 % 3 == 2",
    "1 / 0 > 1000",
    "() == ()",
    "a ? , b",
    "true ? : b",
    "é == é",
    "'it''s' == x",
    "\"double\" == 'double'",
    "a\\ b == 'a b'",
    "3:04PM == 1",
    "'3:04PM' < 0",
    "1 == 1 == true",
    "(1 == 1) == true",
];

/// Every `when` of Argo's examples, with each `{{...}}` replaced by a few
/// typical values.
fn argo_conditions() -> Vec<String> {
    let Ok(dir) = std::env::var("HERA_REFERENCE_DIR").map(|d| PathBuf::from(d).join("argo/examples")) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines() {
                    let line = line.trim().trim_start_matches("- ");
                    if let Some(when) = line.strip_prefix("when:") {
                        found.push(unquote(when.trim()));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    let values = ["heads", "tails", "5", "0.6", "true", "Succeeded", "Failed", "[]", "hello world"];
    let mut out = Vec::new();
    for when in found {
        for value in values {
            out.push(replace_tags(&when, value));
        }
    }
    out
}

fn unquote(text: &str) -> String {
    let quoted =
        (text.starts_with('"') && text.ends_with('"')) || (text.starts_with('\'') && text.ends_with('\''));
    if quoted && let Ok(value) = hera::yaml::from_str::<String>(text) {
        return value;
    }
    text.to_owned()
}

fn replace_tags(text: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        match rest[start..].find("}}") {
            Some(end) => {
                out.push_str(value);
                rest = &rest[start + end + 2..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Deterministic pseudo-random conditions from govaluate's tokens.
fn generated(count: usize) -> Vec<String> {
    const ATOMS: &[&str] = &[
        "heads",
        "tails",
        "'a b'",
        "\"x\"",
        "1",
        "2.5",
        "0x1F",
        "10",
        "3",
        "true",
        "false",
        "'2014-01-02'",
        "'2014-01-02 10:00'",
        "v1.2",
        "1.2.3",
        "A.B",
        "[a b]",
        "''",
        "0",
        ".5",
        "Succeeded",
    ];
    const OPERATORS: &[&str] = &[
        "==", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "**", "&", "|", "^", "<<",
        ">>", "=~", "!~", "in", "?", ":", "??", ",",
    ];
    const PREFIXES: &[&str] = &["-", "!", "~"];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let terms = 1 + next(4);
        let mut text = String::new();
        let mut open = 0;
        for term in 0..terms {
            if term > 0 {
                text.push_str(&format!(" {} ", OPERATORS[next(OPERATORS.len())]));
            }
            if next(5) == 0 {
                text.push('(');
                open += 1;
            }
            if next(6) == 0 {
                text.push_str(PREFIXES[next(PREFIXES.len())]);
            }
            text.push_str(ATOMS[next(ATOMS.len())]);
            if open > 0 && next(3) == 0 {
                text.push(')');
                open -= 1;
            }
        }
        // Mostly balanced, sometimes not.
        if next(8) != 0 {
            text.push_str(&")".repeat(open));
        }
        out.push(text);
    }
    out
}

#[test]
fn hera_answers_every_condition_as_govaluate_does() {
    let Some(binary) = oracle() else { return };
    let mut conditions: Vec<String> = HAND_PICKED.iter().map(|s| (*s).to_owned()).collect();
    let from_examples = argo_conditions();
    conditions.extend(from_examples.iter().cloned());
    conditions.extend(generated(20_000));
    let expected = go_answers(&binary, &conditions);
    assert_eq!(expected.len(), conditions.len());
    let differences: Vec<String> = conditions
        .iter()
        .zip(&expected)
        .filter_map(|(condition, go)| {
            let hera = hera_answer(condition);
            (!same(go, &hera)).then(|| format!("{condition:?}\n   go:   {go:?}\n   hera: {hera:?}"))
        })
        .collect();
    let exact = conditions.iter().zip(&expected).filter(|(c, go)| hera_answer(c) == **go).count();
    eprintln!(
        "when_oracle: {} conditions ({} from Argo's examples): {} answered exactly as Go, {} equal but for a \
         regexp error's wording or a fractional power's last digit, {} differ",
        conditions.len(),
        from_examples.len(),
        exact,
        conditions.len() - exact - differences.len(),
        differences.len()
    );
    let panics = expected.iter().filter(|answer| answer.starts_with("panic")).count();
    assert!(panics < conditions.len() / 100, "the generator mostly makes what Go can evaluate");
    assert!(
        differences.is_empty(),
        "{} of {} differ:\n{}",
        differences.len(),
        conditions.len(),
        differences.iter().take(25).cloned().collect::<Vec<_>>().join("\n")
    );
}
