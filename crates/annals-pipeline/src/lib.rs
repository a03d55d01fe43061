//! The annals pipeline: ingest → extract → analyze → code.
//!
//! [`Pipeline`] turns one [`RawDocument`] into a fully analyzed [`Document`].
//! The analysis stages run in the order of [`default_stages`]; each declares the
//! layers it requires and provides, and [`Pipeline::check`] verifies the order
//! before anything runs.
#![deny(missing_docs)]

use annals_core::{Document, Stage, StageError};
use annals_extract::{ExtractError, Extractor};
use annals_ingest::RawDocument;

/// The analysis stages, in the order they run.
///
/// Stages register here as they are built: sentences and tokens, entities and
/// actors, times, places, quotes, events.
pub fn default_stages() -> Vec<Box<dyn Stage>> {
    // Order matters: the language stages fill sentences, tokens (POS, lemmas,
    // dependencies) and entities with actors; times and places read sentences
    // and entities; quotes reads all three; events come last, reading every
    // layer before them (times, places and quotes included).
    vec![
        Box::new(annals_analyze::stage::SyntaxStage),
        Box::new(annals_analyze::stage::EntityStage),
        Box::new(annals_time::TimeStage),
        Box::new(annals_geo::GeoStage),
        Box::new(annals_quotes::QuoteStage::new()),
        Box::new(annals_code::EventStage::new()),
    ]
}

/// Options of a pipeline run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publication date to assume where the document has none.
    pub published: Option<chrono::NaiveDate>,
    /// URL to assume where the document has none.
    pub url: Option<String>,
}

/// Extraction followed by analysis.
pub struct Pipeline {
    extractor: Extractor,
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(Extractor::default(), default_stages())
    }
}

/// A stage whose requirement no earlier stage provides.
#[derive(Debug, thiserror::Error)]
#[error("stage `{stage}` requires `{layer}`, which no earlier stage provides")]
pub struct OrderError {
    /// The stage.
    pub stage: &'static str,
    /// The missing layer.
    pub layer: &'static str,
}

impl Pipeline {
    /// A pipeline with the given extractor and stages.
    pub fn new(extractor: Extractor, stages: Vec<Box<dyn Stage>>) -> Self {
        Pipeline { extractor, stages }
    }

    /// The stages, in order.
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Verifies that every stage's requirements are provided by an earlier stage
    /// (or by extraction, which provides `text` and the metadata).
    pub fn check(&self) -> Result<(), OrderError> {
        let mut provided: Vec<&'static str> = vec!["text", "metadata"];
        for stage in &self.stages {
            for layer in stage.requires() {
                if !provided.contains(layer) {
                    return Err(OrderError { stage: stage.name(), layer });
                }
            }
            provided.extend_from_slice(stage.provides());
        }
        Ok(())
    }

    /// The extractor used by [`process`](Self::process).
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Extracts the article from a raw document (no analysis).
    pub fn extract(&self, raw: RawDocument, opts: &Options) -> Result<Document, ExtractError> {
        let mut doc = self.extractor.extract(raw)?;
        apply_options(&mut doc, opts);
        Ok(doc)
    }

    /// Runs every analysis stage on `doc`. A failing stage is reported and the
    /// next one still runs, so one bad layer never loses the document.
    ///
    /// A text longer than the limit (`max_analyzed_chars`) is cut first, with a
    /// note in `meta.notes`: every stage is then bounded by the limit.
    pub fn analyze(&self, doc: &mut Document) -> Vec<StageError> {
        cut_for_analysis(doc, self.extractor.limits().max_analyzed_chars);
        let mut errors = Vec::new();
        for stage in &self.stages {
            // A stage must never panic; should one still do so on some text, the
            // document keeps its other layers and the batch goes on.
            match catch_panic(|| stage.run(doc)) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => errors.push(e),
                Err(reason) => errors.push(StageError { stage: stage.name(), reason }),
            }
        }
        errors
    }

    /// Extract, then analyze.
    pub fn process(&self, raw: RawDocument, opts: &Options) -> Result<(Document, Vec<StageError>), ExtractError> {
        let mut doc = self.extract(raw, opts)?;
        let errors = self.analyze(&mut doc);
        Ok((doc, errors))
    }
}

