//! Training: rebuilds every model file from the shared corpora.
//!
//! Only training splits (and, for entities, UNER dev) are learned from;
//! `report_dev` prints development scores. Test splits are never read here.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::binio::Writer;
use crate::boundary::BoundaryModel;
use crate::conllu::{read_conllu, Sentence};
use crate::data::Corpora;
use crate::parser::Parser;
use crate::tagger::{Lemmatizer, PosTagger};
use crate::Error;

/// What to train and where.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The shared folder (holding `data/`).
    pub shared: PathBuf,
    /// Output folder for the model files.
    pub out: PathBuf,
    /// Train only these models (`pos`, `parser`, `sentences`, `ner`, `actors`); all when `None`.
    pub only: Option<Vec<String>>,
    /// Print development-set scores.
    pub report_dev: bool,
    /// Write the entity sets as text to this folder (for the teacher).
    pub export_ner: Option<PathBuf>,
    /// Silver entity labels of EWT train for the entity model of sentences written without capitals
    /// (see [`silver_sentences`]; [`COMMITTED_SILVER`] by default).
    pub ner_silver: Option<PathBuf>,
}

impl TrainOptions {
    fn wants(&self, what: &str) -> bool {
        self.only.as_ref().is_none_or(|o| o.iter().any(|x| x == what))
    }
}

/// Tagger training iterations.
pub const POS_ITERATIONS: usize = 8;
/// Parser training iterations.
pub const PARSER_ITERATIONS: usize = 12;
/// Parser features whose weights all stay below this are dropped (keeps the file a few MB).
pub const PARSER_PRUNE: f32 = 1.0;
/// Folds used to give the parser realistic (predicted) tags on its training data.
pub const JACKKNIFE_FOLDS: usize = 4;

fn write_model(out: &Path, name: &str, w: Writer, log: &mut dyn FnMut(String)) -> Result<(), Error> {
    std::fs::create_dir_all(out).map_err(|e| Error::Io(out.display().to_string(), e))?;
    let path = out.join(name);
    let bytes = w.into_gzip();
    std::fs::write(&path, &bytes).map_err(|e| Error::Io(path.display().to_string(), e))?;
    log(format!("wrote {} ({} KB)", path.display(), bytes.len() / 1024));
    Ok(())
}

/// Tags every sentence with a tagger.
pub fn tag_all(tagger: &PosTagger, sents: &[Sentence]) -> Vec<Vec<String>> {
    sents
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&words).into_iter().map(String::from).collect()
        })
        .collect()
}

