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
    Vec::new()
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
    pub fn analyze(&self, doc: &mut Document) -> Vec<StageError> {
        let mut errors = Vec::new();
        for stage in &self.stages {
            if let Err(e) = stage.run(doc) {
                errors.push(e);
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
