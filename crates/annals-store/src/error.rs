//! The store's error type.

/// What can go wrong opening, writing, querying or exporting a store.
///
/// Every message names the database (passwords removed) and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file or server could not be opened or created.
    #[error("cannot open database {location}: {reason}")]
    Open {
        /// The database (path or redacted URL).
        location: String,
        /// Why.
        reason: String,
    },
    /// The database is read-only (opened for reading, or the file is not writable).
    #[error("database {location} is read-only: {reason}")]
    ReadOnly {
        /// The database.
        location: String,
        /// Why.
        reason: String,
    },
    /// Another process holds a write lock for longer than the busy timeout.
    #[error("database {location} is locked by another process (waited {waited_ms} ms); retry when it has finished")]
    Locked {
        /// The database.
        location: String,
        /// How long the store waited for the lock.
        waited_ms: u64,
    },
    /// The disk (or the configured size limit) is full. The current document was rolled back.
    #[error("database {location} is full (disk full or size limit reached); the current document was rolled back: free space and rerun")]
    DiskFull {
        /// The database.
        location: String,
    },
    /// The database was created by a newer annals.
    #[error("database {location} has schema version {found}, newer than this annals supports ({supported}); upgrade annals to use it")]
    NewerSchema {
        /// The database.
        location: String,
        /// Version found in the database.
        found: i64,
        /// Highest version this build knows.
        supported: i64,
    },
    /// The PostgreSQL server could not be reached, or the connection broke and
    /// reconnecting failed. The current document was rolled back.
    #[error("PostgreSQL at {location} is not reachable: {reason}; nothing of the current document was written, rerun when the server is back")]
    Connection {
        /// The redacted URL.
        location: String,
        /// Why.
        reason: String,
    },
    /// A query option has a bad value.
    #[error("invalid {option} `{value}`: {reason}")]
    InvalidFilter {
        /// The option (`--from`, `--country`, ...).
        option: &'static str,
        /// The value given.
        value: String,
        /// What is expected.
        reason: String,
    },
    /// An `annals show` id matched nothing.
    #[error("no event, mention or document with id `{0}`")]
    NotFound(String),
    /// The database URL or path is not usable.
    #[error("unsupported database `{0}`: give a file path (SQLite) or a postgres://user@host/db URL")]
    BadTarget(String),
    /// Any other database error.
    #[error("database {location}: {reason}")]
    Database {
        /// The database.
        location: String,
        /// The error as the database reported it.
        reason: String,
    },
    /// The stored data is not what this build expects (corrupt JSON column, ...).
    #[error("database {location} holds unexpected data: {reason}")]
    Corrupt {
        /// The database.
        location: String,
        /// What was wrong.
        reason: String,
    },
    /// Writing an export failed.
    #[error("export: {0}")]
    Export(String),
    /// An I/O error while exporting.
    #[error("export: {0}")]
    Io(#[from] std::io::Error),
}

/// Result with a [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