/// Cuts a text longer than `max` characters at the last word boundary before
/// the limit (or at the limit, in a text without one), and says so.
fn cut_for_analysis(doc: &mut Document, max: usize) {
    let Some((end, _)) = doc.text.char_indices().nth(max) else { return };
    let total = doc.text.chars().count();
    let cut = doc.text[..end].rfind(char::is_whitespace).filter(|&i| i > end / 2).unwrap_or(end);
    let text = doc.text[..cut].trim_end().to_string();
    let kept = text.chars().count();
    doc.set_text(text);
    doc.meta.notes.push(format!("analysis: text of {total} characters cut to its first {kept}, the limit of {max} (raise --max-analyzed-chars)"));
}

/// Fills what the caller knows and the document lacks.
fn apply_options(doc: &mut Document, opts: &Options) {
    if doc.published.is_none() {
        if let Some(date) = opts.published {
            doc.published = Some(date);
            doc.meta.published_from = Some("option".into());
        }
    }
    if doc.url.is_none() {
        if let Some(url) = &opts.url {
            doc.url = Some(url.clone());
            doc.assign_id();
        }
    }
}

/// What came of one input document.
#[derive(Debug)]
pub enum Outcome {
    /// The document, with the stages that failed on it (the others ran).
    Done(Box<Document>, Vec<StageError>),
    /// The document could not be read or yielded no article.
    Failed {
        /// The document: path, `path#record`, `path:line`.
        source: String,
        /// Why.
        reason: String,
    },
}

/// Runs the pipeline over files and directories, document by document.
///
/// Scraped-text pages that sit together in one directory are treated as one
/// site: lines they share are chrome (see `annals_extract::scraped::shared_chrome`).
/// Each document is isolated: a panic while reading, extracting or analyzing
/// it becomes its [`Outcome::Failed`], and the batch goes on.
pub fn run_paths<'a>(
    pipeline: &'a Pipeline,
    paths: &'a [std::path::PathBuf],
    opts: &'a Options,
    analyze: bool,
) -> impl Iterator<Item = Outcome> + 'a {
    let limits = pipeline.extractor.limits().clone();
    let chrome = site_chrome(paths, &limits);
    paths.iter().flat_map(move |path| read_path(path, &limits)).map(move |item| match item {
        Err(e) => Outcome::Failed { source: e.source, reason: e.reason },
        Ok(raw) => {
            let dir = std::path::Path::new(raw.source.split('#').next().unwrap_or(&raw.source)).parent().map(|p| p.to_path_buf());
            let extractor = match dir.as_ref().and_then(|d| chrome.get(d)) {
                Some(lines) if raw.format == annals_ingest::Format::Text => pipeline.extractor.with_site_chrome(lines.clone()),
                _ => pipeline.extractor.clone(),
            };
            pipeline.outcome_with(&extractor, raw, opts, analyze)
        }
    })
}

/// Runs the pipeline over documents in a stream (standard input, an HTTP
/// body, a queued document), isolated like [`run_paths`].
pub fn run_stream<'a>(
    pipeline: &'a Pipeline,
    source: &str,
    input: impl std::io::Read + Send + 'static,
    opts: &'a Options,
    analyze: bool,
) -> impl Iterator<Item = Outcome> + 'a {
    read_stream(source, input, pipeline.extractor.limits()).map(move |item| match item {
        Err(e) => Outcome::Failed { source: e.source, reason: e.reason },
        Ok(raw) => pipeline.run_one(raw, opts, analyze),
    })
}

/// [`annals_ingest::read_path`], one file at a time behind a guard: a panic
/// while reading a file becomes an error naming it, and the next file is read.
pub fn read_path(path: &std::path::Path, limits: &annals_ingest::Limits) -> annals_ingest::Documents {
    let limits = limits.clone();
    Box::new(annals_ingest::walk(path).flat_map(move |file| -> annals_ingest::Documents {
        match file {
            Ok(file) => guarded(file.display().to_string(), || annals_ingest::read_file(&file, &limits)),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }))
}

/// [`annals_ingest::read_stream`] behind a guard (see [`read_path`]).
pub fn read_stream(source: &str, input: impl std::io::Read + Send + 'static, limits: &annals_ingest::Limits) -> annals_ingest::Documents {
    guarded(source.to_string(), || annals_ingest::read_stream(source, input, limits))
}

/// Runs `f`; a panic becomes its message, for an error line ("internal error, please report: …").
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error, please report: {what}")
    })
}

