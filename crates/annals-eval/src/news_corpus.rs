//! The judged news-event corpus (`eval/news-events/`): which articles, their
//! split, and each article's text derived from `../shared/data` by a fixed
//! rule, the same rule as `eval/tools/news_events.py` (the annotators read
//! exactly this text, and the gold file holds character offsets into it).
//!
//! | id | text |
//! |---|---|
//! | `polnear/<split>/<stem>` | `quotes/polnear/<split>/text/<stem>.txt` as it is |
//! | `timebank/<stem>` | `time/timebank/<stem>.tml`: inside `<TEXT>`, tags removed, entities decoded |
//! | `wcxb/<id>` | `extraction/wcxb-dev/ground-truth.json.gz`: `main_content` |
//! | `scrapinghub/<id>` | `extraction/scrapinghub/ground-truth.json.gz`: `articleBody` |
//! | `gum/<slug>` | the repository's `samples/expected.jsonl`: `text` |

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::EvalError;

/// The article list, embedded: the split is fixed with the corpus.
pub const ARTICLES_TSV: &str = include_str!("../../../eval/news-events/articles.tsv");
/// The reference events, embedded (offsets only).
pub const GOLD_TSV: &str = include_str!("../../../eval/news-events/gold.tsv");
/// The documents read in full (only these are scored).
pub const JUDGED_TSV: &str = include_str!("../../../eval/news-events/judged.tsv");

/// One article of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Document id (`polnear/dev/…`).
    pub id: String,
    /// Source collection (`polnear`, `timebank`, …).
    pub collection: String,
    /// `train`, `dev` or `heldout`.
    pub split: String,
    /// Length of the text in characters, to detect a changed derivation.
    pub chars: usize,
}

/// The corpus's article list.
pub fn articles() -> Vec<Article> {
    ARTICLES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some(Article { id: f.first()?.to_string(), collection: f.get(1)?.to_string(), split: f.get(2)?.to_string(), chars: f.get(3)?.parse().ok()? })
        })
        .collect()
}

/// The ids of the documents an annotator read in full.
pub fn judged() -> Vec<String> {
    JUDGED_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| l.split('\t').next().map(str::to_string)).collect()
}

/// Reads the corpus texts from the shared data folder (and the repository's samples).
pub struct CorpusTexts {
    data: PathBuf,
    samples: PathBuf,
    json: HashMap<&'static str, serde_json::Value>,
    sample_docs: Option<HashMap<String, (String, Option<String>)>>,
}

impl CorpusTexts {
    /// Texts from `data` (`../shared/data`) and `samples` (the repository's `samples/expected.jsonl`).
    pub fn new(data: &Path, samples: &Path) -> CorpusTexts {
        CorpusTexts { data: data.to_path_buf(), samples: samples.to_path_buf(), json: HashMap::new(), sample_docs: None }
    }

    fn gold_json(&mut self, which: &'static str) -> Result<&serde_json::Value, EvalError> {
        if !self.json.contains_key(which) {
            let path = self.data.join(which);
            let file = std::fs::File::open(&path).map_err(|_| EvalError::Missing(path.clone()))?;
            let v: serde_json::Value = serde_json::from_reader(flate2::read::GzDecoder::new(file)).map_err(|e| EvalError::Gold { path: path.clone(), reason: e.to_string() })?;
            self.json.insert(which, v);
        }
        Ok(&self.json[which])
    }

    fn polnear_date(&self, stem: &str) -> Option<String> {
        let meta = std::fs::read_to_string(self.data.join("quotes/polnear/metadata.tsv")).ok()?;
        let mut lines = meta.lines();
        let head: Vec<&str> = lines.next()?.split('\t').collect();
        let (fi, di) = (head.iter().position(|h| *h == "filename")?, head.iter().position(|h| *h == "publication_date")?);
        lines.map(|l| l.split('\t').collect::<Vec<_>>()).find(|f| f.get(fi) == Some(&stem)).and_then(|f| f.get(di).map(|d| d.to_string()))
    }

