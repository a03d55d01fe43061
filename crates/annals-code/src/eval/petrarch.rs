//! The PETRARCH2 unit-test records: expected (source, target, CAMEO) codings
//! over fictional actors, coded with the `PETR.Validate.*` dictionaries.
//!
//! Each record's sentence is read either from its Penn Treebank parse
//! (converted to dependencies by [`crate::ptb`]) or prepared by the caller's
//! language core; the report says which.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use annals_core::{Document, Factuality, Span};
use serde::Serialize;

use crate::actors::DictActors;
use crate::coder::{Coder, CoderConfig};
use crate::dict::{parse_actors, parse_agents, parse_discards, VerbDictionary};
use crate::sent::Sentence;
use crate::CodeError;
use super::ratio;

/// One unit-test record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// Category (DEMO, AGENT, ...).
    pub category: String,
    /// Date, `YYYYMMDD`.
    pub date: u32,
    /// Expected (source, target, code) codings.
    pub expected: Vec<(String, String, String)>,
    /// Sentence text.
    pub text: String,
    /// PTB parse, when given.
    pub parse: Option<String>,
    /// The file's `<Config option="require_dyad">` in effect for this record
    /// (PETRARCH's unit-test runner applies those options record by record).
    pub require_dyad: bool,
}

/// The value of each `<Config option=… value=…>` tag in `text`, outside XML comments, in order.
fn config_options(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (c, k) = (rest.find("<!--"), rest.find("<Config"));
        match (c, k) {
            (Some(c), Some(k)) if c < k => match rest[c..].find("-->") {
                Some(e) => rest = &rest[c + e + 3..],
                None => break,
            },
            (_, Some(k)) => {
                let e = rest[k..].find('>').map_or(rest.len(), |e| k + e);
                let tag = &rest[k..e];
                if let (Some(o), Some(v)) = (attr(tag, "option"), attr(tag, "value")) {
                    out.push((o, v));
                }
                rest = &rest[e..];
            }
            _ => break,
        }
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let after = rest[i + name.len()..].trim_start();
        let before_ok = i == 0 || rest[..i].ends_with(|c: char| c.is_whitespace());
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                if let Some(v) = v.strip_prefix('"') {
                    return v.find('"').map(|j| v[..j].to_string());
                }
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

/// Reads the records file.
pub fn parse_records(xml: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut rest = xml;
    let mut require_dyad = true;
    while let Some(i) = rest.find("<Sentence ") {
        for (o, v) in config_options(&rest[..i]) {
            if o == "require_dyad" {
                require_dyad = !v.eq_ignore_ascii_case("false");
            }
        }
        let body_start = i;
        let Some(end) = rest[i..].find("</Sentence>") else { break };
        let block = &rest[body_start..i + end];
        rest = &rest[i + end + 11..];
        let tag_end = block.find('>').unwrap_or(block.len());
        let tag = &block[..tag_end];
        let mut expected = Vec::new();
        let mut r = block;
        while let Some(j) = r.find("<EventCoding") {
            let e = r[j..].find('>').map(|k| j + k).unwrap_or(r.len());
            let t = &r[j..e];
            if let Some(code) = attr(t, "eventcode") {
                expected.push((attr(t, "sourcecode").unwrap_or_default(), attr(t, "targetcode").unwrap_or_default(), code));
            }
            r = &r[e.min(r.len())..];
        }
        let text = between(block, "<Text>", "</Text>").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
        out.push(Record {
            id: attr(tag, "id").unwrap_or_default(),
            category: attr(tag, "category").unwrap_or_default(),
            date: attr(tag, "date").and_then(|d| d.parse().ok()).unwrap_or(0),
            expected,
            text: text.replace("&amp;", "&"),
            parse: between(block, "<Parse>", "</Parse>").map(|p| p.to_string()),
            require_dyad,
        });
    }
    out
}

/// Per-category figures.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    /// Records.
    pub records: usize,
    /// Expected codings.
    pub expected: usize,
    /// Expected codings found.
    pub found: usize,
    /// Codings produced.
    pub produced: usize,
    /// Produced codings that were expected.
    pub correct: usize,
}