/// Runs the training.
pub fn train(opts: &TrainOptions, log: &mut dyn FnMut(String)) -> Result<(), Error> {
    let corpora = Corpora::new(&opts.shared);
    let t0 = Instant::now();
    let ewt_train = read_conllu(&corpora.ewt("train"))?;
    let ewt_dev = if opts.report_dev { read_conllu(&corpora.ewt("dev"))? } else { Vec::new() };
    log(format!("EWT train: {} sentences", ewt_train.len()));

    let mut taggers: Option<(PosTagger, PosTagger)> = None;
    if opts.wants("pos") {
        let t = PosTagger::train(&ewt_train, POS_ITERATIONS, 7);
        let x = PosTagger::train_column(&ewt_train, |w| &w.xpos, POS_ITERATIONS, 8);
        let lem = Lemmatizer::train(&ewt_train);
        if opts.report_dev {
            let r = crate::eval::score_tagging(&t, &lem, &ewt_dev);
            log(format!("dev: UPOS {:.2} %, lemma {:.2} %", r.upos, r.lemma));
        }
        let mut w = Writer::default();
        t.write(&mut w);
        lem.write(&mut w);
        x.write(&mut w);
        write_model(&opts.out, "pos.bin.gz", w, log)?;
        log(format!("pos done at {:.0}s", t0.elapsed().as_secs_f64()));
        taggers = Some((t, x));
    }
    let taggers = match taggers {
        Some(t) => t,
        None => crate::models::embedded_taggers()?,
    };
    let tagger = Some(taggers.0.clone());
    if opts.wants("parser") {
        // EWT train plus GUM (CC BY / BY-SA genres, held-out news left out): more trees, more genres
        let mut parse_train = ewt_train.clone();
        for path in crate::knowledge::gum_training_files(&corpora)? {
            parse_train.extend(read_conllu(&path)?);
        }
        log(format!("parser training sentences: {}", parse_train.len()));
        let ewt_train = parse_train;
        // predicted tags for training, each fold tagged by a tagger that did not see it
        let mut tags: Vec<Vec<String>> = vec![Vec::new(); ewt_train.len()];
        let mut xtags: Vec<Vec<String>> = vec![Vec::new(); ewt_train.len()];
        for fold in 0..JACKKNIFE_FOLDS {
            let train: Vec<Sentence> =
                ewt_train.iter().enumerate().filter(|(i, _)| i % JACKKNIFE_FOLDS != fold).map(|(_, s)| s.clone()).collect();
            let t = PosTagger::train(&train, POS_ITERATIONS, 11 + fold as u64);
            let x = PosTagger::train_column(&train, |w| &w.xpos, POS_ITERATIONS, 21 + fold as u64);
            for (i, s) in ewt_train.iter().enumerate().filter(|(i, _)| i % JACKKNIFE_FOLDS == fold) {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                tags[i] = t.tag(&words).into_iter().map(String::from).collect();
                xtags[i] = x.tag(&words).into_iter().map(String::from).collect();
            }
            log(format!("jackknife fold {} tagged at {:.0}s", fold + 1, t0.elapsed().as_secs_f64()));
        }
        let parser = Parser::train(&ewt_train, &tags, &xtags, PARSER_ITERATIONS, 5, log);
        if opts.report_dev {
            for thr in [0.0, PARSER_PRUNE, PARSER_PRUNE * 2.0] {
                let p = parser.pruned(thr, thr);
                let r = crate::eval::score_parsing(&taggers.0, &taggers.1, &p, &ewt_dev);
                let mut w = Writer::default();
                p.write(&mut w);
                let size = w.into_gzip().len() / 1024;
                log(format!("dev (prune {thr}): UAS {:.2}, LAS {:.2}, LAS full labels {:.2}; {size} KB", r.uas, r.las, r.las_full));
            }
        }
        let mut w = Writer::default();
        parser.pruned(PARSER_PRUNE, PARSER_PRUNE).write(&mut w);
        write_model(&opts.out, "parser.bin.gz", w, log)?;
        log(format!("parser done at {:.0}s", t0.elapsed().as_secs_f64()));
    }
    if opts.wants("sentences") {
        // gaps the punctuation rules leave, learned on EWT train; the threshold by cross-validation on it
        let m = BoundaryModel::train(&crate::eval::raw_documents(&ewt_train), &taggers.0, BOUNDARY_ITERATIONS, BOUNDARY_FOLDS, 9, log);
        if opts.report_dev {
            m.report(&crate::eval::raw_documents(&ewt_dev), &taggers.0, &mut |s| log(format!("dev sentence boundaries, {s}")));
        }
        let mut w = Writer::default();
        m.write(&mut w);
        write_model(&opts.out, "sentences.bin.gz", w, log)?;
        log(format!("sentences done at {:.0}s", t0.elapsed().as_secs_f64()));
    }
    if opts.wants("ner") || opts.wants("actors") {
        let tagger = tagger.clone().expect("set above");
        let common = common_words(&ewt_train);
        let knowledge = crate::knowledge::Knowledge::load(&corpora, &common)?;
        log(format!("gazetteer: {} entries; actors: {} dictionary actors", knowledge.gazetteer.len(), knowledge.actors.actors.len()));
        if opts.wants("actors") {
            let mut w = Writer::default();
            knowledge.actors.write(&mut w);
            write_model(&opts.out, "actors.bin.gz", w, log)?;
        }
        if opts.wants("ner") {
            let data = crate::knowledge::ner_training_data(&corpora, &tagger)?;
            let clusters = crate::clusters::load_committed()?;
            log(format!("NER training sentences: {} (GUM {}, UNER dev {})", data.gum.len() + data.uner_dev.len(), data.gum.len(), data.uner_dev.len()));
            if let Some(dir) = &opts.export_ner {
                export_ner(dir, &corpora, &data, &tagger, &ewt_train)?;
                log(format!("entity sets written to {}", dir.display()));
            }
            // read and tagged once: the development run and the final model add the same sentences
            let silver = load_silver(opts.ner_silver.as_deref(), &ewt_train, &tagger)?;
            log(format!("silver EWT train sentences (for the uncased model): {}", silver.len()));
            if opts.report_dev {
                report_ner_dev(&corpora, &data, &silver, &knowledge.gazetteer, &clusters, &tagger, log)?;
            }
            let all: Vec<_> = data.uner_dev.iter().cloned().chain(data.gum.iter().cloned()).collect();
            let t = train_ner(&all, &uncased_material(&all, &silver, &tagger), &knowledge.gazetteer, &clusters, 3);
            let mut w = Writer::default();
            t.write(&mut w);
            write_model(&opts.out, "ner.bin.gz", w, log)?;
        }
        log(format!("entities done at {:.0}s", t0.elapsed().as_secs_f64()));
    }
    Ok(())
}

