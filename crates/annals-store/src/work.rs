//! Progress of queued work (`annals worker`): one row per work item (a shard
//! file or a single document), its last state, the worker that last held it
//! and how many tries it took. Written by the workers, read by `annals status`
//! and `annals stats`.

use serde::Serialize;

use crate::db::params;
use crate::error::Result;
use crate::store::{now, Store};

/// The state of a work item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkStatus {
    /// A worker is on it.
    Running,
    /// Every document of it is stored (or was stored before).
    Done,
    /// The last try failed; it will be tried again.
    Failed,
    /// Given up after the last try: in the dead-letter stream.
    Dead,
}

impl WorkStatus {
    fn as_str(self) -> &'static str {
        match self {
            WorkStatus::Running => "running",
            WorkStatus::Done => "done",
            WorkStatus::Failed => "failed",
            WorkStatus::Dead => "dead",
        }
    }
}

/// What a worker reports about one work item.
#[derive(Debug, Clone)]
pub struct WorkUpdate<'a> {
    /// The item's key (the shard path, or `source` of a single document).
    pub key: &'a str,
    /// `shard` or `document`.
    pub kind: &'a str,
    /// The reporting worker's id.
    pub worker: &'a str,
    /// The delivery attempt (1 for the first try).
    pub attempt: i64,
    /// The new state.
    pub status: WorkStatus,
    /// Documents of the item stored by this try (done items).
    pub documents: i64,
    /// Event mentions written by this try.
    pub events: i64,
    /// Why the try failed.
    pub error: Option<&'a str>,
}

/// Work items of one worker, by state (the worker that last reported each).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WorkerProgress {
    /// The worker id.
    pub worker: String,
    /// Items it is on now.
    pub running: i64,
    /// Items it finished.
    pub done: i64,
    /// Items whose last try (by it) failed and wait for another.
    pub failed: i64,
    /// Items it gave up on (dead letters).
    pub dead: i64,
    /// Documents stored from the items it finished.
    pub documents: i64,
    /// When it last reported.
    pub last_seen: String,
}

/// A work item that failed or was given up, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkFailure {
    /// The item's key.
    pub key: String,
    /// `failed` or `dead`.
    pub status: String,
    /// Tries so far.
    pub attempts: i64,
    /// The last reason.
    pub error: String,
}

impl Store {
    /// Records the state of a work item (replacing its previous state).
    pub fn record_work(&mut self, u: &WorkUpdate<'_>) -> Result<()> {
        self.retrying(|db| {
            db.write_tx(|db| {
                db.exec(
                    "INSERT INTO work (key, kind, status, worker, attempts, documents, events, error, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO UPDATE SET \
                     kind = excluded.kind, status = excluded.status, worker = excluded.worker, attempts = excluded.attempts, \
                     documents = excluded.documents, events = excluded.events, error = excluded.error, updated_at = excluded.updated_at",
                    &params![u.key, u.kind, u.status.as_str(), u.worker, u.attempt, u.documents, u.events, u.error, now()],
                )
            })
        })?;
        Ok(())
    }

    /// The attempts and last error recorded for a work item.
    pub fn work_item(&mut self, key: &str) -> Result<Option<(String, i64, Option<String>)>> {
        self.retrying(|db| {
            Ok(db
                .query_one("SELECT status, attempts, error FROM work WHERE key = $1", &params![key])?
                .map(|r| (r[0].str().to_string(), r[1].int().unwrap_or(0), r[2].text())))
        })
    }

    /// Progress per worker, by worker id.
    pub fn work_progress(&mut self) -> Result<Vec<WorkerProgress>> {
        self.retrying(|db| {
            let rows = db.query(
                "SELECT worker, \
                 CAST(SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS BIGINT), \
                 CAST(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS BIGINT), \
                 CAST(SUM(CASE WHEN status = 'done' THEN documents ELSE 0 END) AS BIGINT), MAX(updated_at) \
                 FROM work GROUP BY worker ORDER BY worker",
                &[],
            )?;
            Ok(rows
                .into_iter()
                .map(|r| WorkerProgress {
                    worker: r[0].str().to_string(),
                    running: sum(&r[1]),
                    done: sum(&r[2]),
                    failed: sum(&r[3]),
                    dead: sum(&r[4]),
                    documents: sum(&r[5]),
                    last_seen: r[6].str().to_string(),
                })
                .collect())
        })
    }

    /// Items that failed or were given up, most recent first.
    pub fn work_failures(&mut self, limit: usize) -> Result<Vec<WorkFailure>> {
        self.retrying(|db| {
            Ok(db
                .query(
                    "SELECT key, status, attempts, error FROM work WHERE status IN ('failed', 'dead') ORDER BY updated_at DESC, key LIMIT $1",
                    &params![limit],
                )?
                .into_iter()
                .map(|r| WorkFailure {
                    key: r[0].str().to_string(),
                    status: r[1].str().to_string(),
                    attempts: r[2].int().unwrap_or(0),
                    error: r[3].text().unwrap_or_default(),
                })
                .collect())
        })
    }
}

/// A SUM (cast to BIGINT: PostgreSQL sums BIGINT as NUMERIC).
fn sum(v: &crate::db::Value) -> i64 {
    v.int().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_items_are_upserted_and_summed_per_worker() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.db").to_str().unwrap()).unwrap();
        let update = |key, worker, attempt, status, error| WorkUpdate { key, kind: "shard", worker, attempt, status, documents: 4, events: 9, error };
        store.record_work(&update("a.warc", "w1", 1, WorkStatus::Running, None)).unwrap();
        store.record_work(&update("b.warc", "w1", 1, WorkStatus::Done, None)).unwrap();
        store.record_work(&update("c.warc", "w2", 3, WorkStatus::Dead, Some("not a WARC"))).unwrap();
        // the first try of a.warc was lost; w2 finishes it
        store.record_work(&update("a.warc", "w2", 2, WorkStatus::Done, None)).unwrap();
        let progress = store.work_progress().unwrap();
        assert_eq!(progress.len(), 2);
        assert_eq!((progress[0].worker.as_str(), progress[0].done, progress[0].running, progress[0].documents), ("w1", 1, 0, 4));
        assert_eq!((progress[1].done, progress[1].dead, progress[1].documents), (1, 1, 4));
        assert_eq!(store.work_item("a.warc").unwrap(), Some(("done".into(), 2, None)));
        let failures = store.work_failures(10).unwrap();
        assert_eq!(failures.len(), 1);
        assert_eq!((failures[0].key.as_str(), failures[0].attempts, failures[0].error.as_str()), ("c.warc", 3, "not a WARC"));
        let stats = store.stats().unwrap();
        assert_eq!((stats.work_done, stats.dead_letters, stats.schema_version), (2, 1, crate::SCHEMA_VERSION));
    }
}
