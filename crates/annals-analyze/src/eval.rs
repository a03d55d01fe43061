//! Evaluation on held-out gold data: UPOS and lemma accuracy, UAS/LAS,
//! sentence-boundary F1, entity P/R/F1 and throughput.

use serde::Serialize;

use crate::conllu::Sentence;
use crate::parser::{ParseWord, Parser};
use crate::tagger::{Lemmatizer, PosTagger};

/// Tagging accuracy (percent).
#[derive(Debug, Clone, Serialize)]
pub struct TaggingScore {
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// Lemma accuracy (with predicted tags).
    pub lemma: f64,
}

/// Tags and lemmatizes gold-tokenized sentences and scores them.
pub fn score_tagging(tagger: &PosTagger, lem: &Lemmatizer, sents: &[Sentence]) -> TaggingScore {
    let (mut n, mut pos_ok, mut lemma_ok) = (0usize, 0usize, 0usize);
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&words);
        for (w, t) in s.words.iter().zip(tags) {
            n += 1;
            pos_ok += usize::from(w.upos == t);
            lemma_ok += usize::from(lem.lemma(&w.form, t) == w.lemma);
        }
    }
    TaggingScore { words: n, upos: pct(pos_ok, n), lemma: pct(lemma_ok, n) }
}

/// Attachment scores (percent) with predicted tags on gold tokens.
#[derive(Debug, Clone, Serialize)]
pub struct ParsingScore {
    /// Words scored (punctuation included, as in the CoNLL 2018 shared task).
    pub words: usize,
    /// Unlabeled attachment score.
    pub uas: f64,
    /// Labeled attachment score, universal relations (subtypes ignored, as CoNLL 2018 does).
    pub las: f64,
    /// Labeled attachment score on full relations with subtypes (`obl:tmod`).
    pub las_full: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Tags and parses gold-tokenized sentences and scores the trees.
pub fn score_parsing(tagger: &PosTagger, xtagger: &PosTagger, parser: &Parser, sents: &[Sentence]) -> ParsingScore {
    let (mut n, mut u, mut l, mut lf) = (0usize, 0usize, 0usize, 0usize);
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&words);
        let xtags = xtagger.tag(&words);
        let pw: Vec<ParseWord> = words.iter().zip(&tags).zip(&xtags).map(|((f, t), x)| ParseWord { form: f, upos: t, xpos: x }).collect();
        let arcs = parser.parse(&pw);
        for (w, a) in s.words.iter().zip(&arcs) {
            n += 1;
            if w.head == a.head {
                u += 1;
                l += usize::from(universal(&w.deprel) == universal(&a.deprel));
                lf += usize::from(w.deprel == a.deprel);
            }
        }
    }
    ParsingScore { words: n, uas: pct(u, n), las: pct(l, n), las_full: pct(lf, n) }
}

pub(crate) fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Exact-span entity scores.
#[derive(Debug, Clone, Serialize, Default)]
pub struct NerScore {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Exact matches (span and type).
    pub correct: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Per type (PER, ORG, LOC): (precision, recall, F1).
    pub by_type: Vec<(String, f64, f64, f64)>,
}

impl std::fmt::Display for NerScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "P {:.3} R {:.3} F1 {:.3} ({} gold, {} predicted)", self.precision, self.recall, self.f1, self.gold, self.predicted)?;
        for (t, p, r, f1) in &self.by_type {
            write!(f, "; {t} {p:.3}/{r:.3}/{f1:.3}")?;
        }
        Ok(())
    }
}