/// Sentence-boundary model training iterations.
pub const BOUNDARY_ITERATIONS: usize = 20;
/// Folds of the cross-validation on EWT train that chooses the sentence-boundary threshold.
pub const BOUNDARY_FOLDS: usize = 5;

/// Entity tagger training iterations.
pub const NER_ITERATIONS: usize = 10;

/// The silver labels committed with the models (`models/tools/ner_teacher.py`).
pub const COMMITTED_SILVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ewt-train-silver-ner.tsv.gz");

/// The entity tagger: the cased model on `gold`, the model for sentences written without capitals on
/// `uncased` ([`uncased_material`]).
pub fn train_ner(
    gold: &[crate::knowledge::NerSentence],
    uncased: &[crate::knowledge::NerSentence],
    gazetteer: &crate::ner::Gazetteer,
    clusters: &crate::clusters::Clusters,
    seed: u64,
) -> crate::ner::NerTagger {
    let mut t = crate::ner::NerTagger::train(&as_words(gold), gazetteer.clone(), clusters.clone(), NER_ITERATIONS, seed);
    t.train_uncased(&as_words(uncased), NER_ITERATIONS, seed);
    t
}

/// The training material of the uncased entity model: lower-cased copies of `gold` and `silver`,
/// re-tagged for part of speech (built once, whatever the number of training orders).
pub fn uncased_material(
    gold: &[crate::knowledge::NerSentence],
    silver: &[crate::knowledge::NerSentence],
    tagger: &PosTagger,
) -> Vec<crate::knowledge::NerSentence> {
    gold.iter().chain(silver).map(|s| lower_cased(s, tagger)).collect()
}

/// A training sentence in lower case, its words tagged again.
fn lower_cased((forms, _, gold): &crate::knowledge::NerSentence, tagger: &PosTagger) -> crate::knowledge::NerSentence {
    let forms: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
    let words: Vec<&str> = forms.iter().map(String::as_str).collect();
    let upos = tagger.tag(&words).into_iter().map(String::from).collect();
    (forms, upos, gold.clone())
}