/// The report of `annals eval events`.
#[derive(Debug, Clone, Serialize)]
pub struct PetrarchReport {
    /// Which sentences the coder read ("PTB parse converted to dependencies", ...).
    pub input: String,
    /// Coder options.
    pub config: String,
    /// All records.
    pub total: Counts,
    /// By category.
    pub by_category: BTreeMap<String, Counts>,
    /// The dev part of the records (see [`is_dev`]): the one looked at while tuning.
    pub dev: Counts,
    /// The held-out part: only scored, never looked at record by record.
    pub held_out: Counts,
    /// Matched codings whose factuality is not `actual`.
    pub matched_non_actual: usize,
    /// Their factualities.
    pub matched_non_actual_by_class: BTreeMap<String, usize>,
    /// Per record differences, when asked for.
    pub differences: Vec<String>,
}

/// The dictionaries of the unit tests.
pub struct ValidateDictionaries {
    /// Verbs.
    pub verbs: VerbDictionary,
    /// Actors.
    pub actors: DictActors,
    /// Discards.
    pub discards: Vec<Vec<String>>,
}

impl ValidateDictionaries {
    /// Loads `PETR.Validate.{verbs,actors,agents,discards}.txt` from a folder.
    pub fn load(dir: &Path) -> Result<ValidateDictionaries, CodeError> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read_to_string(&p).map_err(|e| CodeError::File { path: p.display().to_string(), reason: e.to_string() })
        };
        let verbs = VerbDictionary::parse(&read("PETR.Validate.verbs.txt")?);
        let agents = parse_agents(&read("PETR.Validate.agents.txt")?);
        let actors = DictActors::new(parse_actors(&read("PETR.Validate.actors.txt")?), &agents);
        let discards = parse_discards(&read("PETR.Validate.discards.txt")?);
        Ok(ValidateDictionaries { verbs, actors, discards })
    }
}

/// The records have no dev/test split of their own. This one is deterministic:
/// within each category, records in file order alternate dev (1st, 3rd, ...)
/// and held-out (2nd, 4th, ...), so both parts cover every category.
/// `--show` lists differences of dev records only.
pub fn is_dev(ordinal_in_category: usize) -> bool {
    ordinal_in_category.is_multiple_of(2)
}

fn add_counts(t: &mut Counts, c: &Counts) {
    t.records += c.records;
    t.expected += c.expected;
    t.found += c.found;
    t.produced += c.produced;
    t.correct += c.correct;
}

/// The coder options used on the records (PETRARCH's conventions).
pub fn petrarch_config() -> CoderConfig {
    CoderConfig { noun_triggers: false, joint_both_directions: true, require_dyad: true, pair_compound_subjects: true }
}

