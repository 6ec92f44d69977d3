//! Mutexes and semaphores on one machine (`workflow/sync`): a lock has a
//! limit (1 for a mutex, the ConfigMap's value for a semaphore), holders and
//! a queue of waiters served in the order they asked. A node that cannot
//! take every lock it names takes none and waits, Pending, with Argo's
//! message; it takes them when a holder ends (`Release` when a node is
//! fulfilled).

use super::engine::Engine;
use crate::model;
use indexmap::IndexMap;

/// One lock's state.
#[derive(Debug, Default)]
pub(crate) struct Lock {
    limit: usize,
    holders: Vec<String>,
    queue: Vec<String>,
}

/// Every lock of the run, by Argo's lock name (`argo/Mutex/NAME`,
/// `argo/ConfigMap/NAME/KEY`).
#[derive(Debug, Default)]
pub(crate) struct Locks {
    locks: IndexMap<String, Lock>,
}

impl Locks {
    /// `Release`: `holder` gives back what it holds and stops waiting.
    pub fn release(&mut self, holder: &str) {
        for lock in self.locks.values_mut() {
            lock.holders.retain(|h| h != holder);
            lock.queue.retain(|h| h != holder);
        }
    }

    /// Whether there are any locks at all (the common case is none).
    pub fn is_empty(&self) -> bool {
        self.locks.is_empty()
    }
}

impl Engine<'_> {
    /// The locks a `synchronization` names (`getMutexLockName`,
    /// `getSemaphoreLockName`), each with its limit.
    fn lock_names(&self, sync: &model::Synchronization) -> Result<Vec<(String, usize)>, String> {
        let namespace =
            self.globals.get("workflow.namespace").cloned().flatten().unwrap_or_else(|| "argo".into());
        let mut out = Vec::new();
        for (i, mutex) in sync.mutexes.iter().flatten().enumerate() {
            let name = mutex.name.clone().unwrap_or_default();
            if mutex.database == Some(true) {
                return Err(format!(
                    "synchronization.mutexes[{i}] ({name}): a database mutex needs Argo's synchronization database, which hera run does not have"
                ));
            }
            if name.is_empty() {
                return Err(format!("synchronization.mutexes[{i}].name is required"));
            }
            let ns = mutex.namespace.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| namespace.clone());
            out.push((format!("{ns}/Mutex/{name}"), 1));
        }
        for (i, semaphore) in sync.semaphores.iter().flatten().enumerate() {
            if semaphore.database.is_some() {
                return Err(format!(
                    "synchronization.semaphores[{i}]: a database semaphore needs Argo's synchronization database, which hera run does not have"
                ));
            }
            let Some(cm) = &semaphore.config_map_key_ref else {
                return Err(format!("synchronization.semaphores[{i}].configMapKeyRef is required"));
            };
            let cm_name = cm.name.clone().unwrap_or_default();
            let ns =
                semaphore.namespace.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| namespace.clone());
            let limit = match self.library.config_maps.get(&cm_name).and_then(|d| d.get(&cm.key)) {
                Some(value) => value.trim().parse::<usize>().map_err(|_| {
                    format!(
                        "synchronization.semaphores[{i}]: ConfigMap {cm_name} key {}: '{value}' is not a semaphore limit (a whole number)",
                        cm.key
                    )
                })?,
                None => match self.semaphore_limits.get(&format!("{cm_name}/{}", cm.key)) {
                    Some(limit) => *limit,
                    None => {
                        return Err(format!(
                            "synchronization.semaphores[{i}]: configmaps \"{cm_name}\" with key {} not found: give the ConfigMap to hera run, or its limit with --semaphore {cm_name}/{}=N (Run::semaphore in a test)",
                            cm.key, cm.key
                        ));
                    }
                },
            };
            out.push((format!("{ns}/ConfigMap/{cm_name}/{}", cm.key), limit));
        }
        Ok(out)
    }

    /// `TryAcquire` for `holder` (a node id, or the workflow): `Ok(None)`
    /// once it holds every lock, `Ok(Some((lock, message)))` while it waits
    /// for `lock` ("Waiting for … lock. Lock status: free/limit", as
    /// `semaphore.go` writes it).
    pub(crate) fn try_acquire(
        &mut self,
        holder: &str,
        sync: &model::Synchronization,
    ) -> Result<Option<(String, String)>, String> {
        let wanted = self.lock_names(sync)?;
        let mut blocked = None;
        for (name, limit) in &wanted {
            let lock = self.locks.locks.entry(name.clone()).or_default();
            lock.limit = *limit;
            if lock.holders.iter().any(|h| h == holder) {
                continue;
            }
            if !lock.queue.iter().any(|h| h == holder) {
                lock.queue.push(holder.to_owned());
            }
            let position = lock.queue.iter().position(|h| h == holder).unwrap_or(0);
            if lock.holders.len() + position >= lock.limit && blocked.is_none() {
                let free = lock.limit.saturating_sub(lock.holders.len());
                blocked = Some((
                    name.clone(),
                    format!("Waiting for {name} lock. Lock status: {free}/{}", lock.limit),
                ));
            }
        }
        if blocked.is_some() {
            return Ok(blocked);
        }
        for (name, _) in &wanted {
            let lock = self.locks.locks.entry(name.clone()).or_default();
            lock.queue.retain(|h| h != holder);
            if !lock.holders.iter().any(|h| h == holder) {
                lock.holders.push(holder.to_owned());
            }
        }
        Ok(None)
    }
}
