//! The `{{= }}` expression language (expr): compile, name checks and
//! evaluation against a small Argo environment, and template evaluation.
#![no_main]
use hera::syntax::expr::{self, Env, Value};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let env = Env::argo(
        [
            ("inputs", json!({"parameters": {"n": "3", "list": "[1,2,3]", "obj": "{\"a\": {\"b\": 2}}"}})),
            ("item", json!({"name": "x", "n": 2})),
            ("workflow", json!({"name": "w", "status": "Succeeded"})),
        ]
        .map(|(name, json)| (name.to_owned(), Value::from_json(&json))),
    );
    if let Ok(program) = expr::compile(text) {
        let _ = program.identifiers();
        let _ = program.variables();
        let _ = program.check_names(&env);
        let _ = program.eval(&env);
    }
    let _ = expr::eval_bool(text, &env);
    let _ = expr::eval_template(text, &env);
});