/// Scores the coder on the records in `petrarch_dir` (the folder holding
/// `text/` and `dictionaries/`). `prepare`, when given, replaces the records'
/// parses: it receives a document holding the sentence text and fills its
/// sentences and tokens.
pub fn evaluate(petrarch_dir: &Path, prepare: Option<(&dyn Fn(&mut Document), &str)>, show: bool) -> Result<PetrarchReport, CodeError> {
    let xml_path = petrarch_dir.join("text/PETR.UnitTest.records.xml");
    let xml = std::fs::read_to_string(&xml_path).map_err(|e| CodeError::File { path: xml_path.display().to_string(), reason: e.to_string() })?;
    let records = parse_records(&xml);
    let mut dicts = ValidateDictionaries::load(&petrarch_dir.join("dictionaries"))?;
    let mut coder = Coder::new(&dicts.verbs, petrarch_config());
    coder.discards = std::mem::take(&mut dicts.discards);
    // the records the file runs with `require_dyad` false
    let mut monad_coder = coder.clone();
    monad_coder.config.require_dyad = false;
    let cfg = petrarch_config();
    let mut report = PetrarchReport {
        input: match prepare {
            Some((_, name)) => name.to_string(),
            None => "PTB parses of the records, converted to dependencies by head rules (annals_code::ptb)".into(),
        },
        config: format!("noun triggers {}, joint events both directions {}, dyads only {}, coordinated subjects paired {}", cfg.noun_triggers, cfg.joint_both_directions, cfg.require_dyad, cfg.pair_compound_subjects),
        total: Counts::default(),
        by_category: BTreeMap::new(),
        dev: Counts::default(),
        held_out: Counts::default(),
        matched_non_actual: 0,
        matched_non_actual_by_class: BTreeMap::new(),
        differences: Vec::new(),
    };
    let mut ordinals: BTreeMap<String, usize> = BTreeMap::new();
    for rec in &records {
        let ordinal = ordinals.entry(rec.category.clone()).or_default();
        let dev = is_dev(*ordinal);
        *ordinal += 1;
        let sentence = match prepare {
            Some((f, _)) => {
                // PETRARCH joins the words of a dictionary phrase with `_` ("Dol_Amroth"); the
                // records' parses split them, and so must the text the pipeline reads
                let mut doc = Document::from_text(rec.id.clone(), rec.text.replace('_', " "));
                f(&mut doc);
                if doc.sentences.is_empty() {
                    doc.sentences.push(Span::new(0, rec.text.chars().count()));
                }
                // the records are single sentences; a splitter may cut them: code every piece
                Sentence::from_document(&doc)
            }
            None => match rec.parse.as_deref().map(|p| crate::ptb::convert(p, coder.index(), &dicts.verbs)) {
                Some(Some(c)) => {
                    let n = c.text.chars().count();
                    vec![Sentence::new(0, Span::new(0, n), c.toks)]
                }
                // a parse that cannot be read is bad input (the ERROR records): nothing to code
                Some(None) => Vec::new(),
                None => {
                    let mut doc = Document::from_text(rec.id.clone(), rec.text.clone());
                    doc.sentences.push(Span::new(0, rec.text.chars().count()));
                    Sentence::from_document(&doc)
                }
            },
        };
        dicts.actors.date = rec.date;
        let mut produced: Vec<(String, String, String, Factuality)> = Vec::new();
        let coder = if rec.require_dyad { &coder } else { &monad_coder };
        for s in &sentence {
            for e in coder.code_sentence(s, &dicts.actors) {
                // PETRARCH writes a missing actor as `---`
                let src = e.source.as_ref().map_or_else(|| "---".to_string(), |c| c.code.clone());
                let tgt = e.target.as_ref().map_or_else(|| "---".to_string(), |c| c.code.clone());
                let fact = crate::factuality::assess(s, e.trigger.0, e.nominal).factuality;
                if !produced.iter().any(|p| p.0 == src && p.1 == tgt && p.2 == e.code) {
                    produced.push((src, tgt, e.code.clone(), fact));
                }
            }
        }
        let cat = report.by_category.entry(rec.category.clone()).or_default();
        let expected = rec.expected.clone();
        cat.records += 1;
        cat.expected += expected.len();
        cat.produced += produced.len();
        let mut found = 0;
        for x in &expected {
            if produced.iter().any(|p| p.0 == x.0 && p.1 == x.1 && p.2 == x.2) {
                found += 1;
            }
        }
        let mut correct = 0;
        for p in &produced {
            if expected.iter().any(|x| p.0 == x.0 && p.1 == x.1 && p.2 == x.2) {
                correct += 1;
                if p.3 != Factuality::Actual {
                    report.matched_non_actual += 1;
                    *report.matched_non_actual_by_class.entry(p.3.as_str().to_string()).or_default() += 1;
                }
            }
        }
        cat.found += found;
        cat.correct += correct;
        let rec_counts = Counts { records: 1, expected: expected.len(), found, produced: produced.len(), correct };
        add_counts(if dev { &mut report.dev } else { &mut report.held_out }, &rec_counts);
        if show && dev && (found < expected.len() || correct < produced.len()) {
            let fmt_e = |v: &[(String, String, String)]| v.iter().map(|(a, b, c)| format!("{a}/{b}/{c}")).collect::<Vec<_>>().join(" ");
            let prod: Vec<(String, String, String)> = produced.iter().map(|p| (p.0.clone(), p.1.clone(), p.2.clone())).collect();
            // the parse the coder read, in the unit tests' `form/lemma/UPOS/head/deprel` shape
            let parse = sentence
                .iter()
                .map(|s| s.toks.iter().map(|t| format!("{}/{}/{}/{}/{}", t.form, t.lemma, t.upos, t.head.map_or(0, |h| h + 1), t.deprel)).collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" || ");
            report.differences.push(format!("{} | {} | expected: {} | coded: {}\n       parse: {parse}", rec.id, rec.text, fmt_e(&expected), fmt_e(&prod)));
        }
    }
    let mut t = Counts::default();
    for c in report.by_category.values() {
        add_counts(&mut t, c);
    }
    report.total = t;
    Ok(report)
}

