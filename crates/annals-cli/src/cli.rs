//! Command-line definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// News pages in, a precise, sourced record out: clean articles, entities,
/// times, places, quotes and events, each pointing back to its sentence.
#[derive(Parser, Debug)]
#[command(name = "annals", version, about, long_about = None, after_help = "Exit status: 0 all documents went through, 1 some documents failed (each reported on stderr), 2 usage or configuration error.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract clean articles (text and metadata) from HTML, WARC, RSS/Atom, JSONL or scraped text
    Extract(ExtractArgs),
    /// Run the whole pipeline on documents and print the result; nothing is stored
    Analyze(AnalyzeArgs),
    /// Score a stage against its public gold set
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Run the pipeline on documents and store them (SQLite file or PostgreSQL)
    Ingest(IngestArgs),
    /// List stored events (one per real-world event, with report counts)
    Events(EventsArgs),
    /// Show a stored event (with every report and its evidence) or document
    Show(ShowArgs),
    /// Count what the store holds
    Stats(StatsArgs),
    /// Write the store as JSON Lines, CSV, GDELT 2.0, PLOVER JSON or Parquet
    Export(ExportArgs),
    /// Serve the store: a JSON API (OpenAPI at /openapi.json) and a web page with timeline, map and evidence
    Serve(ServeArgs),
    /// Train the events verifier on the judged news corpus (train part; calibrated and thresholded on dev)
    #[command(hide = true)]
    TrainVerifier(TrainVerifierArgs),
    /// Queue files (shards) or single documents for workers, in NATS JetStream
    #[cfg(feature = "scale")]
    Enqueue(EnqueueArgs),
    /// Take queued work, run the pipeline and store the results; run any number, on any number of machines
    #[cfg(feature = "scale")]
    Worker(WorkerArgs),
    /// Show a queue: waiting, in flight, done, failed, dead letters, and each worker's progress
    #[cfg(feature = "scale")]
    Status(StatusArgs),
}

/// `annals train-verifier`.
#[derive(Args, Debug)]
pub struct TrainVerifierArgs {
    /// Where to write the model
    #[arg(long, default_value = "models/verifier.tsv.gz", value_name = "FILE")]
    pub out: PathBuf,
    /// Passes over the training readings (more overfit on dev: 2 was best of 2–40)
    #[arg(long, default_value_t = 2)]
    pub epochs: usize,
    /// L2 regularization
    #[arg(long, default_value_t = 1e-3)]
    pub l2: f64,
    /// Dev precision the default threshold must reach (the threshold is the lowest that does; else the one of best F0.5, which weighs precision twice)
    #[arg(long, default_value_t = 0.8)]
    pub precision: f64,
    /// Also write every train and dev reading, labelled, as JSON Lines (for error analysis)
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
}

/// Where the queue is.
#[cfg(feature = "scale")]
#[derive(Args, Debug, Clone)]
pub struct NatsArgs {
    /// NATS server URL, or a cluster's URLs comma-separated; credentials as nats://user:password@host:4222
    #[arg(long, env = "ANNALS_NATS", hide_env_values = true, default_value = "nats://127.0.0.1:4222", value_name = "URL")]
    pub nats: String,
    /// Queue name: its work stream is NAME, its dead letters NAME_DEAD
    #[arg(long, env = "ANNALS_QUEUE", default_value = "ANNALS", value_name = "NAME")]
    pub queue: String,
}

#[cfg(feature = "scale")]
#[derive(Args, Debug)]
pub struct EnqueueArgs {
    /// Files or directories (walked recursively): each file is one work item
    #[arg(value_name = "PATH", required_unless_present = "list")]
    pub paths: Vec<PathBuf>,
    /// A file listing paths or file:// URLs, one per line (`-`: standard input)
    #[arg(long, value_name = "FILE")]
    pub list: Option<PathBuf>,
    #[command(flatten)]
    pub nats: NatsArgs,
    /// Send each file's bytes in its message (single pages, feed items) instead of its path, so
    /// workers need no shared filesystem; without it workers open the path themselves
    #[arg(long)]
    pub inline: bool,
    /// Largest file sent with --inline, in bytes (NATS refuses messages over its max_payload, 1 MiB by default)
    #[arg(long, value_name = "BYTES", default_value_t = 1000 * 1024)]
    pub max_inline_bytes: usize,
    /// Print a JSON summary on standard output
    #[arg(long)]
    pub json: bool,
}

