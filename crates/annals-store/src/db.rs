//! One connection to SQLite or PostgreSQL behind one small API.
//!
//! Statements are written once, in PostgreSQL's `$1` placeholder style, and
//! rewritten to SQLite's `?1` when needed, so both back ends run the same SQL
//! text except where a dialect really differs (full-text search, DDL types).
//! Every value from outside is bound as a parameter ([`Value`]); nothing is
//! spliced into SQL text.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use rusqlite::ErrorCode;

use crate::error::{Result, StoreError};

/// A value bound to, or read from, a statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Value {
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Real(r) => Some(*r as i64),
            _ => None,
        }
    }
    pub fn real(&self) -> Option<f64> {
        match self {
            Value::Real(r) => Some(*r),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
    pub fn str(&self) -> &str {
        match self {
            Value::Text(s) => s,
            _ => "",
        }
    }
    pub fn bytes(&self) -> &[u8] {
        match self {
            Value::Bytes(b) => b,
            _ => &[],
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::Text(s.clone())
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<usize> for Value {
    fn from(i: usize) -> Self {
        Value::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Real(f)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Int(i64::from(b))
    }
}
impl From<Vec<u8>> for Value {
    fn from(b: Vec<u8>) -> Self {
        Value::Bytes(b)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}
impl From<&Option<String>> for Value {
    fn from(o: &Option<String>) -> Self {
        o.as_ref().map_or(Value::Null, |s| Value::Text(s.clone()))
    }
}

/// Builds a `[Value; N]` from heterogeneous expressions.
macro_rules! params {
    ($($v:expr),* $(,)?) => { [$($crate::db::Value::from($v)),*] };
}
pub(crate) use params;

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(r) => ToSqlOutput::Borrowed(ValueRef::Real(*r)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Value::Real(r) => r.to_sql(ty, out),
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Bytes(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_ty: &Type) -> bool {
        // The inner to_sql checks the concrete type.
        true
    }

    to_sql_checked!();
}

/// One result row.
pub(crate) type Row = Vec<Value>;

/// Which back end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

pub(crate) struct PgTarget {
    pub config: postgres::Config,
    pub schema: Option<String>,
    /// Read-only sessions create no schema and refuse writes server-side too.
    pub read_only: bool,
}

enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<PgConn>),
}

struct PgConn {
    client: postgres::Client,
    target: PgTarget,
    statements: HashMap<String, postgres::Statement>,
}

/// A connection plus what is needed to describe its errors.
pub(crate) struct Db {
    conn: Conn,
    /// Path or redacted URL, for messages.
    pub location: String,
    pub read_only: bool,
    busy_timeout: Duration,
    in_tx: bool,
}

/// Placeholder rewriting: `$12` → `?12`. The SQL texts are constants of this
/// crate, never user input, and hold no `$` inside string literals.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

impl Db {
    pub fn open_sqlite(path: PathBuf, read_only: bool, busy_timeout: Duration) -> Result<Db> {
        use rusqlite::OpenFlags;
        let location = path.display().to_string();
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        if read_only && !path.exists() {
            return Err(StoreError::Open { location, reason: "no such file; run `annals ingest` first".into() });
        }
        let conn = rusqlite::Connection::open_with_flags(&path, flags).map_err(|e| StoreError::Open {
            location: location.clone(),
            reason: describe_open_error(&e, &path),
        })?;
        // Enough for every statement of a document write to stay prepared.
        conn.set_prepared_statement_cache_capacity(128);
        conn.busy_timeout(busy_timeout).map_err(|e| StoreError::Open { location: location.clone(), reason: e.to_string() })?;
        let file_read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        let mut db = Db { conn: Conn::Sqlite(conn), location, read_only: read_only || file_read_only, busy_timeout, in_tx: false };
        if !db.read_only {
            // WAL: readers never block the writer; a killed writer leaves the
            // last committed state. NORMAL sync is crash-safe in WAL mode.
            db.batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
        }
        db.batch("PRAGMA foreign_keys = ON;")?;
        Ok(db)
    }

    pub fn open_postgres(mut target: PgTarget, location: String, read_only: bool) -> Result<Db> {
        target.read_only = read_only;
        let client = connect_pg(&target, &location)?;
        Ok(Db {
            conn: Conn::Postgres(Box::new(PgConn { client, target, statements: HashMap::new() })),
            location,
            read_only,
            busy_timeout: Duration::from_secs(0),
            in_tx: false,
        })
    }

    pub fn backend(&self) -> Backend {
        match self.conn {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs several statements without parameters (DDL, pragmas).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        match &mut self.conn {
            Conn::Sqlite(c) => c.execute_batch(sql).map_err(|e| sqlite_error(e, &self.location, self.busy_timeout)),
            Conn::Postgres(pg) => pg.client.batch_execute(sql).map_err(|e| pg_error(e, &self.location)),
        }
    }

    /// Runs one statement; returns the number of rows changed.
    pub fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        match &mut self.conn {
            Conn::Sqlite(c) => {
                let run = || -> rusqlite::Result<usize> {
                    let mut stmt = c.prepare_cached(&sqlite_sql(sql))?;
                    stmt.execute(rusqlite::params_from_iter(params.iter()))
                };
                run().map(|n| n as u64).map_err(|e| sqlite_error(e, &self.location, self.busy_timeout))
            }
            Conn::Postgres(pg) => {
                let stmt = pg_prepare(&mut pg.client, &mut pg.statements, sql).map_err(|e| pg_error(e, &self.location))?;
                let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
                pg.client.execute(&stmt, &refs).map_err(|e| pg_error(e, &self.location))
            }
        }
    }

    /// Runs one query and collects its rows.
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        match &mut self.conn {
            Conn::Sqlite(c) => {
                let run = || -> rusqlite::Result<Vec<Row>> {
                    let mut stmt = c.prepare_cached(&sqlite_sql(sql))?;
                    let n = stmt.column_count();
                    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
                    let mut out = Vec::new();
                    while let Some(row) = rows.next()? {
                        let mut values = Vec::with_capacity(n);
                        for i in 0..n {
                            use rusqlite::types::ValueRef;
                            values.push(match row.get_ref(i)? {
                                ValueRef::Null => Value::Null,
                                ValueRef::Integer(i) => Value::Int(i),
                                ValueRef::Real(r) => Value::Real(r),
                                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                                ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
                            });
                        }
                        out.push(values);
                    }
                    Ok(out)
                };
                run().map_err(|e| sqlite_error(e, &self.location, self.busy_timeout))
            }
            Conn::Postgres(pg) => {
                let stmt = pg_prepare(&mut pg.client, &mut pg.statements, sql).map_err(|e| pg_error(e, &self.location))?;
                let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
                let rows = pg.client.query(&stmt, &refs).map_err(|e| pg_error(e, &self.location))?;
                rows.iter().map(|r| pg_row(r).map_err(|e| pg_error(e, &self.location))).collect()
            }
        }
    }

    /// The first row of a query, if any.
    pub fn query_one(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// A single integer (`SELECT COUNT(*) ...`).
    pub fn count(&mut self, sql: &str, params: &[Value]) -> Result<i64> {
        Ok(self.query_one(sql, params)?.and_then(|r| r.first().and_then(Value::int)).unwrap_or(0))
    }

    /// Runs `body` in one write transaction: all of it is committed, or none.
    pub fn write_tx<T>(&mut self, body: impl FnOnce(&mut Db) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                location: self.location.clone(),
                reason: "opened for reading only, or the file is not writable".into(),
            });
        }
        debug_assert!(!self.in_tx, "nested write transaction");
        match self.backend() {
            // IMMEDIATE takes the write lock up front, so two writers wait
            // (busy timeout) instead of deadlocking on a lock upgrade.
            Backend::Sqlite => self.batch("BEGIN IMMEDIATE")?,
            // One writer at a time: event clustering reads then writes clusters.
            Backend::Postgres => self.batch("BEGIN; SELECT pg_advisory_xact_lock(7283640501)")?,
        }
        self.in_tx = true;
        let result = body(self);
        self.in_tx = false;
        match result {
            Ok(v) => match self.batch("COMMIT") {
                Ok(()) => Ok(v),
                Err(e) => {
                    let _ = self.batch("ROLLBACK");
                    Err(e)
                }
            },
            Err(e) => {
                // A broken connection has rolled back already; ignore that error.
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Reconnects a PostgreSQL connection that the server closed. Retries for
    /// up to `wait`, since a restarting server refuses connections for a while.
    pub fn reconnect_if_closed(&mut self, wait: Duration) -> Result<bool> {
        self.reconnect(wait, false)
    }

    /// Reconnects a PostgreSQL connection; unless `force`, only when it is closed.
    pub fn reconnect(&mut self, wait: Duration, force: bool) -> Result<bool> {
        let location = self.location.clone();
        let Conn::Postgres(pg) = &mut self.conn else { return Ok(false) };
        let PgConn { client, target, statements } = &mut **pg;
        if !force && !client.is_closed() {
            return Ok(false);
        }
        let started = Instant::now();
        let mut delay = Duration::from_millis(100);
        loop {
            match connect_pg(target, &location) {
                Ok(c) => {
                    *client = c;
                    statements.clear();
                    tracing::warn!(db = %location, "reconnected to PostgreSQL");
                    return Ok(true);
                }
                Err(e) if started.elapsed() >= wait => return Err(e),
                Err(_) => {
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_secs(2));
                }
            }
        }
    }

    /// Sets SQLite's page limit (size cap); no-op on PostgreSQL.
    pub fn set_max_pages(&mut self, pages: u64) -> Result<()> {
        if let Conn::Sqlite(c) = &mut self.conn {
            c.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
                .map_err(|e| sqlite_error(e, &self.location, self.busy_timeout))?;
        }
        Ok(())
    }
}

fn describe_open_error(e: &rusqlite::Error, path: &std::path::Path) -> String {
    let parent_ok = path.parent().map(|p| p.as_os_str().is_empty() || p.is_dir()).unwrap_or(true);
    match e.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) if !parent_ok => {
            format!("folder {} does not exist (or is not a folder)", path.parent().map(|p| p.display().to_string()).unwrap_or_default())
        }
        Some(ErrorCode::CannotOpen) => "cannot create or open the file (permission denied, or not a file)".into(),
        Some(ErrorCode::NotADatabase) => "the file is not an annals (SQLite) database".into(),
        _ => e.to_string(),
    }
}

