//! Memoization, kept as Argo keeps it (`workflow/controller/cache`): one
//! cache per `memoize.cache.configMap.name`, an entry per `memoize.key`
//! holding the node id, its outputs and when it was made. A run starts from
//! the entries of a ConfigMap of that name among the files given (the
//! ConfigMap Argo would read), then those of `DIR/<cache>.json` when
//! [`crate::run::Run::memo_dir`] is set; what succeeds is saved back there.

use crate::model;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::PathBuf;

/// Argo's `cacheKeyRegex`.
fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A cache entry (`cache.Entry`).
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub outputs: Option<model::Outputs>,
    /// When it was made, in seconds since the Unix epoch.
    pub created: i64,
}

/// The run's caches.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Where caches persist between runs.
    pub dir: Option<PathBuf>,
    caches: HashMap<String, Map<String, Value>>,
}

impl Memo {
    /// Caches kept in `dir` (or only in memory).
    pub fn new(dir: Option<PathBuf>) -> Self {
        Memo { dir, caches: HashMap::new() }
    }

    fn file(&self, cache: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(format!("{cache}.json")))
    }

    fn cache(
        &mut self,
        cache: &str,
        seed: Option<&HashMap<String, String>>,
    ) -> Result<&mut Map<String, Value>, String> {
        if !self.caches.contains_key(cache) {
            let mut entries = Map::new();
            for (key, text) in seed.into_iter().flatten() {
                if let Ok(entry) = serde_json::from_str::<Value>(text) {
                    entries.insert(key.clone(), entry);
                }
            }
            if let Some(file) = self.file(cache).filter(|f| f.exists()) {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| format!("cannot read the memoization cache {}: {e}", file.display()))?;
                let Value::Object(stored) = serde_json::from_str(&text)
                    .map_err(|e| format!("the memoization cache {} is not JSON: {e}", file.display()))?
                else {
                    return Err(format!("the memoization cache {} is not a JSON object", file.display()));
                };
                entries.extend(stored);
            }
            self.caches.insert(cache.to_owned(), entries);
        }
        Ok(self.caches.get_mut(cache).expect("just made"))
    }

    /// `Load`: the entry for `key`, if any.
    pub fn load(
        &mut self,
        cache: &str,
        key: &str,
        seed: Option<&HashMap<String, String>>,
    ) -> Result<Option<Entry>, String> {
        let entries = self.cache(cache, seed)?;
        let Some(entry) = entries.get(key) else { return Ok(None) };
        if entry.get("nodeID").and_then(Value::as_str).is_none_or(str::is_empty) {
            return Ok(None);
        }
        let outputs = entry.get("outputs").cloned().and_then(|o| crate::json::from_value(o).ok());
        let created = entry
            .get("creationTimestamp")
            .and_then(Value::as_str)
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map_or(0, |t| t.timestamp());
        Ok(Some(Entry { outputs, created }))
    }

    /// `Save`: `node`'s outputs under `key`, made at `now` (RFC 3339).
    #[allow(clippy::too_many_arguments)]
    pub fn save(
        &mut self,
        cache: &str,
        key: &str,
        node: &str,
        outputs: Option<&model::Outputs>,
        now: &str,
        seed: Option<&HashMap<String, String>>,
    ) -> Result<(), String> {
        if !valid_key(key) {
            return Err(format!("invalid cache key: {key}"));
        }
        let entry = serde_json::json!({
            "nodeID": node,
            "outputs": outputs,
            "creationTimestamp": now,
            "lastHitTimestamp": now,
        });
        let entries = self.cache(cache, seed)?;
        entries.insert(key.to_owned(), entry);
        let text = serde_json::to_string_pretty(&Value::Object(entries.clone())).unwrap_or_default();
        if let Some(file) = self.file(cache) {
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    format!("could not save to the memoization cache {}: {e}", file.display())
                })?;
            }
            std::fs::write(&file, text)
                .map_err(|e| format!("could not save to the memoization cache {}: {e}", file.display()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_argo_s() {
        assert!(super::valid_key("a-1"));
        assert!(!super::valid_key("-a"));
        assert!(!super::valid_key("a.b"));
        assert!(!super::valid_key(""));
    }
}