fn prf(correct: usize, gold: usize, predicted: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 { 0.0 } else { correct as f64 / predicted as f64 };
    let r = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Scores entity spans: lists of (sentence, start, end, type) for gold and prediction.
pub fn score_spans(gold: &[(usize, usize, usize, String)], pred: &[(usize, usize, usize, String)]) -> NerScore {
    let gold_set: std::collections::HashSet<_> = gold.iter().collect();
    let correct = pred.iter().filter(|p| gold_set.contains(p)).count();
    let (precision, recall, f1) = prf(correct, gold.len(), pred.len());
    let by_type = ["PER", "ORG", "LOC"]
        .iter()
        .map(|t| {
            let g = gold.iter().filter(|x| x.3 == *t).count();
            let p: Vec<_> = pred.iter().filter(|x| x.3 == *t).collect();
            let c = p.iter().filter(|x| gold_set.contains(**x)).count();
            let (a, b, c) = prf(c, g, p.len());
            (t.to_string(), a, b, c)
        })
        .collect();
    NerScore { gold: gold.len(), predicted: pred.len(), correct, precision, recall, f1, by_type }
}

/// Tags sentences with gold BIO indices and scores exact spans.
pub fn score_ner_sentences(tagger: &crate::ner::NerTagger, data: &[(Vec<crate::ner::NerWord>, Vec<usize>)]) -> NerScore {
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for (si, (words, g)) in data.iter().enumerate() {
        for (s, e, t) in crate::ner::spans(g) {
            gold.push((si, s, e, t.to_string()));
        }
        for (s, e, t) in crate::ner::spans(&tagger.tag(words)) {
            pred.push((si, s, e, t.to_string()));
        }
    }
    score_spans(&gold, &pred)
}

/// Sentence-boundary scores.
#[derive(Debug, Clone, Serialize)]
pub struct BoundaryScore {
    /// Gold sentences.
    pub gold: usize,
    /// Predicted sentences.
    pub predicted: usize,
    /// Precision of sentence ends.
    pub precision: f64,
    /// Recall of sentence ends.
    pub recall: f64,
    /// F1 of sentence ends.
    pub f1: f64,
}

/// Rebuilds raw documents from gold sentences: paragraphs separated by a blank
/// line, sentences inside a paragraph by a space (the CoNLL 2018 raw-text
/// setting). Returns each document's text and its gold sentence end offsets (bytes).
pub fn raw_documents(sents: &[Sentence]) -> Vec<(String, Vec<usize>)> {
    let mut docs: Vec<(String, Vec<usize>)> = Vec::new();
    for s in sents {
        if s.newdoc.is_some() || docs.is_empty() {
            docs.push((String::new(), Vec::new()));
        }
        let (text, ends) = docs.last_mut().expect("pushed above");
        if !text.is_empty() {
            text.push_str(if s.newpar { "\n\n" } else { " " });
        }
        let t = if s.text.is_empty() { s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>().join(" ") } else { s.text.clone() };
        text.push_str(&t);
        ends.push(text.len());
    }
    docs
}

/// Splits the rebuilt documents and scores sentence ends.
pub fn score_boundaries(sents: &[Sentence], model: &crate::boundary::BoundaryModel, tags: &PosTagger) -> BoundaryScore {
    let (mut gold_n, mut pred_n, mut correct) = (0, 0, 0);
    for (text, ends) in raw_documents(sents) {
        let (toks, ranges) = model.segment(&text, tags);
        let pred: std::collections::HashSet<usize> = ranges.iter().map(|r| toks[r.end - 1].end).collect();
        gold_n += ends.len();
        pred_n += pred.len();
        correct += ends.iter().filter(|e| pred.contains(e)).count();
    }
    let (precision, recall, f1) = prf(correct, gold_n, pred_n);
    BoundaryScore { gold: gold_n, predicted: pred_n, precision, recall, f1 }
}

/// Entity scores on gold-tokenized NER sentences (forms plus BIO strings).
pub fn score_ner_gold(models: &crate::models::Models, sents: &[(Vec<String>, Vec<String>)]) -> NerScore {
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for (si, (forms, tags)) in sents.iter().enumerate() {
        let words: Vec<&str> = forms.iter().map(String::as_str).collect();
        let upos = models.tagger.tag(&words);
        let nw: Vec<crate::ner::NerWord> = words.iter().zip(&upos).map(|(f, t)| crate::ner::NerWord { form: f, upos: t }).collect();
        let g: Vec<usize> = tags.iter().map(|t| crate::ner::tag_index(t)).collect();
        for (s, e, t) in crate::ner::spans(&g) {
            gold.push((si, s, e, t.to_string()));
        }
        for (s, e, t) in crate::ner::spans(&models.ner.tag(&nw)) {
            pred.push((si, s, e, t.to_string()));
        }
    }
    score_spans(&gold, &pred)
}

/// Entity scores of the whole entity stage (document-level name propagation, title
/// stripping) on gold-tokenized documents: (forms, BIO strings, starts a new document).
pub fn score_ner_documents(models: &crate::models::Models, sents: &[(Vec<String>, Vec<String>, bool)]) -> NerScore {
    use annals_core::{Document, EntityType, Span, Token};
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < sents.len() {
        let mut j = i + 1;
        while j < sents.len() && !sents[j].2 {
            j += 1;
        }
        // one document: words joined by spaces, sentences by newlines
        let mut text = String::new();
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut index: Vec<(usize, usize)> = Vec::new(); // token → (sentence number, word)
        for (si, (forms, tags, _)) in sents[i..j].iter().enumerate() {
            let words: Vec<&str> = forms.iter().map(String::as_str).collect();
            let upos = models.tagger.tag(&words);
            let sent_start = text.chars().count();
            for (k, f) in forms.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                let start = text.chars().count();
                text.push_str(f);
                tokens.push(Token { start, end: start + f.chars().count(), upos: upos[k].to_string(), sentence: si, ..Token::default() });
                index.push((i + si, k));
            }
            sentences.push(Span::new(sent_start, text.chars().count()));
            text.push('\n');
            let g: Vec<usize> = tags.iter().map(|t| crate::ner::tag_index(t)).collect();
            for (s, e, t) in crate::ner::spans(&g) {
                gold.push((i + si, s, e, t.to_string()));
            }
        }
        let mut doc = Document::from_text("eval", text);
        doc.tokens = tokens;
        doc.sentences = sentences;
        crate::stage::analyze_entities(models, &mut doc);
        let by_start: std::collections::HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(k, t)| (t.start, k)).collect();
        let by_end: std::collections::HashMap<usize, usize> = doc.tokens.iter().enumerate().map(|(k, t)| (t.end, k)).collect();
        for e in &doc.entities {
            let ty = match e.kind {
                EntityType::Person => "PER",
                EntityType::Org => "ORG",
                EntityType::Location => "LOC",
                EntityType::Misc => continue,
            };
            if let (Some(&a), Some(&b)) = (by_start.get(&e.start), by_end.get(&e.end)) {
                let (sa, wa) = index[a];
                let (sb, wb) = index[b];
                if sa == sb {
                    pred.push((sa, wa, wb + 1, ty.to_string()));
                }
            }
        }
        i = j;
    }
    score_spans(&gold, &pred)
}

