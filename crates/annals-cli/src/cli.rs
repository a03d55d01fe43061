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
    /// Show no progress bar
    #[arg(long, short)]
    pub quiet: bool,
}

impl InputArgs {
    pub fn limits(&self) -> annals_ingest::Limits {
        annals_ingest::Limits { max_document_bytes: self.max_document_bytes, max_html_depth: self.max_html_depth }
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
    /// Files or directories (walked recursively); formats are detected from content
    #[arg(required = true, value_name = "PATH")]
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
