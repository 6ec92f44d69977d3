//! The threads pods run on. A pod blocks its thread while its process runs,
//! so every running pod has one; a thread whose pod ended waits for the next
//! pod instead of exiting. Starting a thread per pod cost about 0.35 ms a
//! node on the host executor's benchmark (the thread, its stack, and a fresh
//! allocator heap on each), half what the pod's own fork and exec cost.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

type Task = Box<dyn FnOnce() + Send>;

/// A pool that grows to as many threads as there are pods at once and keeps
/// them until it is dropped.
#[derive(Default)]
pub(crate) struct Workers {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Task>,
    /// Threads waiting for a task. Each queued task is one of theirs while
    /// `idle >= queue.len()`; past that, a new thread takes it.
    idle: usize,
    closed: bool,
}

impl Workers {
    /// Runs `task` on a waiting thread, or on a new one when none waits.
    pub fn run(&self, task: impl FnOnce() + Send + 'static) {
        let mut state = self.shared.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.queue.push_back(Box::new(task));
        if state.idle >= state.queue.len() {
            self.shared.wake.notify_one();
            return;
        }
        drop(state);
        let shared = Arc::clone(&self.shared);
        std::thread::spawn(move || shared.work());
    }
}

impl Shared {
    fn work(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(task) = state.queue.pop_front() {
                drop(state);
                task();
                state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            if state.closed {
                return;
            }
            state.idle += 1;
            state = self.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
            state.idle -= 1;
        }
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        self.shared.state.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        self.shared.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn tasks_that_wait_for_each_other_all_run_at_once() {
        // Each task waits until all have started: with fewer threads than
        // tasks this would never end.
        let workers = Workers::default();
        let barrier = Arc::new(std::sync::Barrier::new(8));
        let (done, finished) = mpsc::channel();
        for i in 0..8 {
            let (barrier, done) = (Arc::clone(&barrier), done.clone());
            workers.run(move || {
                barrier.wait();
                done.send(i).unwrap();
            });
        }
        let mut seen: Vec<i32> = (0..8).map(|_| finished.recv().unwrap()).collect();
        seen.sort();
        assert_eq!(seen, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn a_thread_whose_task_ended_takes_the_next() {
        let workers = Workers::default();
        let (done, finished) = mpsc::channel();
        let mut threads = std::collections::HashSet::new();
        for _ in 0..20 {
            let done = done.clone();
            workers.run(move || done.send(std::thread::current().id()).unwrap());
            threads.insert(finished.recv().unwrap());
            // Given one at a time: the thread is back to waiting before the next.
            while workers.shared.state.lock().unwrap().idle == 0 {
                std::thread::yield_now();
            }
        }
        assert_eq!(threads.len(), 1, "one thread ran all 20 tasks");
    }
}