/// Every figure of the language layer, on held-out data.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    /// Date of the run.
    pub date: String,
    /// UPOS and lemma accuracy on UD EWT test (gold tokens).
    pub tagging: TaggingScore,
    /// UAS/LAS on UD EWT test (gold tokens, predicted tags).
    pub parsing: ParsingScore,
    /// Sentence boundaries on UD EWT test raw text.
    pub sentences: BoundaryScore,
    /// Entities on Universal NER English-EWT test (tagger alone, sentence by sentence).
    pub ner_uner_test: NerScore,
    /// Entities on Universal NER English-EWT test (the whole entity stage, document by document).
    pub ner_uner_test_stage: NerScore,
    /// Entities on the GUM news documents held out from training (dev + test news), tagger alone.
    pub ner_gum_news: NerScore,
    /// The same, whole entity stage.
    pub ner_gum_news_stage: NerScore,
    /// The same against name spans ([`gum_bio_names`](crate::knowledge::gum_bio_names): "United States", not "States").
    pub ner_gum_news_names_stage: NerScore,
    /// Whole-layer throughput (tokenize, tag, lemmatize, parse, entities, actors) on one thread.
    pub tokens_per_second: f64,
    /// Tokens processed for the throughput figure.
    pub speed_tokens: usize,
    /// The same throughput per second of this thread's CPU time (Linux; `None` elsewhere): what one
    /// core gives when the machine is shared and wall time also counts other processes' turns.
    pub cpu_tokens_per_second: Option<f64>,
}

/// CPU time (user + system) this thread has run, from `/proc/thread-self/stat` (Linux only; 10 ms ticks).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // fields after the command name in parentheses: state is field 3, utime 14, stime 15
    let rest: Vec<&str> = s[s.rfind(')')? + 1..].split_whitespace().collect();
    let ticks: f64 = rest.get(11)?.parse::<f64>().ok()? + rest.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

impl std::fmt::Display for LanguageReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "language layer evaluation ({})", self.date)?;
        writeln!(f, "  UD EWT test  UPOS {:.2} %  lemma {:.2} %  ({} words, gold tokens)", self.tagging.upos, self.tagging.lemma, self.tagging.words)?;
        writeln!(f, "  UD EWT test  UAS {:.2}  LAS {:.2}  (LAS with subtypes {:.2})", self.parsing.uas, self.parsing.las, self.parsing.las_full)?;
        writeln!(
            f,
            "  UD EWT test  sentence boundaries P {:.3} R {:.3} F1 {:.3}  ({} gold, {} predicted)",
            self.sentences.precision, self.sentences.recall, self.sentences.f1, self.sentences.gold, self.sentences.predicted
        )?;
        writeln!(f, "  UNER EWT test  entities (tagger)  {}", self.ner_uner_test)?;
        writeln!(f, "  UNER EWT test  entities (stage)   {}", self.ner_uner_test_stage)?;
        writeln!(f, "  GUM news (held out)  entities (tagger)  {}", self.ner_gum_news)?;
        writeln!(f, "  GUM news (held out)  entities (stage)   {}", self.ner_gum_news_stage)?;
        writeln!(f, "  GUM news (held out)  entities (stage), name spans  {}", self.ner_gum_news_names_stage)?;
        write!(f, "  speed  {:.0} tokens/s on one thread ({} tokens)", self.tokens_per_second, self.speed_tokens)?;
        match self.cpu_tokens_per_second {
            Some(c) => write!(f, "; {c:.0} tokens per second of CPU time"),
            None => Ok(()),
        }
    }
}

