//! Inputs the fuzz targets (`fuzz/`) found, minimised, through the public
//! entry point that met them. Each must return, not hang, panic or fill memory.

use hera::syntax::expr::depends::{ContinueOn, TaskResults, evaluate, expand};
use hera::syntax::expr::{Env, compile, eval_bool};
use std::collections::BTreeMap;

/// fuzz target `expr`: U+0489 (a mark, neither letter nor digit) after a
/// word; the lexer stayed in place and pushed tokens until memory ran out.
#[test]
fn expr_a_non_letter_non_ascii_character_is_a_syntax_error() {
    let error = compile("len(inputs.paramets\u{489}bj)").unwrap_err();
    assert!(error.message.starts_with("unrecognized character: U+0489"), "{}", error.message);
    assert!(eval_bool("\u{489}", &Env::default()).is_err());
}

/// fuzz target `depends`: the same lexer reached through the engine's
/// `depends` evaluation (U+061D in a task name).
#[test]
fn depends_with_a_non_letter_non_ascii_character_is_an_error() {
    let depends = " \u{61d}.Su#ceai.Failed)";
    let mut tasks = BTreeMap::new();
    tasks.insert("a".to_owned(), TaskResults { succeeded: true, ..TaskResults::default() });
    assert!(evaluate(depends, &tasks, |_| ContinueOn::default()).is_err());
    let _ = expand(depends, |_| ContinueOn::default());
}
