//! The in-pod side of `#[script]`: read the inputs file Argo wrote, call the
//! function, write its outputs.

use super::outputs::{InputArtifact, OutputDecl, OutputValue, outputs_directory};
use super::values::ScriptInput;
use crate::support::{Exit, Output};
use std::fmt;
use std::path::Path;

/// A one-line reason a script could not run: bad input, a failed function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError(pub String);

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RunError {}

/// What the function produced.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Outcome {
    /// Printed to stdout: Argo's `outputs.result`.
    pub result: Option<String>,
    /// Named outputs, in declaration order.
    pub outputs: Vec<OutputValue>,
    /// The function returned an error with this message.
    pub failure: Option<String>,
}

/// Everything the runner needs about one script (made by `#[script]`).
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct RunnerEntry {
    /// The template's name.
    pub template: &'static str,
    /// The input parameters the function takes, in order.
    pub parameters: &'static [&'static str],
    /// The named outputs it declares.
    pub outputs: fn() -> Vec<OutputDecl>,
    /// Reads the inputs, calls the function, reports what it returned.
    pub run: fn(&Inputs) -> Result<Outcome, RunError>,
    /// Compiled in a library crate without an explicit `command`: the
    /// binary that runs it is the program that assembles the objects
    /// (`BuildOptions::program_binary`), not one the macro can name.
    pub in_library: bool,
}

impl fmt::Debug for RunnerEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunnerEntry").field("template", &self.template).finish()
    }
}

/// The input parameters Argo passed: `{{inputs.parameters}}` as JSON.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    values: Vec<(String, Option<String>)>,
}

impl Inputs {
    /// Parses Argo's JSON: `null`, or a list of parameter objects (`name`,
    /// `value`, and fields the runner ignores).
    pub fn parse(text: &str) -> Result<Inputs, RunError> {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RunError(format!("the inputs file is not JSON: {e}")))?;
        let items = match json {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::Array(items) => items,
            other => {
                return Err(RunError(format!("the inputs file holds {other}, not a list of parameters")));
            }
        };
        let mut values = Vec::with_capacity(items.len());
        for item in items {
            let name = item
                .get("name")
                .and_then(|n| n.as_str())
                .ok_or_else(|| RunError(format!("an input parameter has no name: {item}")))?;
            let value = match item.get("value") {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(other) => Some(other.to_string()),
            };
            values.push((name.to_owned(), value));
        }
        Ok(Inputs { values })
    }

    /// The names received, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(|(name, _)| name.as_str())
    }

    /// The parameter `name` decoded as a `T` (`type_name` is for messages).
    /// Strings are taken as they are, other types as JSON.
    pub fn parameter<T: ScriptInput>(&self, name: &str, type_name: &str) -> Result<T, RunError> {
        self.decode(name, type_name, T::from_parameter)
    }

    /// The parameter `name` decoded by `decode` (`#[script]` passes
    /// `<T as ScriptInput>::from_parameter`, spanned at the parameter's type,
    /// so a type that cannot be decoded is reported there).
    pub fn decode<T>(
        &self,
        name: &str,
        type_name: &str,
        decode: fn(&str) -> Result<T, String>,
    ) -> Result<T, RunError> {
        let value = self.values.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref());
        let Some(text) = value else {
            return Err(RunError(format!("missing input parameter `{name}` ({type_name})")));
        };
        decode(text).map_err(|e| {
            let shown: String = text.chars().take(60).collect();
            let more = if text.chars().count() > 60 { "..." } else { "" };
            RunError(format!("input parameter `{name}` = {shown:?}{more} is not a valid {type_name}: {e}"))
        })
    }

    /// The input artifact of the parameter `name`.
    pub fn artifact(&self, name: &str) -> InputArtifact {
        InputArtifact::named(name)
    }
}

/// Runs a script as Argo's executor does: `file` holds the input
/// parameters. Prints the result, writes named outputs, and reports every
/// problem as one line on stderr with exit code 1.
pub(crate) fn exec(entry: &RunnerEntry, file: &Path, out: &mut Output<'_>) -> Exit {
    exec_in(entry, file, &outputs_directory(), out)
}

/// [`exec`] writing outputs under `directory`.
pub(crate) fn exec_in(entry: &RunnerEntry, file: &Path, directory: &Path, out: &mut Output<'_>) -> Exit {
    let outputs = (entry.outputs)();
    let fail = |out: &mut Output<'_>, message: String| {
        write_placeholders(&outputs, directory);
        out.error(format!("{}: {message}", entry.template));
        Exit::Problems
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return fail(out, format!("cannot read the inputs file {}: {e}", file.display())),
    };
    let inputs = match Inputs::parse(&text) {
        Ok(inputs) => inputs,
        Err(e) => return fail(out, e.0),
    };
    let received: Vec<&str> = inputs.names().collect();
    let mut expected: Vec<&str> = entry.parameters.to_vec();
    let mut got = received.clone();
    expected.sort_unstable();
    got.sort_unstable();
    if expected != got {
        return fail(
            out,
            format!(
                "expects parameters {}; got {} — is the image older than the template?",
                list(entry.parameters),
                list(&received)
            ),
        );
    }
    #[cfg(panic = "abort")]
    report_panic_before_abort(entry.template, outputs.clone(), directory.to_owned());
    let run = entry.run;
    let outcome = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&inputs))) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => return fail(out, error.0),
        Err(panic) => return fail(out, format!("panicked: {}", panic_text(panic.as_ref()))),
    };
    if let Some(message) = outcome.failure {
        return fail(out, format!("failed: {message}"));
    }
    for (declared, value) in outputs.iter().zip(&outcome.outputs) {
        let path = declared.path(directory);
        let written = match value {
            OutputValue::Parameter(text) => write_output(&path, text),
            OutputValue::Artifact(from) => move_into_place(from, &path),
        };
        if let Err(e) = written {
            return fail(out, format!("cannot write output `{}` to {}: {e}", declared.name, path.display()));
        }
    }
    if let Some(result) = outcome.result {
        out.write(&result);
        if !result.ends_with('\n') {
            out.write("\n");
        }
    }
    Exit::Success
}

