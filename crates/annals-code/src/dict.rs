//! Readers for the PETRARCH dictionary formats: verb patterns, actors, agents, discards.
//!
//! The CAMEO verb dictionary (`CAMEO.2.0.txt`) and the unit-test dictionaries
//! (`PETR.Validate.*`) share these formats, so the coder can load either. The
//! readers are tolerant: a line they cannot read is skipped, never fatal, since
//! the files carry decades of hand edits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A CAMEO code pair as the verb dictionary writes it: `[042:043]` codes the
/// event from source to target (042) and the reverse event from target to source (043).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CodePair {
    /// Code of the source→target event (`None` for `---` or empty).
    pub forward: Option<String>,
    /// Code of the target→source event, when the entry has one.
    pub reverse: Option<String>,
}

impl CodePair {
    /// Reads `042`, `042:043`, `:173`, `---`.
    pub fn parse(s: &str) -> CodePair {
        let s = s.trim();
        let clean = |x: &str| {
            let x = x.trim();
            (!x.is_empty() && !x.starts_with("---")).then(|| x.to_string())
        };
        match s.split_once(':') {
            Some((a, b)) => CodePair { forward: clean(a), reverse: clean(b) },
            None => CodePair { forward: clean(s), reverse: None },
        }
    }

    /// True when every code given is a CAMEO code (digits, then perhaps a letter: `174K`). The unit-test
    /// dictionaries carry placeholder codes (`+++`, `###`, `xxy`) on patterns
    /// that must not change the coding; PETRARCH does not emit them.
    pub fn is_cameo(&self) -> bool {
        [&self.forward, &self.reverse].into_iter().flatten().all(|c| c.starts_with(|x: char| x.is_ascii_digit()) && c.bytes().all(|b| b.is_ascii_alphanumeric()))
    }

    /// True when neither direction has a code.
    pub fn is_empty(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Elem {
    /// A word; `exact` when the dictionary forbids stem matching (`WORD_ `).
    Word {
        /// Upper-case word.
        word: String,
        /// No stem matching.
        exact: bool,
    },
    /// Any member of a synonym set (`&CURRENCY`).
    Synset(String),
    /// The source actor (`$`).
    Source,
    /// The target actor (`+`).
    Target,
    /// A compound actor (`%`): the subjects pair up with each other.
    Compound,
    /// Skip a phrase (`^`).
    Skip,
}

/// A pattern element with its adjacency constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatElem {
    /// What must match.
    pub elem: Elem,
    /// Must touch the previously matched word (or the verb), written with `_`.
    pub adjacent: bool,
}

/// A verb pattern line: `- PRE * POST [code]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pattern {
    /// Elements before the verb, nearest first.
    pub pre: Vec<PatElem>,
    /// Elements after the verb, nearest first.
    pub post: Vec<PatElem>,
    /// The codes it assigns.
    pub code: CodePair,
}

impl Pattern {
    /// Number of lexical elements (words and synsets): the pattern's specificity.
    pub fn weight(&self) -> usize {
        self.pre.iter().chain(&self.post).filter(|e| matches!(e.elem, Elem::Word { .. } | Elem::Synset(_))).count()
    }
}

/// A verb (possibly with particles) of a verb block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbWord {
    /// Words before the verb word (rare: `KLM_NOP_+RST`).
    pub before: Vec<String>,
    /// Upper-case base form of the verb word.
    pub base: String,
    /// Irregular or listed forms (`{HURRIES HURRYING HURRIED}`); `None` when none were listed.
    pub listed: Option<Vec<String>>,
    /// Particles that follow (`BREAK_DOWN` → `DOWN`).
    pub after: Vec<String>,
    /// The verb's own code, overriding the block's.
    pub code: Option<CodePair>,
}

/// A verb block: `--- NAME [code] ---`, its verbs and its patterns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbEntry {
    /// Block name.
    pub name: String,
    /// Default code of the block.
    pub code: CodePair,
    /// Verbs sharing the patterns.
    pub verbs: Vec<VerbWord>,
    /// Pattern lines.
    pub patterns: Vec<Pattern>,
}

/// A parsed verb-pattern dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VerbDictionary {
    /// Synonym sets by name (without `&`), each member a word sequence.
    pub synsets: BTreeMap<String, Vec<Vec<String>>>,
    /// Verb blocks in file order.
    pub entries: Vec<VerbEntry>,
}

