//! `annals eval <stage>`: each stage scored against its public gold set.

use anyhow::Context;

use crate::cli::{EvalCommand, ReportFormat};
use crate::Status;

fn shared_data() -> anyhow::Result<std::path::PathBuf> {
    annals_eval::shared_data_dir().context("the shared data folder was not found beside the checkout (../shared/data); set ANNALS_SHARED to the folder that holds data/")
}

/// Prints a report as text or JSON.
/// Writes a report; a closed pipe (`annals eval … | head`) comes back as an
/// io error, which `main` ends quietly, where `print!` would panic.
fn print<R: serde::Serialize + std::fmt::Display>(report: &R, format: ReportFormat) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match format {
        ReportFormat::Text => write!(out, "{report}")?,
        ReportFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(report)?)?,
    }
    out.flush()?;
    Ok(())
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<Status> {
    match cmd {
        EvalCommand::Extraction { dir, show, format } => {
            let dir = match dir {
                Some(d) => d,
                None => shared_data()?.join("extraction/scrapinghub"),
            };
            let report = annals_eval::extraction::evaluate(&dir, &annals_extract::Extractor::default(), show)?;
            print(&report, format)?;
        }
        EvalCommand::Time { dir, no_date, format } => {
            let dir = match dir {
                Some(d) => d,
                None => shared_data()?.join("time/timebank"),
            };
            let report = annals_time::eval::evaluate_timeml(&dir, !no_date)?;
            print(&report, format)?;
        }
        EvalCommand::Events { dir, pipeline, show, format } => {
            let dir = match dir {
                Some(d) => d,
                None => shared_data()?.join("events/petrarch2"),
            };
            let stages = preparing_stages();
            let prepare = |doc: &mut annals_core::Document| run_stages(&stages, doc);
            let label = format!("record text through the pipeline stages ({})", stage_names(&stages));
            let prep: Option<(&dyn Fn(&mut annals_core::Document), &str)> = if pipeline { Some((&prepare, label.as_str())) } else { None };
            let report = annals_code::eval::petrarch::evaluate(&dir, prep, show)?;
            print(&report, format)?;
        }
        EvalCommand::Factuality { show, format } => {
            let stages = preparing_stages();
            let prepare = |doc: &mut annals_core::Document| run_stages(&stages, doc);
            let label = format!("pipeline stages before events ({})", stage_names(&stages));
            let report = annals_code::eval::factuality::evaluate(annals_code::eval::factuality::FACTUALITY_TSV, Some(&prepare), &label, show)?;
            print(&report, format)?;
        }
        EvalCommand::NewsEvents { threshold, show, candidates, format } => {
            let Some(data) = annals_eval::shared_data_dir() else {
                println!("skipped: the judged news corpus reads its articles from ../shared/data, which was not found (set ANNALS_SHARED)");
                return Ok(Status::Ok);
            };
            news_events(&data, threshold.unwrap_or(annals_core::DEFAULT_MIN_CONFIDENCE), show, candidates.as_deref(), format)?;
        }
        EvalCommand::Places { file, format } => {
            let file = file.unwrap_or_else(|| annals_geo::repo_dir().join("eval/places.tsv"));
            let report = annals_geo::eval::evaluate_file(&file)?;
            print(&report, format)?;
        }
        EvalCommand::Quotes { dir, split, alone, format } => {
            let dir = match dir {
                Some(d) => d,
                None => shared_data()?.join("quotes/polnear"),
            };
            let docs = annals_quotes::eval::load_split(&dir, &split)?;
            // the quote stage reads sentences, tokens and entities from the stages before it
            let before: Vec<Box<dyn annals_core::Stage>> =
                if alone { Vec::new() } else { annals_pipeline::default_stages().into_iter().take_while(|s| s.name() != "quotes").collect() };
            let find = |doc: &annals_core::Document| {
                let mut doc = doc.clone();
                for s in &before {
                    let _ = s.run(&mut doc);
                }
                annals_quotes::find_quotes(&doc)
            };
            let report = annals_quotes::eval::evaluate_docs(&docs, &split, &find);
            print(&report, format)?;
        }
        EvalCommand::Language { format } => {
            let data = shared_data()?;
            let report = annals_analyze::eval::evaluate(&annals_analyze::data::Corpora::new(&data))?;
            print(&report, format)?;
            std::io::Write::write_all(&mut std::io::stdout(), b"\n")?;
        }
    }
    Ok(Status::Ok)
}

/// `annals eval news-events`: every article of the judged corpus through the
/// default stages, from its exact annotated text and publication date.
fn news_events(data: &std::path::Path, threshold: f64, show: bool, candidates: Option<&std::path::Path>, format: ReportFormat) -> anyhow::Result<()> {
    use annals_eval::news_corpus;
    let gold = annals_code::eval::news::parse_gold(news_corpus::GOLD_TSV)?;
    let judged: std::collections::HashSet<String> = news_corpus::judged().into_iter().collect();
    let mut texts = news_corpus::CorpusTexts::new(data, &annals_geo::repo_dir().join("samples/expected.jsonl"));
    let stages = annals_pipeline::default_stages();
    let articles = news_corpus::articles();
    let mut coded = Vec::new();
    let mut dump = match candidates {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)),
        None => None,
    };
    for a in &articles {
        if !judged.contains(&a.id) && dump.is_none() {
            continue;
        }
        let (text, published) = texts.text(&a.id)?;
        anyhow::ensure!(text.chars().count() == a.chars, "{}: the text is not the annotated one ({} characters, the corpus says {})", a.id, text.chars().count(), a.chars);
        let mut doc = corpus_document(&a.id, &text, published.as_deref());
        run_stages(&stages, &mut doc);
        if let Some(w) = dump.as_mut() {
            for e in &doc.events {
                serde_json::to_writer(&mut *w, &serde_json::json!({"doc": a.id, "split": a.split, "event": e}))?;
                std::io::Write::write_all(w, b"\n")?;
            }
        }
        if judged.contains(&a.id) {
            coded.push((a, text, doc.events));
        }
    }
    let docs: Vec<annals_code::eval::news::ScoredDoc> = coded
        .iter()
        .map(|(a, text, events)| annals_code::eval::news::ScoredDoc { id: &a.id, collection: &a.collection, split: &a.split, text, events })
        .collect();
    let report = annals_code::eval::news::evaluate(&gold, &docs, threshold, show);
    print(&report, format)
}

/// A judged corpus article as a document: its exact annotated text and its
/// publication date, so that offsets and dates are those the readers saw.
pub(super) fn corpus_document(id: &str, text: &str, published: Option<&str>) -> annals_core::Document {
    let mut doc = annals_core::Document::from_text(id.to_string(), text.to_string());
    doc.published = published.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    doc
}

/// The pipeline's stages that run before event coding (sentences, tokens, entities, ...).
pub(super) fn preparing_stages() -> Vec<Box<dyn annals_core::Stage>> {
    annals_pipeline::default_stages().into_iter().filter(|s| s.name() != "events").collect()
}

/// Runs the stages on a gold document. A stage that fails leaves its layer
/// empty, and the evaluation scores what the others produced, as a user gets it.
pub(super) fn run_stages(stages: &[Box<dyn annals_core::Stage>], doc: &mut annals_core::Document) {
    for s in stages {
        let _ = s.run(doc);
    }
}

fn stage_names(stages: &[Box<dyn annals_core::Stage>]) -> String {
    let names: Vec<&str> = stages.iter().map(|s| s.name()).collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}