#[cfg(feature = "scale")]
#[derive(Args, Debug)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub nats: NatsArgs,
    /// The store: postgres://user@host/db (shared by all workers); `?schema=NAME` picks a schema
    #[arg(long, env = "ANNALS_DB", hide_env_values = true, value_name = "URL")]
    pub db: String,
    /// This worker's name in `annals status` (default: host name and process id)
    #[arg(long, env = "ANNALS_WORKER_ID", value_name = "NAME")]
    pub id: Option<String>,
    /// Work items processed at once, each on its own core (default: the number of cores)
    #[arg(long, env = "ANNALS_CONCURRENCY", value_name = "N")]
    pub concurrency: Option<usize>,
    /// Seconds the server waits for an answer before handing an item to another worker
    /// (a running item is kept alive with progress acknowledgements); it is the shared consumer's: give every worker the same
    #[arg(long, env = "ANNALS_ACK_WAIT", default_value_t = 60, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub ack_wait: u64,
    /// Tries before an item goes to the dead-letter stream
    #[arg(long, env = "ANNALS_MAX_DELIVER", default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub max_deliver: i64,
    /// Stop when the queue is empty: nothing waiting and nothing in flight at any worker (batch use)
    #[arg(long)]
    pub exit_when_empty: bool,
    /// Stop after this many seconds without work
    #[arg(long, value_name = "SECS")]
    pub idle_exit: Option<u64>,
    /// Publication date to assume where a document gives none (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<chrono::NaiveDate>,
    /// Analyse and store documents again even when already stored
    #[arg(long)]
    pub force: bool,
    /// Print a JSON summary on standard output when the worker stops
    #[arg(long)]
    pub json: bool,
    /// Progress lines on standard error: text, or one JSON object per line (for log collectors)
    #[arg(long, env = "ANNALS_LOG_FORMAT", value_enum, default_value_t = ReportFormat::Text)]
    pub log_format: ReportFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[cfg(feature = "scale")]
#[derive(Args, Debug)]
pub struct StatusArgs {
    #[command(flatten)]
    pub nats: NatsArgs,
    /// The store the workers write to: adds done and failed items and each worker's progress
    #[arg(long, env = "ANNALS_DB", hide_env_values = true, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on (use 0.0.0.0:PORT to serve other machines)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: std::net::SocketAddr,
    /// Accept pages over POST /api/ingest (needs --token)
    #[arg(long)]
    pub allow_ingest: bool,
    /// Bearer token that POST /api/ingest requires (at least 16 characters)
    #[arg(long, env = "ANNALS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Largest request body accepted, in bytes (larger ones get 413)
    #[arg(long, default_value_t = 2 * 1024 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// Seconds a client has to send a request's headers before it is disconnected
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub header_timeout: u64,
    /// Seconds one request may take, body and answer included (408 after)
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub request_timeout: u64,
    /// Connections served at once (more wait to be accepted)
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub max_connections: usize,
}

/// Which database to use.
#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// SQLite file (created on first ingest) or postgres://user@host/db URL; `?schema=NAME` picks a PostgreSQL schema
    #[arg(long, env = "ANNALS_DB", default_value = "annals.db", value_name = "PATH|URL")]
    pub db: String,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files or directories (walked recursively); formats are detected from content
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Publication date to assume where a document gives none (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<chrono::NaiveDate>,
    /// Analysis threads (default: the number of cores)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Analyse and store documents again even when already stored (replaces them when they changed)
    #[arg(long)]
    pub force: bool,
    /// Print a JSON summary on standard output
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Aligned columns for reading
    Table,
    /// One JSON object per line
    Json,
    /// Comma-separated values with a header
    Csv,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Actor name (any part, any case) or code: RUS (country or sector), RUSGOV (both)
    #[arg(long, value_name = "NAME|CODE")]
    pub actor: Option<String>,
    /// ISO 3166-1 alpha-3 country of an actor or of the place
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// PLOVER event type (ASSAULT, CONSULT, ...)
    #[arg(long = "type", value_name = "PLOVER")]
    pub kind: Option<String>,
    /// actual, future, hypothetical, negated or generic (of at least one report)
    #[arg(long)]
    pub factuality: Option<String>,
    /// Place name (any part, any case)
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Words that must all appear in a report's evidence sentence or article
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Least confidence, 0 to 1: events with a report at least this likely to be right (0 lists every event)
    #[arg(long, value_name = "P", default_value_t = annals_core::DEFAULT_MIN_CONFIDENCE.to_string())]
    pub min_confidence: String,
    /// Events per page
    #[arg(long, default_value_t = annals_store::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Events to skip (paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Event id, mention id (`<document id>.<n>`) or document id
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Check that every document is complete and every count agrees
    #[arg(long)]
    pub check: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormatArg {
    /// Documents, one JSON object per line (the JSON contract)
    Jsonl,
    /// Event mentions, with a header
    Csv,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header
    Gdelt,
    /// PLOVER JSON records, one per line
    Plover,
    /// Event mentions as Parquet (needs --out)
    Parquet,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Output file (default: standard output); written to a temporary file and renamed when complete
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Least confidence, 0 to 1: mentions (csv, parquet), events (gdelt, plover) or the events inside documents (jsonl) at least this likely to be right (0 exports everything)
    #[arg(long, value_name = "P", default_value_t = annals_core::DEFAULT_MIN_CONFIDENCE.to_string())]
    pub min_confidence: String,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options shared by every command that reads documents.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Largest document (HTML page, WARC record, text file) to accept, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024, help_heading = "Limits")]
    pub max_document_bytes: usize,
    /// Deepest HTML element nesting to accept
    #[arg(long, value_name = "N", default_value_t = 400, help_heading = "Limits")]
    pub max_html_depth: usize,
    /// Most attributes on one HTML element to accept
    #[arg(long, value_name = "N", default_value_t = 1000, help_heading = "Limits")]
    pub max_html_attributes: usize,
    /// Most gzip layers around one input to unwrap (a .gz file is one)
    #[arg(long, value_name = "N", default_value_t = 4, help_heading = "Limits")]
    pub max_gzip_depth: usize,
    /// Largest RSS or Atom feed file to accept, in bytes (each item is held to --max-document-bytes; JSON Lines files have no file limit)
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024, help_heading = "Limits")]
    pub max_feed_bytes: usize,
    /// Longest text to analyze, in characters: a longer one is cut at a word boundary before analysis, with a note
    #[arg(long, value_name = "CHARS", default_value_t = 100_000, help_heading = "Limits")]
    pub max_analyzed_chars: usize,
    /// Show no progress bar
    #[arg(long, short)]
    pub quiet: bool,
}