/// Removes `<!-- ... -->` and ` #` comments from a line; tracks multi-line XML comments.
fn strip_comments(line: &str, in_xml_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_xml_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_xml_comment = false;
                }
                None => return out,
            }
        }
        match rest.find("<!") {
            Some(i) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + 2..];
                *in_xml_comment = true;
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    if out.trim_start().starts_with('#') {
        return String::new();
    }
    if let Some(i) = out.find('#') {
        out.truncate(i);
    }
    out
}

/// The `[...]` content at the end of a line and the text before it.
fn split_code(line: &str) -> (&str, Option<&str>) {
    match (line.rfind('['), line.rfind(']')) {
        (Some(a), Some(b)) if a < b => (&line[..a], Some(&line[a + 1..b])),
        _ => (line, None),
    }
}

/// Reads a pattern body (between `-` and the code) into elements before/after `*`.
fn parse_pattern_body(body: &str) -> Option<(Vec<PatElem>, Vec<PatElem>)> {
    // tokens with a flag: joined to the previous token by `_`
    let mut toks: Vec<(String, bool)> = Vec::new();
    let cleaned: String = body.chars().map(|c| if matches!(c, '{' | '}' | '(' | ')') { ' ' } else { c }).collect();
    for chunk in cleaned.split_whitespace() {
        let mut first = true;
        let pieces: Vec<&str> = chunk.split('_').collect();
        let n = pieces.len();
        for (i, piece) in pieces.iter().enumerate() {
            if piece.is_empty() {
                // a trailing `_` marks the previous word exact
                if i == n - 1 && i > 0 {
                    if let Some(last) = toks.last_mut() {
                        last.0.push('_');
                    }
                }
                continue;
            }
            toks.push((piece.to_string(), !first));
            first = false;
        }
    }
    let star = toks.iter().position(|(t, _)| t == "*")?;
    let to_elem = |t: &str| -> Elem {
        match t {
            "$" => Elem::Source,
            "+" => Elem::Target,
            "%" => Elem::Compound,
            "^" => Elem::Skip,
            _ if t.starts_with('&') => Elem::Synset(t.trim_start_matches('&').trim_end_matches('_').to_string()),
            _ => Elem::Word { word: t.trim_end_matches('_').to_uppercase(), exact: t.ends_with('_') },
        }
    };
    let mut pre = Vec::new();
    for i in (0..star).rev() {
        // element i touches the one after it when that one was joined to it
        let adjacent = toks[i + 1].1;
        pre.push(PatElem { elem: to_elem(&toks[i].0), adjacent });
    }
    let mut post = Vec::new();
    for (t, joined) in &toks[star + 1..] {
        post.push(PatElem { elem: to_elem(t), adjacent: *joined });
    }
    Some((pre, post))
}

/// Reads a verb line: `HURRY {HURRIES HURRYING HURRIED}`, `+ANGERED_BY {}`, `KLM_NOP_+RST [002]`.
fn parse_verb_line(line: &str) -> Option<VerbWord> {
    let (head, code) = split_code(line);
    let (words_part, listed) = match (head.find('{'), head.find('}')) {
        (Some(a), Some(b)) if a < b => (
            &head[..a],
            Some(head[a + 1..b].split_whitespace().map(|w| w.to_uppercase()).collect::<Vec<_>>()),
        ),
        _ => (head, None),
    };
    let words_part = words_part.trim();
    if words_part.is_empty() {
        return None;
    }
    let words: Vec<&str> = words_part.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let head_ix = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let clean = |w: &str| w.trim_start_matches('+').to_uppercase();
    Some(VerbWord {
        before: words[..head_ix].iter().map(|w| clean(w)).collect(),
        base: clean(words[head_ix]),
        listed,
        after: words[head_ix + 1..].iter().map(|w| clean(w)).collect(),
        code: code.map(CodePair::parse),
    })
}

