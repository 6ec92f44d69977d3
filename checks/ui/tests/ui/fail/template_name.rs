use hera::script;

// Checked with the rules `hera lint` applies: Argo's template names, in
// lower case because the template runs a pod.
#[script(name = "Sum_Up")]
fn sum_up(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

#[script(name = "Total")]
fn total(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

#[script]
fn zählen(values: Vec<i64>) -> usize {
    values.len()
}

fn main() {}