/// Development scores of the entity tagger: a model trained on GUM (minus every
/// fourth news document of its training part) and the even-numbered UNER dev
/// documents, scored on the odd-numbered UNER dev documents and on GUM news
/// (the withheld training-part documents plus GUM's two dev news documents).
/// `ANNALS_NER_SEEDS=3,4,5` averages over several training orders.
fn report_ner_dev(
    corpora: &Corpora,
    data: &crate::knowledge::NerData,
    silver: &[crate::knowledge::NerSentence],
    gazetteer: &crate::ner::Gazetteer,
    clusters: &crate::clusters::Clusters,
    tagger: &PosTagger,
    log: &mut dyn FnMut(String),
) -> Result<(), Error> {
    let split = ner_dev_split(corpora, data, tagger)?;
    let (train, odd, news_dev) = (split.train, split.uner_odd, split.news_dev);
    let uncased = uncased_material(&train, silver, tagger);
    let mut seeds: Vec<u64> = std::env::var("ANNALS_NER_SEEDS").ok().map_or(Vec::new(), |v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect());
    if seeds.is_empty() {
        seeds.push(3);
    }
    let (mut su, mut sn) = (0.0, 0.0);
    for &seed in &seeds {
        let t = train_ner(&train, &uncased, gazetteer, clusters, seed);
        let start = Instant::now();
        let u = crate::eval::score_ner_sentences(&t, &as_words(&odd));
        let words: usize = odd.iter().map(|s| s.0.len()).sum();
        log(format!("seed {seed}: tagging speed {:.0} words/s (entity tagger alone)", words as f64 / start.elapsed().as_secs_f64()));
        let n = crate::eval::score_ner_sentences(&t, &as_words(&news_dev));
        log(format!("seed {seed}: UNER dev (odd documents, held out): {u}"));
        log(format!("seed {seed}: GUM news dev ({} documents, held out): {n}", split.news_docs));
        su += u.f1;
        sn += n.f1;
    }
    log(format!("mean F1 over {} seeds: UNER dev {:.4}, GUM news dev {:.4}", seeds.len(), su / seeds.len() as f64, sn / seeds.len() as f64));
    Ok(())
}

/// Silver sentences whose least certain word the teacher gave less than this probability are left out.
/// All are kept: when the silver sentences went into the cased model (sixth pass; UNER / news dev, 10
/// orders) all gave 0.666 / 0.664, a floor of 0.5 0.663 / 0.665, a floor of 0.9 0.652 / 0.668.
pub const SILVER_MIN_CONFIDENCE: f64 = 0.0;

/// Reads silver labels (`sent_id TAB one tag digit per word TAB lowest word probability`) and
/// joins them with the EWT train sentences (forms, `upos` predicted tags); sentences under
/// `min_confidence`, or whose word count differs, are left out.
pub fn silver_sentences(
    silver: &str,
    ewt_train: &[Sentence],
    upos: &[Vec<String>],
    min_confidence: f64,
) -> Vec<crate::knowledge::NerSentence> {
    let labels: std::collections::HashMap<&str, (&str, f64)> = silver
        .lines()
        .filter_map(|l| {
            let mut it = l.split('\t');
            let (id, tags, conf) = (it.next()?, it.next()?, it.next()?.parse().ok()?);
            Some((id, (tags, conf)))
        })
        .collect();
    ewt_train
        .iter()
        .zip(upos)
        .filter_map(|(s, u)| {
            let &(tags, conf) = labels.get(s.id.as_str())?;
            let gold: Vec<usize> = tags.bytes().map(|b| usize::from(b.wrapping_sub(b'0'))).collect();
            if conf < min_confidence || gold.len() != s.words.len() || gold.iter().any(|&t| t >= crate::ner::TAGS.len()) {
                return None;
            }
            Some((s.words.iter().map(|w| w.form.clone()).collect(), u.clone(), gold))
        })
        .collect()
}

/// Silver sentences from the gzipped file at `path` (none without one): the confidence floor is
/// [`SILVER_MIN_CONFIDENCE`] unless `ANNALS_NER_SILVER_MIN` says otherwise.
pub fn load_silver(path: Option<&Path>, ewt_train: &[Sentence], tagger: &PosTagger) -> Result<Vec<crate::knowledge::NerSentence>, Error> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let bytes = std::fs::read(path).map_err(|e| Error::Io(path.display().to_string(), e))?;
    let text = String::from_utf8(crate::binio::gunzip(&bytes)?).map_err(|_| Error::Model(format!("{} is not UTF-8", path.display())))?;
    let min = std::env::var("ANNALS_NER_SILVER_MIN").ok().and_then(|v| v.parse().ok()).unwrap_or(SILVER_MIN_CONFIDENCE);
    Ok(silver_sentences(&text, ewt_train, &tag_all(tagger, ewt_train), min))
}