impl VerbDictionary {
    /// Parses the text of a PETRARCH verb dictionary.
    pub fn parse(text: &str) -> VerbDictionary {
        let mut dict = VerbDictionary::default();
        let mut in_xml = false;
        let mut current_synset: Option<String> = None;
        let mut current_entry: Option<usize> = None;
        for raw in text.lines() {
            let line = strip_comments(raw, &mut in_xml);
            let t = line.trim();
            if t.is_empty() {
                current_synset = None;
                continue;
            }
            if t.starts_with("---") {
                let inner = t.trim_matches('-').trim();
                let (name, code) = split_code(inner);
                dict.entries.push(VerbEntry {
                    name: name.trim().to_string(),
                    code: code.map(CodePair::parse).unwrap_or_default(),
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                });
                current_entry = Some(dict.entries.len() - 1);
                current_synset = None;
                continue;
            }
            if let Some(name) = t.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("").trim_end_matches('_').to_uppercase();
                dict.synsets.entry(name.clone()).or_default();
                current_synset = Some(name);
                current_entry = None;
                continue;
            }
            if let Some(name) = &current_synset {
                if let Some(member) = t.strip_prefix('+') {
                    let words: Vec<String> =
                        member.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_uppercase()).collect();
                    if !words.is_empty() {
                        dict.synsets.get_mut(name).expect("synset exists").push(words);
                    }
                    continue;
                }
            }
            let Some(ei) = current_entry else { continue };
            if let Some(body) = t.strip_prefix('-') {
                let (body, code) = split_code(body);
                let Some(code) = code else { continue };
                if let Some((pre, post)) = parse_pattern_body(body) {
                    dict.entries[ei].patterns.push(Pattern { pre, post, code: CodePair::parse(code) });
                }
            } else if let Some(v) = parse_verb_line(t) {
                dict.entries[ei].verbs.push(v);
            }
        }
        dict
    }

    /// Adds another dictionary's blocks: patterns and verbs go into the block of the same name.
    pub fn merge(&mut self, other: VerbDictionary) {
        for (k, v) in other.synsets {
            self.synsets.entry(k).or_default().extend(v);
        }
        for e in other.entries {
            match self.entries.iter_mut().find(|x| x.name == e.name) {
                Some(x) => {
                    x.patterns.extend(e.patterns);
                    x.verbs.extend(e.verbs);
                }
                None => self.entries.push(e),
            }
        }
    }

    /// Every member of a synset, embedded synsets expanded (cycles cut).
    pub fn synset_members(&self, name: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut stack = vec![(name.to_string(), 0usize)];
        while let Some((n, depth)) = stack.pop() {
            if depth > 4 {
                continue;
            }
            for m in self.synsets.get(&n).map(|v| v.as_slice()).unwrap_or(&[]) {
                if m.len() == 1 && m[0].starts_with('&') {
                    stack.push((m[0].trim_start_matches('&').trim_end_matches('_').to_string(), depth + 1));
                } else {
                    out.push(m.clone());
                }
            }
        }
        out
    }
}

/// Regular inflections of an upper-case English verb (or noun: `-S`).
///
/// Over-generation is harmless here: a form is only looked up, never produced.
pub fn inflections(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    if base.len() < 2 {
        return out;
    }
    let last = base.chars().last().unwrap_or(' ');
    let stem_e = base.strip_suffix('E');
    if base.ends_with('S') || base.ends_with('X') || base.ends_with("CH") || base.ends_with("SH") || base.ends_with('Z') {
        out.push(format!("{base}ES"));
    } else if let Some(st) = base.strip_suffix('Y').filter(|s| !s.ends_with(['A', 'E', 'O', 'U'])) {
        out.push(format!("{st}IES"));
        out.push(format!("{st}IED"));
    } else {
        out.push(format!("{base}S"));
    }
    match stem_e {
        Some(st) => {
            out.push(format!("{base}D"));
            out.push(format!("{st}ING"));
        }
        None => {
            out.push(format!("{base}ED"));
            out.push(format!("{base}ING"));
            // stop → stopped; plan → planned (short words ending consonant-vowel-consonant)
            let chars: Vec<char> = base.chars().collect();
            let n = chars.len();
            if n >= 3 && !"AEIOUWXY".contains(last) && "AEIOU".contains(chars[n - 2]) && !"AEIOU".contains(chars[n - 3]) {
                out.push(format!("{base}{last}ED"));
                out.push(format!("{base}{last}ING"));
            }
        }
    }
    out
}

/// Plural forms of an upper-case noun.
pub fn plurals(base: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(st) = base.strip_suffix("MAN") {
        out.push(format!("{st}MEN"));
    } else if base.ends_with('S') || base.ends_with('X') || base.ends_with("CH") || base.ends_with("SH") {
        out.push(format!("{base}ES"));
    } else if let Some(st) = base.strip_suffix('Y').filter(|s| !s.ends_with(['A', 'E', 'O', 'U'])) {
        out.push(format!("{st}IES"));
    } else {
        out.push(format!("{base}S"));
    }
    out
}

/// A code of an actor, valid in a date range (`YYYYMMDD` bounds, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedCode {
    /// The actor code (`GON`, `HOBGOV`).
    pub code: String,
    /// First valid day, if restricted.
    pub from: Option<u32>,
    /// Last valid day, if restricted.
    pub to: Option<u32>,
}