pub(crate) fn sqlite_error(e: rusqlite::Error, location: &str, busy: Duration) -> StoreError {
    let location = location.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            StoreError::Locked { location, waited_ms: busy.as_millis() as u64 }
        }
        Some(ErrorCode::DiskFull) => StoreError::DiskFull { location },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { location, reason: "the file or its folder is not writable".into() },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
            StoreError::Open { location, reason: e.to_string() }
        }
        Some(ErrorCode::NotADatabase) => StoreError::Open { location, reason: "the file is not an annals (SQLite) database".into() },
        Some(ErrorCode::SystemIoFailure) => {
            StoreError::Database { location, reason: format!("I/O error: {e} (disk full or failing?)") }
        }
        _ => StoreError::Database { location, reason: e.to_string() },
    }
}

pub(crate) fn pg_error(e: postgres::Error, location: &str) -> StoreError {
    use postgres::error::SqlState;
    let location = location.to_string();
    if e.is_closed() {
        return StoreError::Connection { location, reason: "the server closed the connection".into() };
    }
    if let Some(code) = e.code() {
        if *code == SqlState::DISK_FULL || *code == SqlState::OUT_OF_MEMORY || *code == SqlState::PROGRAM_LIMIT_EXCEEDED {
            return StoreError::DiskFull { location };
        }
        if *code == SqlState::ADMIN_SHUTDOWN || *code == SqlState::CRASH_SHUTDOWN || *code == SqlState::CANNOT_CONNECT_NOW {
            return StoreError::Connection { location, reason: e.to_string() };
        }
        if *code == SqlState::READ_ONLY_SQL_TRANSACTION || *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return StoreError::ReadOnly { location, reason: e.to_string() };
        }
        if *code == SqlState::LOCK_NOT_AVAILABLE {
            return StoreError::Locked { location, waited_ms: 0 };
        }
    }
    // An I/O error underneath (socket reset) without is_closed set yet.
    if e.as_db_error().is_none() && std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) {
        return StoreError::Connection { location, reason: e.to_string() };
    }
    StoreError::Database { location, reason: pg_message(&e) }
}

fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    }
}

/// Advisory lock key held while a schema is created (the writer lock is another key).
const SCHEMA_LOCK: i64 = 7283640502;

fn connect_pg(target: &PgTarget, location: &str) -> Result<postgres::Client> {
    let mut client = target.config.connect(postgres::NoTls).map_err(|e| StoreError::Connection {
        location: location.to_string(),
        reason: std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_else(|| pg_message(&e)),
    })?;
    if let Some(schema) = &target.schema {
        // `schema` was checked to be [a-z0-9_]+ when the URL was parsed.
        if !target.read_only {
            // Two processes running CREATE SCHEMA IF NOT EXISTS at once can both
            // miss the schema and one then fails on the catalog's unique key:
            // creating it under a transaction-scoped advisory lock serializes them.
            client
                .batch_execute(&format!("BEGIN; SELECT pg_advisory_xact_lock({SCHEMA_LOCK}); CREATE SCHEMA IF NOT EXISTS {schema}; COMMIT"))
                .map_err(|e| pg_error(e, location))?;
        }
        client.batch_execute(&format!("SET search_path TO {schema}")).map_err(|e| pg_error(e, location))?;
    }
    if target.read_only {
        client.batch_execute("SET default_transaction_read_only = on").map_err(|e| pg_error(e, location))?;
    }
    Ok(client)
}

