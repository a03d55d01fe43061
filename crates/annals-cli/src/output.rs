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

/// How documents are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStyle {
    /// A lone document pretty-printed, several as JSON Lines.
    Json,
    /// Always JSON Lines.
    Jsonl,
    /// For reading.
    Text,
}

/// Prints documents as they come. With [`DocStyle::Json`] the first document
/// is held back until a second one shows whether the output is one object or
/// JSON Lines, so memory stays flat either way.
pub struct DocWriter<W: Write> {
    out: W,
    style: DocStyle,
    held: Option<Document>,
    written: usize,
}

impl<W: Write> DocWriter<W> {
    /// A writer printing in `style` to `out`.
    pub fn new(out: W, style: DocStyle) -> Self {
        DocWriter { out, style, held: None, written: 0 }
    }

    /// Prints (or holds) one document.
    pub fn write(&mut self, doc: Document) -> io::Result<()> {
        match self.style {
            DocStyle::Text => write_text(&mut self.out, &doc)?,
            DocStyle::Jsonl => write_jsonl(&mut self.out, &doc)?,
            DocStyle::Json if self.written == 0 && self.held.is_none() => {
                self.held = Some(doc);
                return Ok(());
            }
            DocStyle::Json => {
                if let Some(first) = self.held.take() {
                    write_jsonl(&mut self.out, &first)?;
                    self.written += 1;
                }
                write_jsonl(&mut self.out, &doc)?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Prints a held lone document and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(doc) = self.held.take() {
            write_pretty(&mut self.out, &doc)?;
        }
        self.out.flush()
    }
}
