//! The run's local artifact repository (`DIR/artifacts/`): every object
//! store's key maps into it, whatever its bucket, endpoint or account, so a
//! workflow that writes `s3: {key: out/report.txt}` and a later one (or a
//! later step) that reads that key meet in the same file.
//!
//! Argo archives an output artifact as a `.tgz` by default
//! (`stageArchiveFile`) and unpacks it again when it loads it; locally the
//! plain file or directory is kept at the key, which both sides read the
//! same way. A gzipped tarball found at a key (one copied from a real
//! bucket) or fetched over http is unpacked as Argo unpacks it. Output artifacts that name no key stay in their node's
//! directory (Argo would put them under the default repository's
//! `{{workflow.name}}/{{pod.name}}/NAME.tgz`); steps read them with `from`.

use crate::model;
use std::path::{Component, Path, PathBuf};

/// The stores of an artifact that have a key (`Artifact` and a `data`
/// source's `ArtifactPaths` both have them).
pub(crate) struct Stores<'a> {
    s3: Option<&'a model::S3Artifact>,
    gcs: Option<&'a model::GcsArtifact>,
    oss: Option<&'a model::OssArtifact>,
    azure: Option<&'a model::AzureArtifact>,
    hdfs: Option<&'a model::HdfsArtifact>,
    artifactory: Option<&'a model::ArtifactoryArtifact>,
}

/// Something located in an object store.
pub(crate) trait Located {
    /// Its stores.
    fn stores(&self) -> Stores<'_>;
}

impl Located for model::Artifact {
    fn stores(&self) -> Stores<'_> {
        Stores {
            s3: self.s3.as_ref(),
            gcs: self.gcs.as_ref(),
            oss: self.oss.as_ref(),
            azure: self.azure.as_ref(),
            hdfs: self.hdfs.as_ref(),
            artifactory: self.artifactory.as_ref(),
        }
    }
}

impl Located for model::ArtifactPaths {
    fn stores(&self) -> Stores<'_> {
        Stores {
            s3: self.s3.as_ref(),
            gcs: self.gcs.as_ref(),
            oss: self.oss.as_ref(),
            azure: self.azure.as_ref(),
            hdfs: self.hdfs.as_ref(),
            artifactory: self.artifactory.as_ref(),
        }
    }
}

/// The repository key of an artifact (Argo's `ArtifactLocation.GetKey`):
/// `s3.key`, `gcs.key`, `oss.key`, `azure.blob`, `hdfs.path`, or the path
/// of `artifactory.url`. `None` when it names none of these stores; an s3
/// artifact without a key is the whole bucket (`""`).
pub(crate) fn key(artifact: &impl Located) -> Option<String> {
    let stores = artifact.stores();
    if let Some(s3) = stores.s3 {
        return Some(s3.key.clone().unwrap_or_default());
    }
    if let Some(gcs) = stores.gcs {
        return Some(gcs.key.clone());
    }
    if let Some(oss) = stores.oss {
        return Some(oss.key.clone());
    }
    if let Some(azure) = stores.azure {
        return Some(azure.blob.clone());
    }
    if let Some(hdfs) = stores.hdfs {
        return Some(hdfs.path.clone());
    }
    stores.artifactory.map(|a| url_path(&a.url))
}

/// The key an artifact is stored at (Argo's `HasKey`, then `GetKey`): as
/// [`key`], but an empty key is no key.
pub(crate) fn stored_key(artifact: &impl Located) -> Option<String> {
    key(artifact).filter(|k| !k.is_empty())
}

/// The path of a URL (`https://host/a/b?x` → `/a/b`), as Go's `url.Parse(..).Path`.
fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    rest.find('/').map_or_else(String::new, |slash| rest[slash..].to_owned())
}

/// Where `key` lives in the repository `repository`: the key's `/`-separated
/// parts under it (a leading `/` ignored). A key that climbs out (`..`) is
/// an error naming the artifact.
pub(crate) fn file(repository: &Path, artifact: &str, key: &str) -> Result<PathBuf, String> {
    let relative = Path::new(key.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(format!(
            "artifact '{artifact}': key '{key}' leaves the local artifact repository (no '..' parts)"
        ));
    }
    Ok(repository.join(relative))
}