/// The documents of one source; after a panic in the reader, one error naming
/// the source and nothing more from it.
fn guarded(source: String, open: impl FnOnce() -> annals_ingest::Documents) -> annals_ingest::Documents {
    let failed = |source: String, reason: String| annals_ingest::IngestError { source, reason };
    let mut inner = match catch_panic(open) {
        Ok(docs) => Some(docs),
        Err(reason) => return Box::new(std::iter::once(Err(failed(source, reason)))),
    };
    Box::new(std::iter::from_fn(move || {
        let docs = inner.as_mut()?;
        match catch_panic(|| docs.next()) {
            Ok(item) => item,
            Err(reason) => {
                inner = None;
                Some(Err(failed(source.clone(), reason)))
            }
        }
    }))
}

impl Pipeline {
    /// Extracts (and, when `analyze`, analyzes) one raw document. A panic on
    /// the way becomes the document's [`Outcome::Failed`].
    pub fn run_one(&self, raw: RawDocument, opts: &Options, analyze: bool) -> Outcome {
        self.outcome_with(&self.extractor, raw, opts, analyze)
    }

    fn outcome_with(&self, extractor: &Extractor, raw: RawDocument, opts: &Options, analyze: bool) -> Outcome {
        let source = raw.source.clone();
        let outcome = catch_panic(|| match extractor.extract(raw) {
            Err(e) => Outcome::Failed { source: e.source_name().to_string(), reason: error_reason(&e) },
            Ok(mut doc) => {
                apply_options(&mut doc, opts);
                let errors = if analyze { self.analyze(&mut doc) } else { Vec::new() };
                Outcome::Done(Box::new(doc), errors)
            }
        });
        outcome.unwrap_or_else(|reason| Outcome::Failed { source, reason })
    }
}

/// The error message without the leading document name (reported beside it).
fn error_reason(e: &ExtractError) -> String {
    let full = e.to_string();
    full.strip_prefix(&format!("{}: ", e.source_name())).unwrap_or(&full).to_string()
}

