//! Store connections on threads of their own.
//!
//! The synchronous PostgreSQL client runs a runtime of its own, which can be
//! neither started nor dropped inside axum's (`annals serve --db postgres://…`
//! panicked at start, issue 18). So each connection lives on a plain thread
//! that opens it, runs the requests handed to it and drops it; requests take
//! whichever connection is free, instead of queueing behind one.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use annals_store::{Store, StoreError, StoreOptions};

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// A fixed set of connections to one store.
pub(crate) struct StorePool {
    jobs: mpsc::Sender<Job>,
}

impl StorePool {
    /// Opens `size` connections (at least one) to `db`; the first that fails is the error.
    pub(crate) fn open(db: &str, options: &StoreOptions, size: usize) -> Result<StorePool, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..size.max(1) {
            let (ready, opened) = mpsc::channel();
            let (queue, target, options) = (Arc::clone(&queue), db.to_string(), options.clone());
            let spawned = std::thread::Builder::new().name(format!("annals-store-{n}")).spawn(move || {
                let mut store = match Store::open_with(&target, &options) {
                    Ok(store) => store,
                    Err(e) => return drop(ready.send(Err(e))),
                };
                let _ = ready.send(Ok(()));
                loop {
                    // the lock is held only while waiting for the next job
                    let job = queue.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok(job) = job else { break }; // the server is gone
                    // a panic fails its request (the caller sees the reply dropped), not the connection
                    let _ = catch_unwind(AssertUnwindSafe(|| job(&mut store)));
                }
            });
            // (the location without credentials, for these two unlikely failures)
            let location = || db.rsplit('@').next().unwrap_or(db).to_string();
            if let Err(e) = spawned {
                return Err(StoreError::Open { location: location(), reason: format!("cannot start a store thread: {e}") });
            }
            opened.recv().unwrap_or_else(|_| Err(StoreError::Open { location: location(), reason: "the store thread stopped".into() }))?;
        }
        Ok(StorePool { jobs })
    }

    /// Runs `f` on a free connection; `None` when it panicked (the cause is in the log).
    pub(crate) async fn run<T: Send + 'static>(&self, f: impl FnOnce(&mut Store) -> T + Send + 'static) -> Option<T> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |store| {
            let _ = reply.send(f(store));
        });
        self.jobs.send(job).ok()?;
        answer.await.ok()
    }
}