fn pg_prepare(
    client: &mut postgres::Client,
    cache: &mut HashMap<String, postgres::Statement>,
    sql: &str,
) -> std::result::Result<postgres::Statement, postgres::Error> {
    if let Some(s) = cache.get(sql) {
        return Ok(s.clone());
    }
    let s = client.prepare(sql)?;
    if cache.len() > 256 {
        cache.clear();
    }
    cache.insert(sql.to_string(), s.clone());
    Ok(s)
}

fn pg_row(row: &postgres::Row) -> std::result::Result<Row, postgres::Error> {
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let v = match *col.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map_or(Value::Null, Value::Int),
            Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map_or(Value::Null, |v| Value::Int(v.into())),
            Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map_or(Value::Null, |v| Value::Int(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map_or(Value::Null, Value::Real),
            Type::FLOAT4 => row.try_get::<_, Option<f32>>(i)?.map_or(Value::Null, |v| Value::Real(v.into())),
            Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map_or(Value::Null, |v| Value::Int(v.into())),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map_or(Value::Null, Value::Bytes),
            _ => row.try_get::<_, Option<String>>(i)?.map_or(Value::Null, Value::Text),
        };
        out.push(v);
    }
    Ok(out)
}

/// Removes the password from a PostgreSQL URL, for messages.
pub(crate) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (authority, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            let masked = if userinfo.contains(':') { format!("{user}:***") } else { user.to_string() };
            format!("{scheme}://{masked}@{host}{tail}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact_url("postgres://bob:secret@db:5432/x"), "postgres://bob:***@db:5432/x");
        assert_eq!(redact_url("postgres://bob@db/x"), "postgres://bob@db/x");
        assert_eq!(redact_url("postgres://db/x?a=b"), "postgres://db/x?a=b");
    }

    #[test]
    fn placeholders_rewritten() {
        assert_eq!(sqlite_sql("SELECT a FROM t WHERE b = $1 AND c = $12"), "SELECT a FROM t WHERE b = ?1 AND c = ?12");
    }
}