    /// The text of an article and its publication date (`YYYY-MM-DD`), when known.
    pub fn text(&mut self, id: &str) -> Result<(String, Option<String>), EvalError> {
        let (kind, rest) = id.split_once('/').ok_or_else(|| self.bad(id, "not a corpus id"))?;
        match kind {
            "polnear" => {
                let (split, stem) = rest.split_once('/').ok_or_else(|| self.bad(id, "not a PolNeAR id"))?;
                let path = self.data.join("quotes/polnear").join(split).join("text").join(format!("{stem}.txt"));
                let text = std::fs::read_to_string(&path).map_err(|_| EvalError::Missing(path))?;
                Ok((text, self.polnear_date(stem)))
            }
            "timebank" => {
                let path = self.data.join("time/timebank").join(format!("{rest}.tml"));
                let raw = std::fs::read_to_string(&path).map_err(|_| EvalError::Missing(path.clone()))?;
                let text = timebank_text(&raw).ok_or_else(|| EvalError::Gold { path, reason: "no <TEXT> element".into() })?;
                Ok((text, timebank_creation_date(&raw)))
            }
            "wcxb" | "scrapinghub" => {
                let (file, field, date) = if kind == "wcxb" {
                    ("extraction/wcxb-dev/ground-truth.json.gz", "main_content", Some("publish_date"))
                } else {
                    ("extraction/scrapinghub/ground-truth.json.gz", "articleBody", None)
                };
                let v = &self.gold_json(file)?[rest];
                let text = v[field].as_str().map(str::to_string);
                let date = date.and_then(|d| v[d].as_str()).map(|d| d.chars().take(10).collect());
                text.map(|t| (t, date)).ok_or_else(|| self.bad(id, "no such page in the ground truth"))
            }
            "gum" => {
                if self.sample_docs.is_none() {
                    let raw = std::fs::read_to_string(&self.samples).map_err(|_| EvalError::Missing(self.samples.clone()))?;
                    let mut docs = HashMap::new();
                    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
                        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| EvalError::Gold { path: self.samples.clone(), reason: e.to_string() })?;
                        if let (Some(slug), Some(text)) = (v["slug"].as_str(), v["text"].as_str()) {
                            docs.insert(slug.to_string(), (text.to_string(), v["published"].as_str().map(str::to_string)));
                        }
                    }
                    self.sample_docs = Some(docs);
                }
                self.sample_docs.as_ref().and_then(|d| d.get(rest)).cloned().ok_or_else(|| self.bad(id, "no such sample"))
            }
            _ => Err(self.bad(id, "unknown collection")),
        }
    }

    fn bad(&self, id: &str, why: &str) -> EvalError {
        EvalError::Gold { path: PathBuf::from("eval/news-events/articles.tsv"), reason: format!("{id}: {why}") }
    }
}

/// The text of a TimeML document: the `<TEXT>` element without its tags,
/// with XML entities decoded.
pub fn timebank_text(raw: &str) -> Option<String> {
    let start = raw.find("<TEXT>")? + "<TEXT>".len();
    let end = raw[start..].find("</TEXT>")? + start;
    let mut out = String::with_capacity(end - start);
    let mut in_tag = false;
    for c in raw[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    Some(decode_entities(&out))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn timebank_creation_date(raw: &str) -> Option<String> {
    let at = raw.find("functionInDocument=\"CREATION_TIME\"")?;
    let tag_start = raw[..at].rfind('<')?;
    let tag = &raw[tag_start..at];
    let v = tag.find("value=\"")? + "value=\"".len();
    Some(tag[v..].chars().take(10).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timebank_text_drops_tags_and_keeps_spacing() {
        let raw = "<DCT><TIMEX3 tid=\"t0\" value=\"1998-02-19T08:02:00\" functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT>\n<TEXT>\nA <EVENT eid=\"e1\">said</EVENT> B &amp; C.\n</TEXT>";
        assert_eq!(timebank_text(raw).unwrap(), "\nA said B & C.\n");
        assert_eq!(timebank_creation_date(raw).as_deref(), Some("1998-02-19"));
    }

    #[test]
    fn the_article_list_has_fixed_splits() {
        let a = articles();
        assert!(a.len() >= 300, "{} articles", a.len());
        assert!(a.iter().filter(|a| a.split == "heldout").count() >= 60);
        // TimeBank is evaluation only
        assert!(a.iter().filter(|a| a.collection == "timebank").all(|a| a.split != "train"));
        // PolNeAR dev is never trained on
        assert!(a.iter().filter(|a| a.id.starts_with("polnear/dev/")).all(|a| a.split != "train"));
    }

    #[test]
    fn derived_texts_are_the_annotated_ones() {
        let Some(data) = crate::shared_data_dir() else {
            eprintln!("skipped: ../shared/data not found");
            return;
        };
        let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/expected.jsonl");
        let mut texts = CorpusTexts::new(&data, &samples);
        for a in articles() {
            let (text, _) = texts.text(&a.id).unwrap();
            assert_eq!(text.chars().count(), a.chars, "{}: the text derivation changed", a.id);
        }
    }
}
