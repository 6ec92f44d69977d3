use hera::prelude::*;

fn main() {
    let check = Container::new("check").image("busybox");
    let _dag = Dag::new("main", |d| {
        let ratio = d.task("ratio", check.call());
        // `format!` loses the reference to `ratio`: the task would not wait for it.
        d.task("alert", check.call()).when(format!("{} > 0.05", ratio.result()));
    });
}
