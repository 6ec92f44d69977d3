//! Whole workflows run by `hera::run` in `cargo test`: the examples' objects,
//! their `#[script]` functions in process, other pods mocked or on the host.

#[allow(dead_code)]
#[path = "../../../examples/script_diamond.rs"]
mod script_diamond;

#[allow(dead_code)]
#[path = "../../../examples/exit_handlers.rs"]
mod exit_handlers;

#[allow(dead_code)]
#[path = "../../../examples/coinflip.rs"]
mod coinflip;

mod argo_examples;
mod limits;
mod semantics;
mod sync_memo;

use hera::run::{Outcome, Phase, Run};

#[test]
fn script_diamond_computes_53() {
    let report = Run::new(script_diamond::objects()).unwrap().run().unwrap();
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.result("a"), Some("3"));
    assert_eq!(report.result("b"), Some("30"));
    assert_eq!(report.result("c"), Some("23"));
    // Nothing reads d's result, so Argo keeps none; its pod printed it.
    assert_eq!(report.result("d"), None);
    assert_eq!(report.stdout("d"), Some("53"));
    let order = report.order();
    assert_eq!(order.first(), Some(&"a"));
    assert_eq!(order.last(), Some(&"d"));
}

#[test]
fn a_mocked_failure_still_runs_the_exit_handler() {
    let report = Run::new(exit_handlers::objects())
        .unwrap()
        .mock("intentional-fail", Outcome::failed("boom"))
        .run()
        .unwrap();
    assert_eq!(report.phase(), Phase::Failed);
    assert_eq!(report.message(), "boom");
    let root = report.nodes().first().unwrap();
    let on_exit = report.node(&format!("{}.onExit", root.name)).expect("the exit handler ran");
    assert_eq!(on_exit.phase, Phase::Succeeded);
    assert_eq!(report.node("cry").unwrap().phase, Phase::Succeeded);
    let celebrate = report.node("celebrate").unwrap();
    assert_eq!(celebrate.phase, Phase::Skipped);
    assert_eq!(celebrate.message, "when 'Failed == Succeeded' evaluated false");
}

#[test]
fn a_false_when_skips_the_step() {
    let report = Run::new(coinflip::objects())
        .unwrap()
        .mock("flip-coin", Outcome::succeeded().result("tails"))
        .run()
        .unwrap();
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let heads = report.node("heads").unwrap();
    assert_eq!(heads.phase, Phase::Skipped);
    assert_eq!(heads.message, "when 'tails == heads' evaluated false");
    assert_eq!(report.not_run(), vec![("heads", "when 'tails == heads' evaluated false")]);
}