/// What an input artifact's loaded file `file` gives its path, as Argo's
/// `LoadArtifacts` does: a gzipped tarball is unpacked (unless the
/// artifact's `archive` is `none`) — a single entry becomes the path, several
/// a directory of them (`untar`) — anything else is given as it is. The
/// unpacked files go under `scratch`.
pub(crate) fn unpacked(artifact: &model::Artifact, file: &Path, scratch: &Path) -> Result<PathBuf, String> {
    if artifact.archive.as_ref().is_some_and(|a| a.none.is_some()) || !is_tarball(file) {
        return Ok(file.to_path_buf());
    }
    let into = scratch.join(format!("{}.tmpdir", artifact.name));
    let _ = std::fs::remove_dir_all(&into);
    std::fs::create_dir_all(&into).map_err(|e| format!("cannot create {}: {e}", into.display()))?;
    let output = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(file)
        .arg("-C")
        .arg(&into)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("input artifact '{}': cannot run tar to unpack it: {e}", artifact.name))?;
    if !output.status.success() {
        return Err(format!(
            "input artifact '{}': cannot unpack {}: {}",
            artifact.name,
            file.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(&into)
        .map_err(|e| format!("cannot read {}: {e}", into.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    Ok(match entries.as_slice() {
        [single] => single.clone(),
        _ => into,
    })
}

/// Whether `file` is a gzipped tarball (`isTarball`): gzip's magic, and
/// `tar` lists it.
fn is_tarball(file: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 2];
    let gzip =
        std::fs::File::open(file).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && magic == [0x1f, 0x8b];
    gzip && std::process::Command::new("tar")
        .arg("-tzf")
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Fetches an `http` input artifact into `to` (Argo's HTTP driver `Load`:
/// a GET with the artifact's headers; a status outside 2xx is an error).
#[cfg(feature = "server")]
pub(crate) fn fetch_http(artifact: &str, http: &model::HttpArtifact, to: &Path) -> Result<(), String> {
    if http.auth.is_some() {
        return Err(format!(
            "input artifact '{artifact}': its http source needs credentials (auth), which hera run cannot read: give the artifact as a local file (raw, or a key in the local repository) or mock the template"
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
    let mut request = agent.get(&http.url);
    for header in http.headers.iter().flatten() {
        request = request.header(header.name.as_str(), header.value.as_str());
    }
    let mut response =
        request.call().map_err(|e| format!("input artifact '{artifact}': GET {}: {e}", http.url))?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(format!("input artifact '{artifact}': GET {} returned status {status}", http.url));
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut out = std::fs::File::create(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    std::io::copy(&mut response.body_mut().as_reader(), &mut out)
        .map_err(|e| format!("input artifact '{artifact}': reading {}: {e}", http.url))?;
    Ok(())
}

/// Without the `server` feature there is no HTTP client.
#[cfg(not(feature = "server"))]
pub(crate) fn fetch_http(artifact: &str, http: &model::HttpArtifact, _to: &Path) -> Result<(), String> {
    Err(format!(
        "input artifact '{artifact}' comes from {} over http, and this build has no HTTP client (the `server` feature): build with it, give the artifact as a local file, or mock the template",
        http.url
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(yaml: &str) -> model::Artifact {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn every_store_gives_its_key() {
        let cases = [
            ("{name: a, s3: {bucket: b, key: x/y.tgz}}", Some("x/y.tgz")),
            ("{name: a, s3: {bucket: b}}", Some("")),
            ("{name: a, gcs: {bucket: b, key: g/k}}", Some("g/k")),
            ("{name: a, oss: {key: o/k}}", Some("o/k")),
            ("{name: a, azure: {endpoint: e, container: c, blob: az/blob}}", Some("az/blob")),
            ("{name: a, hdfs: {path: /h/p}}", Some("/h/p")),
            (
                "{name: a, artifactory: {url: 'https://art.example.com/artifactory/generic/f.tgz?x=1'}}",
                Some("/artifactory/generic/f.tgz"),
            ),
            ("{name: a, git: {repo: 'https://x'}}", None),
            ("{name: a, http: {url: 'https://x/y'}}", None),
            ("{name: a, raw: {data: hi}}", None),
        ];
        for (yaml, expected) in cases {
            assert_eq!(key(&artifact(yaml)).as_deref(), expected, "{yaml}");
        }
        let paths: model::ArtifactPaths = serde_saphyr::from_str("{name: p, gcs: {key: logs}}").unwrap();
        assert_eq!(key(&paths).as_deref(), Some("logs"));
    }

    #[test]
    fn keys_stay_inside_the_repository() {
        let repo = Path::new("/repo");
        assert_eq!(file(repo, "a", "/x/y").unwrap(), PathBuf::from("/repo/x/y"));
        assert_eq!(file(repo, "a", "").unwrap(), PathBuf::from("/repo"));
        let error = file(repo, "out", "../etc/passwd").unwrap_err();
        assert!(error.contains("artifact 'out': key '../etc/passwd' leaves"), "{error}");
    }
}
