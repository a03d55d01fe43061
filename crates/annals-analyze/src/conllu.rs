//! Readers for the training and evaluation corpora: CoNLL-U (UD EWT, GUM)
//! and the IOB2 files of Universal NER.

use std::io::Read;
use std::path::Path;

use crate::Error;

/// One syntactic word of a gold sentence.
#[derive(Debug, Clone, Default)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific POS tag (PTB for English).
    pub xpos: String,
    /// 0-based index of the head in the sentence; `None` for the root.
    pub head: Option<usize>,
    /// Dependency relation.
    pub deprel: String,
    /// The MISC column.
    pub misc: String,
}

/// One gold sentence.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`.
    pub text: String,
    /// `# newdoc id`, on a document's first sentence.
    pub newdoc: Option<String>,
    /// True when a `# newpar` (or a new document) starts here.
    pub newpar: bool,
    /// Syntactic words (multiword ranges and empty nodes left out).
    pub words: Vec<Word>,
    /// Gold named-entity tags (BIO, e.g. `B-PER`) when the corpus has them.
    pub ner: Vec<String>,
}

/// Reads a file, gunzipping `.gz`.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io(path.display().to_string(), e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(|e| Error::Io(path.display().to_string(), e))?;
        Ok(s)
    } else {
        String::from_utf8(bytes).map_err(|_| Error::Data(format!("{} is not UTF-8", path.display())))
    }
}

/// Parses CoNLL-U text.
pub fn parse_conllu(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut pending_doc: Option<String> = None;
    let mut pending_par = false;
    for line in text.lines() {
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(id) = c.strip_prefix("newdoc id =").or_else(|| c.strip_prefix("newdoc")) {
                pending_doc = Some(id.trim().to_string());
                pending_par = true;
            } else if c.starts_with("newpar") {
                pending_par = true;
            } else if let Some(id) = c.strip_prefix("sent_id =") {
                cur.id = id.trim().to_string();
            } else if let Some(t) = c.strip_prefix("text =") {
                cur.text = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        if cur.words.is_empty() {
            cur.newdoc = pending_doc.take();
            cur.newpar = std::mem::take(&mut pending_par);
        }
        let head = cols[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1));
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// Reads a CoNLL-U file (optionally gzipped).
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, Error> {
    Ok(parse_conllu(&read_text(path)?))
}

/// Parses a Universal NER IOB2 file: words carry only `form`, tags go to `ner`.
pub fn parse_iob2(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut pending_doc = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(id) = c.strip_prefix("newdoc id =") {
                pending_doc = Some(id.trim().to_string());
            } else if let Some(id) = c.strip_prefix("sent_id =") {
                cur.id = id.trim().to_string();
            } else if let Some(t) = c.strip_prefix("text =") {
                cur.text = t.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        if cur.words.is_empty() {
            cur.newdoc = pending_doc.take();
            cur.newpar = cur.newdoc.is_some();
        }
        cur.words.push(Word { form: cols[1].to_string(), ..Word::default() });
        cur.ner.push(cols[2].to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// A GUM entity mention: word range `[start, end)` in its sentence and its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// GUM entity type (`person`, `place`, `organization`, ...).
    pub etype: String,
}

/// Entity mentions of a GUM sentence, from the `Entity=` brackets in MISC.
pub fn gum_mentions(sent: &Sentence) -> Vec<Mention> {
    let mut open: Vec<(String, usize, String)> = Vec::new();
    let mut out = Vec::new();
    for (i, w) in sent.words.iter().enumerate() {
        let Some(ent) = w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else { continue };
        let b = ent.as_bytes();
        let mut p = 0;
        while p < b.len() {
            if b[p] == b'(' {
                // "(ID-type-...": ends at the next '(' or ')' (a ')' right after closes it here)
                let start = p + 1;
                let mut q = start;
                while q < b.len() && b[q] != b'(' && b[q] != b')' {
                    q += 1;
                }
                let body = &ent[start..q];
                let mut parts = body.split('-');
                let id = parts.next().unwrap_or("").to_string();
                let etype = parts.next().unwrap_or("").to_string();
                if q < b.len() && b[q] == b')' {
                    out.push(Mention { start: i, end: i + 1, etype });
                    q += 1;
                } else {
                    open.push((id, i, etype));
                }
                p = q;
            } else if b[p].is_ascii_digit() {
                let start = p;
                while p < b.len() && b[p] != b')' && b[p] != b'(' {
                    p += 1;
                }
                let id = &ent[start..p];
                if p < b.len() && b[p] == b')' {
                    p += 1;
                }
                if let Some(k) = open.iter().rposition(|(oid, _, _)| oid == id) {
                    let (_, s, etype) = open.remove(k);
                    out.push(Mention { start: s, end: i + 1, etype });
                }
            } else {
                p += 1;
            }
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = GUM_news_x\n# sent_id = x-1\n# text = Australian children in Sydney\n\
1\tAustralian\tAustralian\tADJ\tJJ\t_\t2\tamod\t_\tEntity=(1-person-new-x-cf1-2-coref\n\
2\tchildren\tchild\tNOUN\tNNS\t_\t0\troot\t_\tEntity=1)\n\
3\tin\tin\tADP\tIN\t_\t4\tcase\t_\t_\n\
4\tSydney\tSydney\tPROPN\tNNP\t_\t2\tnmod\t_\tEntity=(2-place-new-x-cf1-1-coref-Sydney)\n\n";

    #[test]
    fn reads_words_and_mentions() {
        let s = parse_conllu(SAMPLE);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].newdoc.as_deref(), Some("GUM_news_x"));
        assert_eq!(s[0].words[1].head, None);
        assert_eq!(s[0].words[0].head, Some(1));
        let m = gum_mentions(&s[0]);
        assert_eq!(m, vec![
            Mention { start: 0, end: 2, etype: "person".into() },
            Mention { start: 3, end: 4, etype: "place".into() }
        ]);
    }
}