/// Gold-tokenized entity sentences: (forms, BIO strings, starts a new document).
type EntityDocs = Vec<(Vec<String>, Vec<String>, bool)>;

/// GUM documents as (forms, BIO strings of named mentions, starts a new document);
/// `bio` is [`gum_bio`](crate::knowledge::gum_bio) (the training spans) or
/// [`gum_bio_names`](crate::knowledge::gum_bio_names).
fn gum_documents(corpora: &crate::data::Corpora, names: &[&str], bio: fn(&Sentence) -> Vec<String>) -> Result<EntityDocs, crate::Error> {
    let mut docs = Vec::new();
    for name in names {
        for (k, s) in crate::conllu::read_conllu(&corpora.gum_dir().join(format!("{name}.conllu")))?.into_iter().enumerate() {
            let tags = bio(&s);
            docs.push((s.words.into_iter().map(|w| w.form).collect::<Vec<_>>(), tags, k == 0));
        }
    }
    Ok(docs)
}

/// UD EWT `split` read, with its tagging, parsing and sentence boundary scores.
fn score_ewt(models: &crate::models::Models, corpora: &crate::data::Corpora, split: &str) -> Result<(Vec<Sentence>, TaggingScore, ParsingScore, BoundaryScore), crate::Error> {
    let sents = crate::conllu::read_conllu(&corpora.ewt(split))?;
    let tagging = score_tagging(&models.tagger, &models.lemmatizer, &sents);
    let parsing = score_parsing(&models.tagger, &models.xtagger, &models.parser, &sents);
    let sentences = score_boundaries(&sents, &models.boundaries, &models.tagger);
    Ok((sents, tagging, parsing, sentences))
}

/// UNER English-EWT `split` as (forms, BIO strings, starts a new document).
fn uner_documents(corpora: &crate::data::Corpora, split: &str) -> Result<EntityDocs, crate::Error> {
    use crate::conllu::{parse_iob2, read_text};
    Ok(parse_iob2(&read_text(&corpora.uner(split))?)
        .into_iter()
        .map(|s| (s.words.into_iter().map(|w| w.form).collect(), s.ner, s.newdoc.is_some()))
        .collect())
}

/// Development figures for choosing rules without reading a test set: tagging,
/// parsing and sentence boundaries on UD EWT dev, and the entity stage on UNER
/// English-EWT dev (part of the entity tagger's training data, so only differences
/// between rule variants mean anything there).
pub fn evaluate_dev(corpora: &crate::data::Corpora) -> Result<String, crate::Error> {
    let models = crate::models::Models::shared()?;
    let (_, tagging, parsing, sentences) = score_ewt(&models, corpora, "dev")?;
    let uner_docs = uner_documents(corpora, "dev")?;
    let ner = score_ner_documents(&models, &uner_docs);
    // GUM news documents of the training part (the held-out ones are reported, not tuned on)
    let dir = corpora.gum_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir).map_err(|e| crate::Error::Io(dir.display().to_string(), e))?
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".conllu").map(String::from))
        .filter(|n| n.starts_with("GUM_news_") && !crate::knowledge::GUM_NEWS_HELD_OUT.contains(&n.as_str()))
        .collect();
    names.sort();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let gum = score_ner_documents(&models, &gum_documents(corpora, &names, crate::knowledge::gum_bio)?);
    let gum_names = score_ner_documents(&models, &gum_documents(corpora, &names, crate::knowledge::gum_bio_names)?);
    Ok(format!(
        "EWT dev: UPOS {:.2}, lemma {:.2}, UAS {:.2}, LAS {:.2} ({:.2} with subtypes), sentence F1 {:.4} (P {:.4}, R {:.4})\nUNER dev (training data), entity stage: P {:.3} R {:.3} F1 {:.3}\nGUM news, training part ({} documents), entity stage: P {:.3} R {:.3} F1 {:.3}; name spans: P {:.3} R {:.3} F1 {:.3}",
        tagging.upos, tagging.lemma, parsing.uas, parsing.las, parsing.las_full, sentences.f1, sentences.precision, sentences.recall, ner.precision, ner.recall, ner.f1, names.len(), gum.precision, gum.recall, gum.f1, gum_names.precision, gum_names.recall, gum_names.f1
    ))
}