/// The entity development protocol's sets.
pub struct NerDevSplit {
    /// GUM minus every fourth news document of its training part, plus the even-numbered UNER dev documents.
    pub train: Vec<crate::knowledge::NerSentence>,
    /// The odd-numbered UNER dev documents (held out).
    pub uner_odd: Vec<crate::knowledge::NerSentence>,
    /// Whether each sentence of `uner_odd` starts a document.
    pub uner_odd_starts: Vec<bool>,
    /// The withheld GUM news documents plus GUM's dev news documents (held out).
    pub news_dev: Vec<crate::knowledge::NerSentence>,
    /// Whether each sentence of `news_dev` starts a document.
    pub news_dev_starts: Vec<bool>,
    /// Documents in `news_dev`.
    pub news_docs: usize,
}

/// Splits the entity data for `annals-train --dev` (development protocol of `report_ner_dev`).
pub fn ner_dev_split(corpora: &Corpora, data: &crate::knowledge::NerData, tagger: &PosTagger) -> Result<NerDevSplit, Error> {
    let mut news: Vec<&str> = data.gum_doc.iter().map(String::as_str).filter(|d| d.starts_with("GUM_news_")).collect();
    news.dedup();
    let withheld: Vec<&str> = news.iter().enumerate().filter(|(i, _)| i % 4 == 1).map(|(_, d)| *d).collect();
    let mut train: Vec<_> = data.uner_dev.iter().zip(&data.uner_doc).filter(|(_, d)| *d % 2 == 0).map(|(s, _)| s.clone()).collect();
    let (mut news_dev, mut news_dev_starts) = (Vec::new(), Vec::new());
    let mut last_doc = None;
    for (s, d) in data.gum.iter().zip(&data.gum_doc) {
        if withheld.contains(&d.as_str()) {
            news_dev.push(s.clone());
            news_dev_starts.push(last_doc != Some(d));
            last_doc = Some(d);
        } else {
            train.push(s.clone());
        }
    }
    for name in crate::knowledge::GUM_NEWS_DEV {
        let doc = crate::knowledge::gum_ner_sentences(&corpora.gum_dir().join(format!("{name}.conllu")), tagger)?;
        news_dev_starts.extend((0..doc.len()).map(|k| k == 0));
        news_dev.extend(doc);
    }
    let odd: Vec<_> = data.uner_dev.iter().zip(&data.uner_doc).filter(|(_, d)| *d % 2 == 1).collect();
    let uner_odd = odd.iter().map(|(s, _)| (*s).clone()).collect();
    let uner_odd_starts = odd.iter().enumerate().map(|(k, (_, d))| k == 0 || odd[k - 1].1 != *d).collect();
    Ok(NerDevSplit { train, uner_odd, uner_odd_starts, news_dev, news_dev_starts, news_docs: withheld.len() + crate::knowledge::GUM_NEWS_DEV.len() })
}