impl InputArgs {
    pub fn limits(&self) -> annals_ingest::Limits {
        annals_ingest::Limits {
            max_document_bytes: self.max_document_bytes,
            max_html_depth: self.max_html_depth,
            max_html_attributes: self.max_html_attributes,
            max_gzip_depth: self.max_gzip_depth,
            max_feed_bytes: self.max_feed_bytes,
            max_analyzed_chars: self.max_analyzed_chars,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    /// One pretty-printed JSON object for one document, JSON Lines for several
    Json,
    /// One JSON object per line
    Jsonl,
    /// Title, metadata and text for reading
    Text,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or directories (walked recursively), or `-` for standard input; formats are detected from content
    #[arg(required = true, value_name = "PATH|-")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DocFormat::Json)]
    pub format: DocFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFormat {
    /// One pretty-printed JSON object for one document, JSON Lines for several
    Json,
    /// One JSON object per line
    Jsonl,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Files or directories, or `-` for standard input
    #[arg(required = true, value_name = "PATH|-")]
    pub paths: Vec<PathBuf>,
    /// Publication date to assume where a document gives none (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<chrono::NaiveDate>,
    /// URL to assume where a document gives none
    #[arg(long)]
    pub url: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = JsonFormat::Json)]
    pub format: JsonFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Figures for reading
    Text,
    /// The report as JSON
    Json,
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Article-body extraction on the ScrapingHub benchmark (shingle F1)
    Extraction {
        /// The benchmark folder (holds html/ and ground-truth.json.gz)
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// How many worst and slowest pages to list
        #[arg(long, default_value_t = 10)]
        show: usize,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Time expressions on TimeBank (TimeML): span P/R/F1 and value accuracy
    Time {
        /// A folder of .tml files (default: the shared TimeBank)
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Withhold the creation date: anchor on years inferred from the text
        #[arg(long)]
        no_date: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Event coding on the PETRARCH2 unit-test records (PETR.Validate dictionaries): recall and precision of (source, target, CAMEO)
    Events {
        /// The petrarch2 folder (holds text/ and dictionaries/; default: the shared data)
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Read the records' text through the pipeline's stages instead of their PTB parses
        #[arg(long)]
        pipeline: bool,
        /// List the records whose codings differ
        #[arg(long)]
        show: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Event precision, recall and calibration on the judged news corpus (eval/news-events, 311 articles from ../shared/data), per split, type and collection
    NewsEvents {
        /// Confidence threshold (default: the verifier's, chosen on dev for precision)
        #[arg(long, value_name = "0..1")]
        threshold: Option<f64>,
        /// List the dev errors: false events and missed references (held-out is never listed)
        #[arg(long)]
        show: bool,
        /// Also write every candidate event of every corpus article as JSON Lines (for reconciling judgements)
        #[arg(long, value_name = "FILE")]
        candidates: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Event factuality on the annals test set (crates/annals-code/eval/factuality.tsv): accuracy per split and class
    Factuality {
        /// List the errors
        #[arg(long)]
        show: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Place resolution on eval/places.tsv (GUM news + made-up sentences): accuracy
    Places {
        /// The gold file (default: eval/places.tsv of the checkout)
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Quotes and their speakers on PolNeAR (content-span F1, speaker accuracy; direct and indirect)
    Quotes {
        /// The PolNeAR folder (holds train/ and dev/)
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Which split to score (tune on train, report on dev)
        #[arg(long, default_value = "dev")]
        split: String,
        /// Score the quote stage alone, without the language stages before it
        #[arg(long)]
        alone: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Language layer: UPOS, lemmas, UAS/LAS and sentence boundaries on UD EWT test,
    /// entities on Universal NER EWT test and held-out GUM news, tokens/s
    Language {
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
}

pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}