/// Runs the whole evaluation from the shared corpora.
pub fn evaluate(corpora: &crate::data::Corpora) -> Result<LanguageReport, crate::Error> {
    let models = crate::models::Models::shared()?;
    let (test, tagging, parsing, sentences) = score_ewt(&models, corpora, "test")?;
    let uner_docs = uner_documents(corpora, "test")?;
    let uner: Vec<(Vec<String>, Vec<String>)> = uner_docs.iter().map(|(f, t, _)| (f.clone(), t.clone())).collect();
    let ner_uner_test = score_ner_gold(&models, &uner);
    let ner_uner_test_stage = score_ner_documents(&models, &uner_docs);
    let gum_docs = gum_documents(corpora, crate::knowledge::GUM_NEWS_HELD_OUT, crate::knowledge::gum_bio)?;
    let gum: Vec<(Vec<String>, Vec<String>)> = gum_docs.iter().map(|(f, t, _)| (f.clone(), t.clone())).collect();
    let ner_gum_news = score_ner_gold(&models, &gum);
    let ner_gum_news_stage = score_ner_documents(&models, &gum_docs);
    let gum_names_docs = gum_documents(corpora, crate::knowledge::GUM_NEWS_HELD_OUT, crate::knowledge::gum_bio_names)?;
    let ner_gum_news_names_stage = score_ner_documents(&models, &gum_names_docs);
    // throughput: the whole layer on the rebuilt raw test documents
    // (three passes: one pass is about a second, too short a sample on a busy machine)
    let docs = raw_documents(&test);
    let start = std::time::Instant::now();
    let cpu_start = thread_cpu_seconds();
    let mut speed_tokens = 0;
    for _ in 0..3 {
        for (text, _) in &docs {
            let mut doc = annals_core::Document::from_text("eval", text.clone());
            crate::stage::analyze_syntax(&models, &mut doc);
            crate::stage::analyze_entities(&models, &mut doc);
            speed_tokens += doc.tokens.len();
        }
    }
    let tokens_per_second = speed_tokens as f64 / start.elapsed().as_secs_f64().max(1e-9);
    let cpu_tokens_per_second = cpu_start.zip(thread_cpu_seconds()).map(|(a, b)| speed_tokens as f64 / (b - a).max(1e-9));
    Ok(LanguageReport {
        date: chrono::Local::now().format("%Y-%m-%d").to_string(),
        tagging,
        parsing,
        sentences,
        ner_uner_test,
        ner_uner_test_stage,
        ner_gum_news,
        ner_gum_news_stage,
        ner_gum_news_names_stage,
        tokens_per_second,
        speed_tokens,
        cpu_tokens_per_second,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_boundaries_on_ewt_dev() {
        let Some(corpora) = crate::data::Corpora::locate() else {
            eprintln!("skipped: shared data not found (set ANNALS_SHARED to the folder holding data/)");
            return;
        };
        let dev = crate::conllu::read_conllu(&corpora.ewt("dev")).expect("EWT dev reads");
        let models = crate::models::Models::shared().expect("embedded models load");
        let rules = score_boundaries(&dev, &crate::boundary::BoundaryModel::default(), &models.tagger);
        assert_eq!(rules.gold, 2001);
        assert!(rules.precision > 0.95 && rules.f1 > 0.9, "{rules:?}");
        let learned = score_boundaries(&dev, &models.boundaries, &models.tagger);
        assert!(learned.precision > 0.95 && learned.f1 > rules.f1 + 0.01, "{learned:?} vs rules {rules:?}");
    }

    #[test]
    fn span_scores() {
        let g = vec![(0, 0, 2, "PER".to_string()), (0, 3, 4, "LOC".to_string())];
        let p = vec![(0, 0, 2, "PER".to_string()), (0, 3, 4, "ORG".to_string())];
        let s = score_spans(&g, &p);
        assert_eq!(s.correct, 1);
        assert!((s.f1 - 0.5).abs() < 1e-9);
        let docs = raw_documents(&crate::conllu::parse_conllu("# newdoc id = d\n# text = A b.\n1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\tb\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n# text = C.\n1\tC\tc\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"));
        assert_eq!(docs, vec![("A b. C.".to_string(), vec![4, 7])]);
    }
}