impl fmt::Display for PetrarchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &self.total;
        writeln!(f, "PETRARCH2 unit-test records, PETR.Validate dictionaries")?;
        writeln!(f, "input: {}", self.input)?;
        writeln!(f, "coder: {}", self.config)?;
        writeln!(
            f,
            "records {}; expected codings {}; found {} (recall {:.3}); coded {}, of which expected {} (precision {:.3})",
            t.records,
            t.expected,
            t.found,
            ratio(t.found, t.expected),
            t.produced,
            t.correct,
            ratio(t.correct, t.produced)
        )?;
        let classes = self.matched_non_actual_by_class.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
        writeln!(f, "matched codings marked non-actual: {} ({})", self.matched_non_actual, if classes.is_empty() { "none".into() } else { classes })?;
        writeln!(f, "split: dev = 1st, 3rd, ... record of each category; held-out = 2nd, 4th, ...")?;
        let header = |f: &mut fmt::Formatter<'_>, first: &str| {
            writeln!(f, "  {:<10} {:>7} {:>8} {:>6} {:>7} {:>8} {:>7} {:>9}", first, "records", "expected", "found", "recall", "coded", "correct", "precision")
        };
        header(f, "part")?;
        let parts = [("dev", &self.dev), ("held-out", &self.held_out), ("all", &self.total)];
        for (i, (c, x)) in parts.into_iter().chain(self.by_category.iter().map(|(c, x)| (c.as_str(), x))).enumerate() {
            if i == parts.len() {
                header(f, "category")?;
            }
            writeln!(
                f,
                "  {:<10} {:>7} {:>8} {:>6} {:>7.3} {:>8} {:>7} {:>9.3}",
                c,
                x.records,
                x.expected,
                x.found,
                ratio(x.found, x.expected),
                x.produced,
                x.correct,
                ratio(x.correct, x.produced)
            )?;
        }
        if !self.differences.is_empty() {
            writeln!(f, "  differences of dev records only (the held-out records are scored, not shown)")?;
        }
        for d in &self.differences {
            writeln!(f, "  DIFF {d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_carry_the_require_dyad_option_in_effect() {
        let xml = r#"<Sentences>
<Sentence date="19950101" id="A-01" category="A"><Text>one</Text></Sentence>
<!-- a <Config option="require_dyad" value="false"></Config> in a comment is no option -->
<Sentence date="19950101" id="A-02" category="A"><Text>two</Text></Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Sentence date="19950101" id="A-03" category="A"><Text>three</Text></Sentence>
<Config option="comma_max" value="0"></Config>
<Sentence date="19950101" id="A-04" category="A"><Text>four</Text></Sentence>
<Config option="require_dyad" value="True"></Config>
<Sentence date="19950101" id="A-05" category="A"><Text>five</Text></Sentence>
</Sentences>"#;
        let dyad: Vec<(String, bool)> = parse_records(xml).into_iter().map(|r| (r.id, r.require_dyad)).collect();
        let want = [("A-01", true), ("A-02", true), ("A-03", false), ("A-04", false), ("A-05", true)];
        assert_eq!(dyad, want.iter().map(|(i, d)| (i.to_string(), *d)).collect::<Vec<_>>());
    }
}