/// One actor of an actor dictionary, with its names and codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorEntry {
    /// Names, each a word sequence; a last word ending in `_` must match exactly.
    pub names: Vec<Vec<String>>,
    /// Codes; several undated codes (`[FRO/BIL/SAM]`) mean several actors.
    pub codes: Vec<DatedCode>,
}

/// Reads a date bound: 6 digits are `YYMMDD` (years below 30 are 20YY), 8 digits `YYYYMMDD`.
fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => s.parse().ok(),
        6 => {
            let v: u32 = s.parse().ok()?;
            let yy = v / 10000;
            let century = if yy < 30 { 20_000_000 } else { 19_000_000 };
            Some(century + v)
        }
        _ => None,
    }
}

/// Reads `[CODE]`, `[CODE <YYMMDD]`, `[CODE >YYMMDD]`, `[CODE d1-d2]`, `[A/B/C]`.
fn parse_dated_codes(s: &str) -> Vec<DatedCode> {
    let s = s.trim();
    let (code, rest) = match s.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    let (mut from, mut to) = (None, None);
    if let Some(d) = rest.strip_prefix('<') {
        to = parse_date(d).map(|d| d.saturating_sub(1));
    } else if let Some(d) = rest.strip_prefix('>') {
        from = parse_date(d);
    } else if let Some((a, b)) = rest.split_once('-') {
        from = parse_date(a);
        to = parse_date(b);
    }
    code.split('/')
        .filter(|c| !c.is_empty())
        .map(|c| DatedCode { code: c.to_string(), from, to })
        .collect()
}

fn name_words(s: &str) -> Vec<String> {
    let s = s.trim();
    let mut words: Vec<String> = s.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_uppercase()).collect();
    // keep the "exact" marker of a trailing underscore on the last word
    if s.ends_with('_') {
        if let Some(last) = words.last_mut() {
            last.push('_');
        }
    }
    words
}

/// Parses a PETRARCH actor dictionary.
pub fn parse_actors(text: &str) -> Vec<ActorEntry> {
    let mut out: Vec<ActorEntry> = Vec::new();
    let mut in_xml = false;
    for raw in text.lines() {
        let line = strip_comments(raw, &mut in_xml);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            if let (Some(last), (_, Some(code))) = (out.last_mut(), split_code(t)) {
                last.codes.extend(parse_dated_codes(code));
            }
            continue;
        }
        let (name, code) = split_code(t);
        if let Some(syn) = name.trim().strip_prefix('+') {
            if let Some(last) = out.last_mut() {
                let w = name_words(syn);
                if !w.is_empty() {
                    last.names.push(w);
                }
                if let Some(code) = code {
                    last.codes.extend(parse_dated_codes(code));
                }
            }
            continue;
        }
        let w = name_words(name);
        if w.is_empty() {
            continue;
        }
        out.push(ActorEntry { names: vec![w], codes: code.map(parse_dated_codes).unwrap_or_default() });
    }
    out
}

/// A generic agent ("police", "foreign minister") and the code it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentEntry {
    /// Names (word sequences, plural forms included).
    pub names: Vec<Vec<String>>,
    /// The agent code without the tilde (`GOV`, `COP`).
    pub code: String,
    /// `[NGO~]`: the code goes before the actor's (`NGOARN`), else after (`ARNGOV`).
    pub prefix: bool,
}

/// Parses a PETRARCH agent dictionary (with `!MACRO! = A, B` substitutions).
pub fn parse_agents(text: &str) -> Vec<AgentEntry> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    let mut in_xml = false;
    for raw in text.lines() {
        let line = strip_comments(raw, &mut in_xml);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('!') && t.contains('=') {
            let (name, vals) = t.split_once('=').expect("checked");
            macros.push((name.trim().to_uppercase(), vals.split(',').map(|v| v.trim().to_uppercase()).filter(|v| !v.is_empty()).collect()));
            continue;
        }
        let (head, Some(code)) = split_code(t) else { continue };
        let code = code.trim();
        let prefix = code.ends_with('~');
        let code = code.trim_matches('~').trim().to_string();
        if code.is_empty() {
            continue;
        }
        let (name_part, listed) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (&head[..a], Some(head[a + 1..b].split_whitespace().map(|w| w.to_uppercase()).collect::<Vec<_>>())),
            _ => (head, None),
        };
        let name_part = name_part.trim().to_uppercase();
        // expand macros: CONGRESS!PERSON! → CONGRESSMAN, CONGRESSMEN, ...
        let mut variants = vec![name_part.clone()];
        for (m, vals) in &macros {
            if name_part.contains(m.as_str()) {
                variants = variants.iter().flat_map(|v| vals.iter().map(move |x| v.replace(m.as_str(), x))).collect();
            }
        }
        let mut names = Vec::new();
        for v in variants {
            let words = name_words(&v);
            if words.is_empty() {
                continue;
            }
            let last = words.last().expect("non-empty").trim_end_matches('_').to_string();
            names.push(words.clone());
            let plural_forms = match &listed {
                Some(l) => l.iter().map(|p| p.trim_end_matches('_').to_string()).collect(),
                None => plurals(&last),
            };
            for p in plural_forms {
                // a listed plural may be the whole name (`{GOLDEN_GEESE}`) or its last word
                let pw = name_words(&p);
                if pw.len() > 1 {
                    names.push(pw);
                } else {
                    let mut w = words.clone();
                    *w.last_mut().expect("non-empty") = p;
                    names.push(w);
                }
            }
        }
        out.push(AgentEntry { names, code, prefix });
    }
    out
}

