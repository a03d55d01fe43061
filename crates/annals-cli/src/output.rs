//! Printing documents and reports; progress on standard error.

use std::io::{self, Write};

use annals_core::Document;
use indicatif::{ProgressBar, ProgressStyle};

/// True when the error is a closed output pipe, which ends a command quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

/// A spinner counting documents on standard error, hidden when `quiet` or when stderr is not a terminal.
pub fn progress(quiet: bool) -> ProgressBar {
    if quiet || !io::IsTerminal::is_terminal(&io::stderr()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {pos} documents, {msg} [{elapsed}]").expect("valid template"));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Reports a failed document on standard error, above the progress bar.
pub fn report_failure(bar: &ProgressBar, source: &str, reason: &str) {
    bar.suspend(|| eprintln!("annals: {source}: {reason}"));
}

/// Writes one document as a JSON line.
pub fn write_jsonl(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    serde_json::to_writer(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// Writes one document as a pretty JSON object.
pub fn write_pretty(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

/// Writes one document for reading.
pub fn write_text(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "# {}", if doc.title.is_empty() { "(no title)" } else { &doc.title })?;
    writeln!(out, "source:    {}", doc.source)?;
    if let Some(url) = &doc.url {
        writeln!(out, "url:       {url}")?;
    }
    if let Some(site) = &doc.site {
        writeln!(out, "site:      {site}")?;
    }
    if !doc.authors.is_empty() {
        writeln!(out, "authors:   {}", doc.authors.join(", "))?;
    }
    if let Some(date) = doc.published {
        writeln!(out, "published: {date} ({})", doc.meta.published_from.as_deref().unwrap_or("?"))?;
    }
    writeln!(out, "language:  {}", doc.language)?;
    for credit in &doc.meta.credits {
        writeln!(out, "credit:    {credit}")?;
    }
    for note in &doc.meta.notes {
        writeln!(out, "note:      {note}")?;
    }
    writeln!(out, "\n{}\n", doc.text)
}