/// For each directory holding several plain-text pages, the lines they share.
fn site_chrome(paths: &[std::path::PathBuf], limits: &annals_ingest::Limits) -> std::collections::HashMap<std::path::PathBuf, std::collections::HashSet<String>> {
    use std::collections::HashMap;
    let mut by_dir: HashMap<std::path::PathBuf, Vec<String>> = HashMap::new();
    for path in paths.iter().filter(|p| p.is_dir()) {
        for file in annals_ingest::list_files(path) {
            // small files only: scraped pages are a few kB; archives are never text
            if std::fs::metadata(&file).map(|m| m.len() > 2 << 20).unwrap_or(true) {
                continue;
            }
            let Ok(bytes) = std::fs::read(&file) else { continue };
            if annals_ingest::detect(&bytes) == Ok(annals_ingest::Format::Text) && bytes.len() <= limits.max_document_bytes {
                if let (Some(dir), Ok(text)) = (file.parent(), String::from_utf8(bytes)) {
                    by_dir.entry(dir.to_path_buf()).or_default().push(text);
                }
            }
        }
    }
    by_dir
        .into_iter()
        .filter(|(_, pages)| pages.len() >= 2)
        .map(|(dir, pages)| {
            let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
            (dir, annals_extract::scraped::shared_chrome(&refs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [&'static str], &'static [&'static str]);

    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [&'static str] {
            self.1
        }
        fn provides(&self) -> &'static [&'static str] {
            self.2
        }
        fn run(&self, doc: &mut Document) -> Result<(), StageError> {
            if self.0 == "broken" {
                return Err(StageError { stage: "broken", reason: "always fails".into() });
            }
            doc.meta.notes.push(self.0.to_string());
            Ok(())
        }
    }

    #[test]
    fn check_finds_a_stage_before_its_requirement() {
        let good = Pipeline::new(Extractor::default(), vec![Box::new(Fake("sents", &["text"], &["sentences"])), Box::new(Fake("ents", &["sentences"], &["entities"]))]);
        assert!(good.check().is_ok());
        let bad = Pipeline::new(Extractor::default(), vec![Box::new(Fake("ents", &["sentences"], &["entities"])), Box::new(Fake("sents", &["text"], &["sentences"]))]);
        assert_eq!(bad.check().unwrap_err().to_string(), "stage `ents` requires `sentences`, which no earlier stage provides");
    }

    #[test]
    fn a_failing_stage_does_not_stop_the_next() {
        let p = Pipeline::new(Extractor::default(), vec![Box::new(Fake("broken", &[], &[])), Box::new(Fake("after", &[], &[]))]);
        let mut doc = Document::from_text("t", "Some text.");
        let errors = p.analyze(&mut doc);
        assert_eq!(errors.len(), 1);
        assert_eq!(doc.meta.notes, vec!["after"]);
    }

    struct Panics;

    impl Stage for Panics {
        fn name(&self) -> &'static str {
            "panics"
        }
        fn provides(&self) -> &'static [&'static str] {
            &[]
        }
        fn run(&self, doc: &mut Document) -> Result<(), StageError> {
            let _ = &doc.text[1..];
            panic!("byte index is not a char boundary");
        }
    }

    #[test]
    fn a_panicking_stage_becomes_an_error() {
        let p = Pipeline::new(Extractor::default(), vec![Box::new(Panics), Box::new(Fake("after", &[], &[]))]);
        let mut doc = Document::from_text("t", "Some text.");
        let errors = p.analyze(&mut doc);
        assert_eq!(errors[0].stage, "panics");
        assert!(errors[0].reason.contains("char boundary"), "{}", errors[0].reason);
        assert_eq!(doc.meta.notes, vec!["after"]);
    }

    #[test]
    fn options_fill_only_what_is_missing() {
        let p = Pipeline::new(Extractor::default(), Vec::new());
        let raw = annals_ingest::read_bytes("x.txt", b"Talks between the two delegations resumed in Geneva on Tuesday, diplomats said.".to_vec(), &Default::default()).next().unwrap().unwrap();
        let opts = Options { published: chrono::NaiveDate::from_ymd_opt(2020, 1, 6), url: Some("https://example.org/a".into()) };
        let Outcome::Done(doc, _) = p.run_one(raw, &opts, true) else { panic!("no document") };
        assert_eq!(doc.published, opts.published);
        assert_eq!(doc.meta.published_from.as_deref(), Some("option"));
        assert_eq!(doc.id, annals_core::content_id(Some("https://example.org/a"), ""));
    }

    #[test]
    fn a_panicking_reader_costs_its_source_only() {
        let panics_at_second = || -> annals_ingest::Documents {
            let first = annals_ingest::read_bytes("a.txt", b"First text.".to_vec(), &Default::default());
            Box::new(first.chain(std::iter::from_fn(|| -> Option<Result<RawDocument, annals_ingest::IngestError>> { panic!("broken reader") })))
        };
        let docs: Vec<_> = guarded("a.txt".into(), panics_at_second).collect();
        assert_eq!(docs.len(), 2);
        assert!(docs[0].is_ok());
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.source, "a.txt");
        assert_eq!(e.reason, "internal error, please report: broken reader");
        let docs: Vec<_> = guarded("b.txt".into(), || panic!("cannot open")).collect();
        assert_eq!(docs[0].as_ref().unwrap_err().reason, "internal error, please report: cannot open");
    }

    #[test]
    fn a_text_over_the_analysis_limit_is_cut_with_a_note() {
        // issue 18, row 8: a 15 MB text took minutes and gigabytes in analysis
        let limits = annals_ingest::Limits { max_analyzed_chars: 1000, ..Default::default() };
        let p = Pipeline::new(Extractor::new(limits), vec![Box::new(Fake("after", &[], &[]))]);
        let mut doc = Document::from_text("long.txt", "Talks resumed in Genève on Monday. ".repeat(100));
        let id = doc.id.clone();
        p.analyze(&mut doc);
        assert!(doc.text.chars().count() <= 1000 && doc.text.chars().count() > 900, "{}", doc.text.len());
        assert!(doc.text.ends_with("Monday. Talks resumed in"), "cut at a word boundary");
        assert_eq!(doc.id, id, "the id stays that of the whole text");
        assert!(doc.meta.notes[0].contains("3500 characters cut to its first") && doc.meta.notes[0].contains("--max-analyzed-chars"), "{:?}", doc.meta.notes);
        // one unbroken word is cut at the limit
        let mut doc = Document::from_text("word.txt", "x".repeat(5000));
        p.analyze(&mut doc);
        assert_eq!(doc.text.len(), 1000);
        // a text within the limit is left alone
        let mut doc = Document::from_text("short.txt", "Talks resumed.");
        p.analyze(&mut doc);
        assert_eq!(doc.text, "Talks resumed.");
        assert_eq!(doc.meta.notes, vec!["after"]);
    }
}