/// What a panic said, when it said it with a string (`panic!` always does).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the function panicked".to_owned())
}

/// A build with `panic = "abort"` (a smaller pod binary: no unwinding tables)
/// cannot catch the author's panic, so the panic hook, the last code to run
/// before the abort, reports it as `catch_unwind` would have: the same line on
/// stderr, the placeholder outputs, and the same exit code, by exiting first.
#[cfg(panic = "abort")]
fn report_panic_before_abort(
    template: &'static str,
    outputs: Vec<OutputDecl>,
    directory: std::path::PathBuf,
) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        write_placeholders(&outputs, &directory);
        eprintln!("{template}: panicked: {}", panic_text(info.payload()));
        std::process::exit(Exit::Problems as i32);
    }));
}

fn list(names: &[&str]) -> String {
    if names.is_empty() { "no parameters".to_owned() } else { names.join(", ") }
}

/// Writes empty outputs where missing, so Argo reports the real failure
/// rather than a missing output.
fn write_placeholders(outputs: &[OutputDecl], directory: &Path) {
    for declared in outputs {
        let path = declared.path(directory);
        if !path.exists() {
            let _ = write_output(&path, "");
        }
    }
}

/// Writes one output file, creating its directory (Argo does not).
fn write_output(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::support::files::write_atomically(path, text)
}

fn move_into_place(from: &Path, to: &Path) -> std::io::Result<()> {
    if from == to {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::rename(from, to) {
        Ok(()) => Ok(()),
        // Another filesystem: copy (files only), then remove the original.
        Err(_) => std::fs::copy(from, to).and_then(|_| std::fs::remove_file(from)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn inputs(json: &str) -> Inputs {
        Inputs::parse(json).unwrap()
    }

    #[test]
    fn strings_are_raw_and_everything_else_is_json() {
        let i = inputs(
            r#"[{"name":"s","value":"\"quoted\""},{"name":"n","value":"42"},{"name":"o","value":"hi"},
               {"name":"none","value":"null"},{"name":"list","value":"[1,2]"},{"name":"map","value":"{\"a\":1}"},
               {"name":"any","value":"plain"}]"#,
        );
        assert_eq!(i.parameter::<String>("s", "String").unwrap(), "\"quoted\"");
        assert_eq!(i.parameter::<i64>("n", "i64").unwrap(), 42);
        assert_eq!(i.parameter::<String>("n", "String").unwrap(), "42");
        assert_eq!(i.parameter::<Option<String>>("o", "Option<String>").unwrap(), Some("hi".into()));
        assert_eq!(i.parameter::<Option<i64>>("none", "Option<i64>").unwrap(), None);
        assert_eq!(i.parameter::<Vec<i64>>("list", "Vec<i64>").unwrap(), [1, 2]);
        assert_eq!(i.parameter::<BTreeMap<String, i64>>("map", "map").unwrap()["a"], 1);
        assert_eq!(i.parameter::<serde_json::Value>("any", "Value").unwrap(), "plain");
        assert_eq!(i.parameter::<serde_json::Value>("n", "Value").unwrap(), 42);
    }

    #[test]
    fn a_panicking_function_is_reported_as_a_failed_step_not_a_crash() {
        fn no_outputs() -> Vec<OutputDecl> {
            vec![OutputDecl { name: "value", artifact: false }]
        }
        fn boom(_: &Inputs) -> Result<Outcome, RunError> {
            panic!("boom")
        }
        static ENTRY: RunnerEntry = RunnerEntry {
            template: "boom",
            parameters: &[],
            outputs: no_outputs,
            run: boom,
            in_library: false,
        };
        let work = tempfile::tempdir().unwrap();
        let file = work.path().join("script");
        std::fs::write(&file, "null").unwrap();
        // (The panic message also reaches the test's stderr through the default hook.)
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let exit = exec_in(&ENTRY, &file, work.path(), &mut Output::new(&mut stdout, &mut stderr));
        assert_eq!(exit, Exit::Problems);
        assert_eq!(String::from_utf8(stderr).unwrap(), "boom: panicked: boom\n");
        assert_eq!(std::fs::read_to_string(work.path().join("parameters/value")).unwrap(), "");
    }

    #[test]
    fn bad_input_is_one_line_naming_parameter_and_type() {
        let i = inputs(r#"[{"name":"a","value":"x"},{"name":"b"}]"#);
        assert_eq!(
            i.parameter::<i64>("a", "i64").unwrap_err().0,
            "input parameter `a` = \"x\" is not a valid i64: expected value at line 1 column 1"
        );
        assert_eq!(i.parameter::<i64>("b", "i64").unwrap_err().0, "missing input parameter `b` (i64)");
        assert_eq!(i.parameter::<i64>("c", "i64").unwrap_err().0, "missing input parameter `c` (i64)");
        assert!(Inputs::parse("null").unwrap().names().next().is_none());
        assert!(Inputs::parse("{").unwrap_err().0.starts_with("the inputs file is not JSON"));
        assert!(
            Inputs::parse("[{\"value\":\"1\"}]").unwrap_err().0.starts_with("an input parameter has no name")
        );
    }
}
