//! `data` templates, as Argo's `workflow/data` package runs them
//! (`ProcessData`): the source lists the objects under an artifact's key in
//! the run's local artifact repository, each transformation step's
//! `expression` is evaluated with the list as `data`, and the JSON of the
//! last value becomes `outputs.result`.

use super::Finished;
use crate::model;
use crate::run::Phase;
use crate::syntax::expr::{Env, Value};
use std::path::Path;

/// Runs the `data` template `data` against the artifact repository `repository`.
pub(crate) fn run(data: &model::Data, repository: &Path) -> Finished {
    match process(data, repository) {
        Ok(value) => Finished {
            phase: Some(Phase::Succeeded),
            result: Some(value.go_json()),
            log: value.go_json(),
            executor: "data".into(),
            exit_code: Some(0),
            ..Finished::default()
        },
        // argoexec's `data` command fails; its error is the message.
        Err(message) => Finished {
            phase: Some(Phase::Failed),
            message: format!("unable to process data template: {message}"),
            executor: "data".into(),
            exit_code: Some(1),
            ..Finished::default()
        },
    }
}

/// `ProcessData`: the source, then the transformation.
fn process(data: &model::Data, repository: &Path) -> Result<Value, String> {
    let Some(paths) = &data.source.artifact_paths else {
        return Err("unable to process data source: no valid source is used for data template".into());
    };
    let files = list_objects(paths, repository)
        .map_err(|e| format!("unable to process data source: unable to source artifact paths: {e}"))?;
    let mut value = Value::Array(files.into_iter().map(Value::String).collect());
    for (i, step) in data.transformation.iter().enumerate() {
        if step.expression.is_empty() {
            continue;
        }
        value = expression(&step.expression, value).map_err(|e| {
            format!("unable to process data transformation: error processing data step {i}: {e}")
        })?;
    }
    Ok(value)
}

/// `processExpression`: the expression sees only `data` (no Argo functions).
fn expression(source: &str, data: Value) -> Result<Value, String> {
    let program = crate::syntax::expr::compile(source).map_err(|e| e.to_string())?;
    let env = Env::new([("data".to_owned(), data)].into_iter().collect());
    program.eval(&env).map_err(|e| e.to_string())
}

/// `ListObjects`: every file under the artifact's key in the repository,
/// as keys (`dir/file.log`, `/`-separated), sorted as an object store
/// lists them. A key with nothing under it lists nothing.
fn list_objects(artifact: &model::ArtifactPaths, repository: &Path) -> Result<Vec<String>, String> {
    let Some(key) = crate::run::repository::key(artifact) else {
        return Err(format!(
            "artifact '{}': ListObjects is only supported for s3, gcs, oss, azure, hdfs and artifactory artifacts (they map into the local artifact repository)",
            artifact.name
        ));
    };
    let root = crate::run::repository::file(repository, &artifact.name, &key)?;
    let key = key.trim_start_matches('/').to_owned();
    let mut files = Vec::new();
    if root.is_file() {
        files.push(key);
    } else if root.is_dir() {
        walk(&root, &key, &mut files).map_err(|e| format!("cannot list {}: {e}", root.display()))?;
    }
    files.sort();
    Ok(files)
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let key = if prefix.is_empty() { name } else { format!("{}/{name}", prefix.trim_end_matches('/')) };
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), &key, out)?;
        } else {
            out.push(key);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(yaml: &str) -> model::Data {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn lists_filters_and_maps_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        for file in ["logs/a-main.log", "logs/b.txt", "logs/sub/c-main.log", "other/d-main.log"] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let d = data(
            r#"
source: {artifactPaths: {name: logs, s3: {bucket: b, key: logs}}}
transformation:
- expression: 'filter(data, {# endsWith "main.log"})'
- expression: 'map(data, {upper(#)})'
"#,
        );
        let finished = run(&d, dir.path());
        assert_eq!(finished.phase, Some(Phase::Succeeded), "{}", finished.message);
        assert_eq!(finished.result.as_deref(), Some(r#"["LOGS/A-MAIN.LOG","LOGS/SUB/C-MAIN.LOG"]"#));
        // No key: the whole repository.
        let all = data("source: {artifactPaths: {name: all, s3: {bucket: b}}}\ntransformation: []");
        assert_eq!(
            run(&all, dir.path()).result.as_deref(),
            Some(r#"["logs/a-main.log","logs/b.txt","logs/sub/c-main.log","other/d-main.log"]"#)
        );
    }

    #[test]
    fn a_bad_step_or_source_fails_with_argos_words() {
        let dir = tempfile::tempdir().unwrap();
        let bad = data(
            "source: {artifactPaths: {name: x, s3: {key: k}}}\ntransformation: [{expression: 'data +'}]",
        );
        let finished = run(&bad, dir.path());
        assert_eq!(finished.phase, Some(Phase::Failed));
        assert!(
            finished.message.starts_with(
                "unable to process data template: unable to process data transformation: error processing data step 0:"
            ),
            "{}",
            finished.message
        );
        let git = data("source: {artifactPaths: {name: repo, git: {repo: 'https://x'}}}\ntransformation: []");
        let finished = run(&git, dir.path());
        assert!(
            finished.message.contains("unable to source artifact paths: artifact 'repo'"),
            "{}",
            finished.message
        );
        let none = data("source: {}\ntransformation: []");
        assert!(run(&none, dir.path()).message.ends_with("no valid source is used for data template"));
    }
}