/// Writes the entity sets as text for the teacher (`models/tools/ner_teacher.py`): one
/// `form TAB upos TAB BIO` line per word, a `# id` line before and a blank line after each
/// sentence. `dev-train`, `uner-odd`, `news-dev` are the development protocol's sets,
/// `full-train` the final model's material, `ewt-train` UD EWT train (ids = sent_id, tags `O`).
fn export_ner(dir: &Path, corpora: &Corpora, data: &crate::knowledge::NerData, tagger: &PosTagger, ewt_train: &[Sentence]) -> Result<(), Error> {
    use std::fmt::Write as _;
    std::fs::create_dir_all(dir).map_err(|e| Error::Io(dir.display().to_string(), e))?;
    let write = |name: &str, sents: &mut dyn Iterator<Item = (String, &[String], &[String], Vec<&str>)>| -> Result<(), Error> {
        let mut out = String::new();
        for (id, forms, upos, tags) in sents {
            let _ = writeln!(out, "# {id}");
            for ((f, u), t) in forms.iter().zip(upos).zip(tags) {
                let _ = writeln!(out, "{f}\t{u}\t{t}");
            }
            out.push('\n');
        }
        let path = dir.join(format!("{name}.tsv"));
        std::fs::write(&path, out).map_err(|e| Error::Io(path.display().to_string(), e))
    };
    let gold = |v: &[crate::knowledge::NerSentence], name: &str| -> Result<(), Error> {
        write(name, &mut v.iter().enumerate().map(|(i, (f, u, g))| (format!("{name}-{i}"), &f[..], &u[..], g.iter().map(|&t| crate::ner::TAGS[t]).collect())))
    };
    let split = ner_dev_split(corpora, data, tagger)?;
    gold(&split.train, "dev-train")?;
    gold(&split.uner_odd, "uner-odd")?;
    gold(&split.news_dev, "news-dev")?;
    let all: Vec<_> = data.uner_dev.iter().cloned().chain(data.gum.iter().cloned()).collect();
    gold(&all, "full-train")?;
    let upos = tag_all(tagger, ewt_train);
    let forms: Vec<Vec<String>> = ewt_train.iter().map(|s| s.words.iter().map(|w| w.form.clone()).collect()).collect();
    write(
        "ewt-train",
        &mut ewt_train.iter().zip(&forms).zip(&upos).map(|((s, f), u)| (s.id.clone(), &f[..], &u[..], vec!["O"; f.len()])),
    )
}

fn as_words(v: &[crate::knowledge::NerSentence]) -> Vec<(Vec<crate::ner::NerWord<'_>>, Vec<usize>)> {
    v.iter().map(|(f, t, g)| (f.iter().zip(t).map(|(f, t)| crate::ner::NerWord { form: f, upos: t }).collect(), g.clone())).collect()
}

/// Words seen in lower case at least twice in the corpus: single-word gazetteer entries among them are dropped.
pub fn common_words(sents: &[Sentence]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for s in sents {
        for w in &s.words {
            if w.form.chars().next().is_some_and(char::is_lowercase) {
                *counts.entry(w.form.as_str()).or_default() += 1;
            }
        }
    }
    counts.into_iter().filter(|(_, c)| *c >= 2).map(|(w, _)| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse_conllu;

    const EWT: &str = "# sent_id = a-1\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tlove\tlove\tVERB\tVBP\t_\t0\troot\t_\t_\n3\tBoston\tBoston\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\n\
# sent_id = a-2\n1\tCall\tcall\tVERB\tVB\t_\t0\troot\t_\t_\n2\tJohn\tJohn\tPROPN\tNNP\t_\t1\tobj\t_\t_\n\n\
# sent_id = a-3\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn silver_labels_join_ewt_sentences_by_id() {
        let sents = parse_conllu(EWT);
        let upos: Vec<Vec<String>> = sents.iter().map(|s| s.words.iter().map(|w| w.upos.clone()).collect()).collect();
        // a-1: Boston B-LOC, sure; a-2: John B-PER, unsure; a-3: wrong word count; a-9: not in EWT
        let silver = "a-1\t005\t0.97\na-2\t01\t0.60\na-3\t00\t0.99\na-9\t0\t1.00\n";
        let got = silver_sentences(silver, &sents, &upos, 0.9);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, vec!["I", "love", "Boston"]);
        assert_eq!(got[0].1, vec!["PRON", "VERB", "PROPN"]);
        assert_eq!(got[0].2, vec![0, 0, 5]);
        let all = silver_sentences(silver, &sents, &upos, 0.0);
        assert_eq!(all.iter().map(|s| s.2.clone()).collect::<Vec<_>>(), vec![vec![0, 0, 5], vec![0, 1]]);
    }
}