/// Parses a discard list: phrases that void a sentence ("World Golf Championships").
pub fn parse_discards(text: &str) -> Vec<Vec<String>> {
    let mut in_xml = false;
    text.lines()
        .filter_map(|raw| {
            let line = strip_comments(raw, &mut in_xml);
            let t = line.trim().trim_start_matches('+');
            let (t, _) = split_code(t);
            let w = name_words(t);
            (!w.is_empty()).then_some(w)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERBS: &str = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n--- ABANDON  [345]  ---\nABANDON    # pas\n- * DIPLOMATIC TIES [901]\n- * &TIETYPES TIES [902] # x\n- IN_*  [075]\n\n--- VISIT   [042:043]  ---\nVISIT\nGO {WENT GONE GOING GOES}\n+ANGERED_BY {}\n";

    #[test]
    fn verb_dictionary_blocks_patterns_synsets() {
        let d = VerbDictionary::parse(VERBS);
        assert_eq!(d.entries.len(), 2);
        assert_eq!(d.synsets["TIETYPES"], vec![vec!["MILITARY".to_string()], vec!["ECONOMIC".to_string()]]);
        let ab = &d.entries[0];
        assert_eq!(ab.code.forward.as_deref(), Some("345"));
        assert_eq!(ab.patterns.len(), 3);
        assert_eq!(ab.patterns[1].post[0].elem, Elem::Synset("TIETYPES".into()));
        assert_eq!(ab.patterns[2].pre[0], PatElem { elem: Elem::Word { word: "IN".into(), exact: false }, adjacent: true });
        let v = &d.entries[1];
        assert_eq!(v.code, CodePair { forward: Some("042".into()), reverse: Some("043".into()) });
        assert_eq!(v.verbs[1].listed.as_ref().unwrap().len(), 4);
        assert_eq!(v.verbs[2].base, "ANGERED");
        assert_eq!(v.verbs[2].after, vec!["BY".to_string()]);
    }

    #[test]
    fn actors_with_synonyms_and_dates() {
        let a = parse_actors("GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\nARNOR_  [ARN]\nTHE_SHIRE  [FRO/BIL/SAM]\n");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].names.len(), 2);
        assert_eq!(a[0].codes[0], DatedCode { code: "HOB".into(), from: None, to: Some(19950600) });
        assert_eq!(a[0].codes[1].from, Some(19950601));
        assert_eq!(a[1].names[0], vec!["ARNOR_".to_string()]);
        assert_eq!(a[2].codes.len(), 3);
    }

    #[test]
    fn agents_with_macros_and_plurals() {
        let a = parse_agents("!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [ ~COP]\nMSF {}  [NGO~]\nSOLDIER  [~MIL]\n");
        assert_eq!(a.len(), 4);
        assert!(a[0].names.contains(&vec!["CONGRESSMEN".to_string()]));
        assert_eq!(a[1].names, vec![vec!["POLICE".to_string()]]);
        assert!(a[2].prefix);
        assert!(a[3].names.contains(&vec!["SOLDIERS".to_string()]));
    }

    #[test]
    fn inflections_cover_regular_forms() {
        let f = inflections("STOP");
        assert!(f.contains(&"STOPPED".to_string()) && f.contains(&"STOPS".to_string()));
        assert!(inflections("RESTORE").contains(&"RESTORING".to_string()));
        assert!(inflections("DENY").contains(&"DENIED".to_string()));
    }
}
