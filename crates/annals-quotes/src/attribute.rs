//! The attribution rules: which quoted or reported words, said by whom.
//!
//! Three passes over the prepared [`Context`]:
//! 1. every quotation between marks becomes a direct quote (a sentence or
//!    more) or a partial quote (a few words inside a reported sentence); its
//!    speaker comes from the cue after it (`“…,” said Smith`, `“…,” Smith
//!    said`), before it (`Smith said: “…”`), the sentence's cue verb for a
//!    partial quote, or the previous quote's speaker for a continuation;
//! 2. each sentence's cue verbs outside quotes give indirect speech
//!    (`X said that …`, `…, X said.`, `according to X`, `…, saying …`);
//! 3. speakers are resolved: pronouns to the latest compatible person, names
//!    to their canonical form, and the channel is read off the cue's words.

use annals_core::{Quote, Speaker};

use crate::context::{is_calendar_word, Context, MentionKind};
use crate::lexicon::{self, Gender, Pronoun};
use crate::marks::{Family, QuoteSpan};
use crate::text::Tok;

/// A speaker noun phrase in tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SpeakerNp {
    pub first: usize,
    pub last: usize,
    pub pron: Option<Pronoun>,
}

/// A cue with its speaker, found near a quote or in a sentence.
#[derive(Debug, Clone)]
struct Attribution {
    np: Option<SpeakerNp>,
    /// Cue token range.
    cue: Option<(usize, usize)>,
    /// Tokens whose words may name a channel.
    frame: (usize, usize),
}

/// A quote before conversion to the contract's type.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: &'static str,
    attribution: Attribution,
}

/// Finds every quote of the document behind `ctx`.
pub(crate) fn find_quotes(ctx: &Context) -> Vec<Quote> {
    let mut found: Vec<Found> = Vec::new();
    let indirect = indirect_speech(ctx);
    // direct and partial quotes, in text order (parents before children)
    let mut last_direct: Option<(usize, Attribution)> = None;
    for (qi, q) in ctx.marks.quotes.iter().enumerate() {
        if let Some(f) = quoted(ctx, qi, q, &indirect, &mut last_direct) {
            found.push(f);
        }
    }
    // indirect speech not already covered by a quotation
    for f in indirect {
        let len = f.end.saturating_sub(f.start).max(1);
        let covered: usize = found
            .iter()
            .filter(|d| d.kind == "direct")
            .map(|d| d.end.min(f.end).saturating_sub(d.start.max(f.start)))
            .sum();
        if covered * 2 < len {
            found.push(f);
        }
    }
    found.sort_by_key(|f| (f.start, f.end));
    found.into_iter().filter_map(|f| to_quote(ctx, f)).collect()
}

/// Direct or partial quote for quotation `qi`, if it is one.
fn quoted(ctx: &Context, qi: usize, q: &QuoteSpan, indirect: &[Found], last_direct: &mut Option<(usize, Attribution)>) -> Option<Found> {
    let n = ctx.toks.len();
    let open_tok = ctx.tok_at_or_after(q.open);
    let content_first = ctx.tok_at_or_after(q.start);
    let content_last = ctx.tok_before(q.end).max(content_first);
    let words = ctx.toks[content_first.min(n)..content_last.min(n)].iter().filter(|t| t.is_word()).count();
    if words == 0 {
        return None;
    }
    // bounds: the enclosing quotation for a quote inside a quote
    let (lo_bound, hi_bound) = match q.parent {
        Some(p) => {
            let pq = &ctx.marks.quotes[p];
            (ctx.tok_at_or_after(pq.start), ctx.tok_before(pq.end))
        }
        None => (0, n),
    };
    let after_first = match q.close {
        Some(c) => ctx.tok_at_or_after(c + 1),
        None => content_last,
    };
    let after_last = clause_end(ctx, after_first, hi_bound);
    let mut before_first = clause_start(ctx, open_tok, lo_bound);
    // "Ortiz continued:¶“…”": the clause before a colon ending the previous paragraph
    if before_first == open_tok && open_tok > lo_bound && ctx.toks[open_tok - 1].is_punct(':') {
        before_first = clause_start(ctx, open_tok - 1, lo_bound);
    }
    let last_char = ctx.chars[q.start..q.end.min(ctx.chars.len())]
        .iter()
        .rev()
        .copied()
        .find(|c| !matches!(c, '’' | '\'' | '”' | '"' | '»' | '›' | ' '))
        .unwrap_or(' ');
    let before_words = ctx.toks[before_first..open_tok].iter().filter(|t| t.is_word()).count();
    let before_last_tok = open_tok.checked_sub(1).filter(|&b| b >= before_first).map(|b| &ctx.toks[b]);
    let ends_colon = before_last_tok.is_some_and(|t| t.is_punct(':'));
    let ends_comma_cue = before_last_tok.is_some_and(|t| t.is_punct(',') || t.is_punct('—'))
        && last_cue(ctx, before_first, open_tok).is_some_and(|v| open_tok - v <= 8);
    let after_opens_attr = match ctx.toks.get(after_first) {
        Some(t) if after_first < after_last => t.is_punct(',') || t.is_punct('—') || t.is_punct('–') || (!t.is_capitalized() && t.is_word()),
        _ => false,
    };
    let multi_sentence = (content_first..content_last.saturating_sub(1)).any(|k| {
        crate::text::is_terminal(&ctx.toks[k]) && ctx.toks.get(k + 1).is_some_and(|t| t.is_capitalized())
    });
    let ends_sentence = match ctx.toks.get(after_first) {
        None => true,
        Some(t) => t.para_break || crate::text::is_terminal(t) || ".?!".contains(last_char),
    };
    let complement_of_cue = ends_sentence && last_cue(ctx, before_first, open_tok).is_some_and(|v| open_tok - v <= 2);
    let whole_clause = before_words == 0 || ends_colon || ends_comma_cue || complement_of_cue;
    let direct = (whole_clause && (words >= 3 || after_opens_attr || ",?!".contains(last_char))) || multi_sentence;
    // the cue after the quote ends the quoted sentence with , ? ! — or starts lower case
    let cue_may_follow = ",?!—–-…".contains(last_char) || after_opens_attr;
    let nested = q.parent.is_some();

    if direct {
        let mut attribution = None;
        // `X said: “…”` introduces the quote; otherwise the cue after it counts first
        if last_char == ',' && cue_may_follow {
            attribution = cue_after(ctx, after_first, after_last);
        }
        if attribution.is_none() && before_words > 0 && (ends_colon || ends_comma_cue) {
            attribution = cue_before(ctx, before_first, open_tok);
        }
        // after a full stop only a bare "Smith said." may follow
        let closes_sentence = ctx.toks.get(after_last).is_none_or(|t| crate::text::is_terminal(t) || t.para_break);
        if attribution.is_none() && (cue_may_follow || (after_last - after_first <= 4 && closes_sentence)) {
            attribution = cue_after(ctx, after_first, after_last);
        }
        if attribution.is_none() && before_words > 0 {
            attribution = cue_before(ctx, before_first, open_tok);
        }
        if attribution.is_none() && ends_colon {
            // "Ortiz: ‘…’", "The ministry released the following statement: “…”"
            let colon = open_tok - 1;
            let name_before = ctx.mentions.iter().find(|m| m.last == colon && m.first >= before_first && m.kind != MentionKind::Place).map(|m| SpeakerNp { first: m.first, last: m.last, pron: None });
            attribution = name_before.or_else(|| clause_subject(ctx, before_first, colon)).map(|np| Attribution { np: Some(np), cue: None, frame: (before_first, open_tok) });
        }
        if attribution.is_none() && !nested {
            attribution = dash_signature(ctx, after_first);
        }
        if attribution.is_none() && !nested {
            attribution = continuation(ctx, q, last_direct.as_ref());
        }
        if attribution.is_none() && nested {
            return None;
        }
        let attribution = attribution.unwrap_or(Attribution { np: None, cue: None, frame: (open_tok, open_tok) });
        if !nested {
            *last_direct = Some((q.after(), attribution.clone()));
        }
        return Some(Found { start: q.start, end: q.end, kind: "direct", attribution });
    }
    // partial quote: needs a cue in its sentence, or lies inside reported speech
    if q.family == Family::Single && !nested && words <= 1 {
        return None;
    }
    let sent = ctx.tok_sent.get(open_tok).map(|&s| ctx.sents[s]).unwrap_or((before_first, after_last));
    let (s_first, s_last) = (sent.0.max(lo_bound), sent.1.min(hi_bound));
    if let Some(ind) = indirect.iter().find(|f| f.start <= q.start && q.end <= f.end) {
        let _ = qi;
        return Some(Found { start: q.start, end: q.end, kind: "partial", attribution: ind.attribution.clone() });
    }
    let attribution = partial_cue(ctx, s_first, open_tok, after_first, s_last)?;
    Some(Found { start: q.start, end: q.end, kind: "partial", attribution })
}

/// End (exclusive) of the clause that starts at `from`: the next full stop,
/// line break or opening quote mark.
fn clause_end(ctx: &Context, from: usize, hi: usize) -> usize {
    let mut k = from;
    while k < hi && k < ctx.toks.len() {
        let t = &ctx.toks[k];
        if t.para_break || ctx.is_open_mark(k) {
            break;
        }
        if crate::text::is_terminal(t) {
            break;
        }
        k += 1;
    }
    k
}

/// Start of the clause that ends before `to`: after the previous full stop,
/// closing quote mark or line break.
fn clause_start(ctx: &Context, to: usize, lo: usize) -> usize {
    let mut k = to;
    let limit = to.saturating_sub(60).max(lo);
    while k > limit {
        if ctx.toks.get(k).is_some_and(|t| t.para_break) {
            break;
        }
        let t = &ctx.toks[k - 1];
        if crate::text::is_terminal(t) || ctx.is_close_mark(k - 1) || ctx.is_open_mark(k - 1) {
            break;
        }
        k -= 1;
    }
    k
}

/// The speech-verb base of token `k`, when it is a cue outside quotes.
fn cue_at(ctx: &Context, k: usize) -> Option<&'static str> {
    cue_word(ctx, k, true)
}

/// [`cue_at`], optionally ignoring the part-of-speech tag: right after a
/// quote ending in a comma, "Okafor notes." or "the ministry states."
/// is a cue even when the tagger reads a noun.
fn cue_word(ctx: &Context, k: usize, trust_tag: bool) -> Option<&'static str> {
    let t = ctx.toks.get(k)?;
    if !t.is_word() {
        return None;
    }
    if let Some(upos) = &t.upos {
        if trust_tag && !matches!(upos.as_str(), "VERB" | "AUX") {
            return None;
        }
    }
    let base = lexicon::cue_base(&t.lower)?;
    // "Said Smith" opens sentences; "Smith, the head of X, Tweeted" happens;
    // other capitalised forms are names ("Tim Said")
    let sentence_initial = k == 0 || ctx.toks[k].para_break || crate::text::is_terminal(&ctx.toks[k - 1]);
    if t.is_capitalized() && !sentence_initial && ctx.toks[k - 1].is_capitalized() {
        return None;
    }
    Some(base)
}

fn is_according(ctx: &Context, k: usize) -> bool {
    ctx.toks.get(k).is_some_and(|t| t.is("according")) && ctx.toks.get(k + 1).is_some_and(|t| t.is("to"))
}

/// The last quote cue in `[first, last)`.
fn last_cue(ctx: &Context, first: usize, last: usize) -> Option<usize> {
    (first..last).rev().find(|&k| cue_at(ctx, k).is_some_and(lexicon::is_quote_cue) || is_according(ctx, k))
}

/// `“…,” said Smith` / `“…,” Smith said` / `“…,” according to Smith`.
fn cue_after(ctx: &Context, first: usize, last: usize) -> Option<Attribution> {
    let mut k = first;
    while k < last && k < first + 2 && !ctx.toks[k].is_word() {
        k += 1;
    }
    if k >= last {
        return None;
    }
    if is_according(ctx, k) {
        let np = np_after(ctx, k + 2, last)?;
        return Some(Attribution { np: Some(np), cue: Some((k, k + 2)), frame: (first, last) });
    }
    // "“…,” said X": the tagger may read "said" as an adjective here
    if cue_word(ctx, k, false).is_some_and(lexicon::is_quote_cue) {
        let np = np_after(ctx, k + 1, last)?;
        return Some(Attribution { np: Some(np), cue: Some((k, k + 1)), frame: (first, last) });
    }
    // long enough for "Lena Marsh, director of the … at the independent Harbor Policy Institute, said"
    let limit = last.min(k + 24);
    // a cue within a few words of the quote need not be tagged a verb ("Okafor notes.")
    let v = (k..limit).find(|&v| cue_word(ctx, v, v > k + 4).is_some_and(lexicon::is_quote_cue))?;
    let base = cue_word(ctx, v, false).unwrap_or("say");
    let from_parse = subject_from_parse(ctx, v);
    let before = np_before(ctx, v, k);
    // the phrase right after the quote is the speaker: `“…,” Herrera, 61, told AFP`,
    // `“…,” Indonesian Defence Minister X said` (the parse may leave out the adjective)
    // of two such phrases, one ending in a name wins ("Verity's chief human resources
    // executive, Marcus Oyelaran, told": the parse may stop before the apposition)
    let at_k: Vec<SpeakerNp> = [from_parse, before].into_iter().flatten().filter(|np| np.first == k).collect();
    if let Some(&np) = at_k.iter().find(|np| ctx.toks[np.last - 1].is_capitalized()).or(at_k.first()) {
        return Some(Attribution { np: Some(np), cue: Some((v, v + 1)), frame: (first, last) });
    }
    // a few words before the parsed name belong to it ("novelist Dara Quill wrote",
    // with the role noun mistagged a verb)
    if let Some(np) = from_parse.filter(|np| np.first > k && np.first <= k + 3 && np.last <= v) {
        let plain = (k..np.first).all(|j| ctx.toks[j].is_word() && !ctx.is_mark(j) && lexicon::cue_base(&ctx.toks[j].lower).is_none() && !lexicon::is_function_word(&ctx.toks[j].lower));
        if plain {
            return Some(Attribution { np: Some(SpeakerNp { first: k, ..np }), cue: Some((v, v + 1)), frame: (first, last) });
        }
    }
    // `“…,” Paul Brenner, who was chairman under Governor R. J. Malloy, told reporters`:
    // a name, then a description between commas, then the cue
    if v > k + 2 && ctx.toks[v - 1].is_punct(',') {
        if let Some(np) = np_after(ctx, k, v) {
            let named = np.pron.is_some() || ctx.toks[np.last - 1].is_capitalized();
            if named && np.last < v && ctx.toks[np.last].is_punct(',') {
                return Some(Attribution { np: Some(np), cue: Some((v, v + 1)), frame: (first, last) });
            }
        }
    }
    // "“…” about the decision, said Ana Ortiz"; after "told" comes the listener
    if v > k && ctx.toks[v - 1].is_punct(',') && !lexicon::takes_listener(base) {
        if let Some(np) = np_after(ctx, v + 1, last) {
            return Some(Attribution { np: Some(np), cue: Some((v, v + 1)), frame: (first, last) });
        }
    }
    let np = from_parse.or(before)?;
    // "“…” at the convention, he said."
    let after_comma = np.first > k && ctx.toks[np.first - 1].is_punct(',') && last - v <= 6;
    if np.first != k && !after_comma {
        return None;
    }
    Some(Attribution { np: Some(np), cue: Some((v, v + 1)), frame: (first, last) })
}

/// `Smith said: “…”` / `According to Smith, “…”` / `Said Smith: “…”`.
fn cue_before(ctx: &Context, first: usize, open_tok: usize) -> Option<Attribution> {
    let v = last_cue(ctx, first, open_tok)?;
    if open_tok - v > 14 {
        return None;
    }
    if is_according(ctx, v) {
        let np = np_after(ctx, v + 2, open_tok)?;
        return Some(Attribution { np: Some(np), cue: Some((v, v + 2)), frame: (first, open_tok) });
    }
    let np = speaker_of_cue(ctx, v, first, open_tok)?;
    Some(Attribution { np: Some(np), cue: Some((v, v + 1)), frame: (first, open_tok) })
}

/// The cue of a partial quote: a speech verb of its sentence with a subject.
fn partial_cue(ctx: &Context, s_first: usize, open_tok: usize, after_first: usize, s_last: usize) -> Option<Attribution> {
    let outside = |k: usize| ctx.tok_quote[k].is_none() || ctx.tok_quote[k] == ctx.tok_quote[open_tok.saturating_sub(1).max(s_first)];
    // nearest cue before the quote, then after it
    let before = (s_first..open_tok).rev().filter(|&k| outside(k)).find(|&k| cue_at(ctx, k).is_some_and(lexicon::is_partial_cue) || is_according(ctx, k));
    let after = (after_first..s_last).filter(|&k| outside(k)).find(|&k| cue_at(ctx, k).is_some_and(lexicon::is_partial_cue) || is_according(ctx, k));
    for v in [before, after].into_iter().flatten() {
        if is_according(ctx, v) {
            if let Some(np) = np_after(ctx, v + 2, s_last) {
                return Some(Attribution { np: Some(np), cue: Some((v, v + 2)), frame: (s_first, s_last) });
            }
            continue;
        }
        if let Some(np) = speaker_of_cue(ctx, v, s_first, s_last) {
            return Some(Attribution { np: Some(np), cue: Some((v, v + 1)), frame: (s_first, s_last) });
        }
    }
    None
}

/// The speaker of cue verb `v` in a clause starting at `first`: its subject
/// from the parse, the noun phrase before it, the subject of its clause for
/// a participle ("…, saying"), or the phrase after a clause-initial cue ("Said Smith").
fn speaker_of_cue(ctx: &Context, v: usize, first: usize, hi: usize) -> Option<SpeakerNp> {
    if let Some(np) = subject_from_parse(ctx, v) {
        return Some(np);
    }
    let participle = ctx.toks[v].lower.ends_with("ing");
    // "Ortiz was asked by host Ben Carr"
    if v > first && matches!(ctx.toks[v - 1].lower.as_str(), "was" | "were" | "is" | "been") && ctx.toks.get(v + 1).is_some_and(|t| t.is("by")) {
        if let Some(np) = np_after(ctx, v + 2, hi) {
            return Some(np);
        }
    }
    if !participle {
        // "The letter goes on to say"
        let mut end = v;
        if end > first + 1 && ctx.toks[end - 1].is("to") {
            end -= 1;
            if end > first + 1 && ctx.toks[end - 1].is("on") {
                end -= 1;
            }
            end -= 1;
        }
        if let Some(np) = np_before(ctx, end, first) {
            return Some(np);
        }
    }
    let clause_initial = v == first || ctx.toks[v - 1].is_punct(',') || ctx.toks[v - 1].is_punct(':');
    if clause_initial && !participle {
        if let Some(np) = np_after(ctx, v + 1, hi) {
            return Some(np);
        }
    }
    clause_subject(ctx, first, v)
}

/// The subject of the clause that holds token `at`: the noun phrase after the
/// nearest clause opener (a comma, "when", "and", ...) or the sentence start.
fn clause_subject(ctx: &Context, lo: usize, at: usize) -> Option<SpeakerNp> {
    // a participle's subject may sit before an earlier quote of the same sentence
    let sentence_first = ctx.tok_sent.get(at).map_or(lo, |&s| ctx.sents[s].0);
    let lo = if ctx.tok_quote.get(at).copied().flatten().is_none() { lo.min(sentence_first) } else { lo };
    let mut k = at;
    let mut tries = 0;
    while k > lo && tries < 4 {
        k -= 1;
        let t = &ctx.toks[k];
        let opener = (t.is_punct(',') || t.is_punct(';') || t.is_punct('—') || matches!(t.lower.as_str(), "when" | "while" | "as" | "and" | "but" | "after" | "because" | "since"))
            && ctx.tok_quote[k] == ctx.tok_quote[at];
        if opener || k == lo {
            let start = if opener { k + 1 } else { k };
            if let Some(np) = np_after(ctx, start, at) {
                let head = &ctx.toks[np.last - 1];
                let opener_word = &ctx.toks[np.first];
                let starts_well = opener_word.is_capitalized() || lexicon::is_determiner(&opener_word.lower) || lexicon::is_speaker_noun(&opener_word.lower) || np.pron.is_some();
                if starts_well && (np.pron.is_some() || head.is_capitalized() || lexicon::is_speaker_noun(&head.lower) || lexicon::is_determiner(&opener_word.lower)) {
                    return Some(np);
                }
            }
            if opener {
                tries += 1;
            }
        }
    }
    None
}

/// `“…” — Maria Lopez, 34, a nurse` or a line `- Tom Reyes.` under the quote:
/// a dash, a name and at most a short description up to the paragraph's end.
fn dash_signature(ctx: &Context, after: usize) -> Option<Attribution> {
    let dash = ctx.toks.get(after)?;
    if !matches!(dash.text.as_str(), "—" | "–" | "-" | "--" | "―") {
        return None;
    }
    let name = after + 1;
    if !ctx.toks.get(name).is_some_and(|t| t.is_capitalized() && !t.para_break) {
        return None;
    }
    let para_end = (name + 1..ctx.toks.len()).find(|&k| ctx.toks[k].para_break).unwrap_or(ctx.toks.len());
    if para_end - name > 16 {
        return None;
    }
    let np = np_after(ctx, name, para_end)?;
    // the name ends the line or a comma opens its description; no verb of speech follows
    let closes = ctx.toks.get(np.last).is_none_or(|t| t.para_break || t.is_punct(',') || crate::text::is_terminal(t));
    let cue_follows = (np.last..para_end).any(|k| cue_at(ctx, k).is_some());
    (closes && !cue_follows && np.pron.is_none()).then_some(Attribution { np: Some(np), cue: None, frame: (after, para_end) })
}

/// A quote with no cue of its own: the previous quote's speaker when it
/// spoke in this or the previous paragraph with nobody named since, else
/// the person named last in the paragraph before.
fn continuation(ctx: &Context, q: &QuoteSpan, last: Option<&(usize, Attribution)>) -> Option<Attribution> {
    let para_start = paragraph_start(ctx, q.open);
    let mut prev_end = para_start;
    while prev_end > 0 && ctx.chars[prev_end - 1].is_whitespace() {
        prev_end -= 1;
    }
    let prev_para_start = paragraph_start(ctx, prev_end);
    if let Some((end, att)) = last {
        if *end >= prev_para_start && att.np.is_some() {
            // within the paragraph only a person opening a sentence is a new speaker
            // (`“…,” Ms. Varga said, referring to the hotels Mr. Castell built. “…”` goes on with Varga)
            let same_paragraph = *end >= para_start;
            let opens_sentence = |m: &crate::context::Mention| ctx.tok_sent.get(m.first).is_some_and(|&s| m.first <= ctx.sents[s].0 + 2);
            let named_since = ctx.mentions.iter().any(|m| {
                m.start >= *end
                    && m.end <= q.open
                    && !m.in_quote
                    && m.kind == MentionKind::Person
                    && att.np.is_some_and(|np| m.first >= np.last || m.last <= np.first)
                    && (!same_paragraph || opens_sentence(m))
            });
            if !named_since {
                return Some(Attribution { np: att.np, cue: None, frame: (0, 0) });
            }
        }
    }
    let m = ctx
        .mentions
        .iter()
        .rev()
        .filter(|m| m.end <= q.open && m.start >= prev_para_start && !m.in_quote)
        .find(|m| m.kind == MentionKind::Person)?;
    Some(Attribution { np: Some(SpeakerNp { first: m.first, last: m.last, pron: None }), cue: None, frame: (0, 0) })
}

/// Character offset where the paragraph holding `ch` starts.
fn paragraph_start(ctx: &Context, ch: usize) -> usize {
    let ch = ch.min(ctx.chars.len());
    ctx.chars[..ch].iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1)
}

/// Subject of verb token `v` from the dependency parse, when there is one.
fn subject_from_parse(ctx: &Context, v: usize) -> Option<SpeakerNp> {
    ctx.parse.get(v)?.as_ref()?;
    let sent = ctx.sents.get(*ctx.tok_sent.get(v)?)?;
    // a cue outside quote marks has its subject outside them too (the parser
    // often hangs a word of the quote on the cue verb); the nearest one wins
    let same_quote = |k: usize| ctx.tok_quote[k] == ctx.tok_quote[v];
    let subject_of = |verb: usize| {
        (sent.0..sent.1)
            .filter(|&k| same_quote(k) && matches!(&ctx.parse[k], Some((Some(h), rel)) if *h == verb && rel.starts_with("nsubj")))
            .min_by_key(|&k| k.abs_diff(verb))
    };
    // "Ruiz visited the towns and said …": a conjoined verb shares the first verb's subject,
    // unless another subject stands between ("I asked him …, he looked … and said"), the
    // subject is a relative pronoun ("Ruiz, who called …, told") or the cue is a participle
    let conj_subject = || {
        let h = match &ctx.parse[v] {
            Some((Some(h), rel)) if rel == "conj" && *h < v && !ctx.toks[v].lower.ends_with("ing") => *h,
            _ => return None,
        };
        // conjoined verbs only (the parser may hang "told" on a name as a conjunct)
        if ctx.toks[h].upos.as_deref().is_some_and(|u| !matches!(u, "VERB" | "AUX")) {
            return None;
        }
        let s = subject_of(h)?;
        let nominal = ctx.toks[s].upos.as_deref().is_none_or(|u| matches!(u, "NOUN" | "PROPN" | "PRON" | "NUM"));
        let relative = matches!(ctx.toks[s].lower.as_str(), "who" | "which" | "that");
        let subject_between = (s + 1..v).any(|k| matches!(&ctx.parse[k], Some((_, rel)) if rel.starts_with("nsubj")));
        (nominal && !relative && !subject_between).then_some(s)
    };
    let head = subject_of(v).or_else(conj_subject)?;
    // the subject's subtree, as a contiguous span
    let (mut first, mut last) = (head, head + 1);
    for k in (sent.0..sent.1).filter(|&k| same_quote(k) && !ctx.is_mark(k)) {
        let mut cur = k;
        for _ in 0..8 {
            match &ctx.parse[cur] {
                Some((Some(h), _)) if *h == head => {
                    first = first.min(k);
                    last = last.max(k + 1);
                    break;
                }
                Some((Some(h), _)) if *h != cur => cur = *h,
                _ => break,
            }
        }
    }
    // a word of ours that the core split ("Thirty-one" → Thirty - one) lost its head
    // with the missing pieces; it still belongs to the subject it precedes
    while first > sent.0 && same_quote(first - 1) && matches!(&ctx.parse[first - 1], Some((None, rel)) if rel != "root") {
        first -= 1;
    }
    // the subtree may take in the commas around an apposition
    while first < head && !ctx.toks[first].is_word() {
        first += 1;
    }
    while last > head + 1 && !ctx.toks[last - 1].is_word() {
        last -= 1;
    }
    let pron = lexicon::pronoun(&ctx.toks[head].lower).filter(|_| last - first == 1);
    Some(SpeakerNp { first, last, pron })
}

/// True when token `k` can end a speaker noun phrase.
fn valid_head(ctx: &Context, k: usize) -> bool {
    let t = &ctx.toks[k];
    if !t.is_word() {
        return false;
    }
    if let Some(upos) = &t.upos {
        // taggers read "executive", "official" as adjectives before a name or a verb
        return matches!(upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM") || (upos == "ADJ" && lexicon::is_speaker_noun(&t.lower));
    }
    if lexicon::is_function_word(&t.lower) && lexicon::pronoun(&t.lower).is_none() || is_calendar_word(&t.lower) {
        return false;
    }
    if t.is_capitalized() {
        return !lexicon::is_sentence_starter(&t.lower) || lexicon::pronoun(&t.lower).is_some();
    }
    let w = t.lower.as_str();
    lexicon::is_speaker_noun(w)
        || lexicon::is_role_noun(w)
        || lexicon::pronoun(w).is_some()
        || ["ers", "ors", "ists", "ians", "ants", "ents", "ies"].iter().any(|s| w.ends_with(s) && w.len() > 5)
}

/// The speaker noun phrase ending just before verb token `v`, not reaching before `lo`.
pub(crate) fn np_before(ctx: &Context, v: usize, lo: usize) -> Option<SpeakerNp> {
    let mut end = v;
    let mut skipped = 0;
    while end > lo && skipped < 3 && lexicon::is_verb_modifier(&ctx.toks[end - 1].lower) {
        end -= 1;
        skipped += 1;
    }
    if end <= lo {
        return None;
    }
    let h = &ctx.toks[end - 1];
    if let Some(p) = lexicon::pronoun(&h.lower) {
        return Some(SpeakerNp { first: end - 1, last: end, pron: Some(p) });
    }
    // "Smith, the foreign minister, said" / "Smith, who ..., said"
    if h.is_punct(',') {
        // a name right before the comma is the subject ("Gov. Ana Ortiz (D-NM), said");
        // a description or clause there is an apposition to the name before it
        let inner_end = skip_parenthesis(ctx, end - 1, lo);
        if let Some(inner) = np_core(ctx, inner_end, lo) {
            let t = &ctx.toks[inner.first];
            // "…, wearing a jacket covered in Benton pins, said": a phrase ending in a
            // common noun is the end of the description
            let head_named = ctx.toks[inner.last - 1].is_capitalized() || skip_parenthesis(ctx, end - 1, lo) < end - 1;
            if t.is_capitalized() && head_named && !lexicon::is_determiner(&t.lower) && inner.pron.is_none() {
                return Some(inner);
            }
        }
        let from = (end - 1).saturating_sub(30).max(lo);
        let comma = (from..end - 1).rev().find(|&k| ctx.toks[k].is_punct(',') && ctx.tok_quote[k].is_none())?;
        let before = skip_parenthesis(ctx, comma, lo);
        return np_core(ctx, before, lo);
    }
    // "Sen. Smith (R-Texas) said"
    if h.is_punct(')') {
        let from = (end - 1).saturating_sub(8).max(lo);
        let paren = (from..end - 1).rev().find(|&k| ctx.toks[k].is_punct('('))?;
        return np_core(ctx, paren, lo);
    }
    np_core(ctx, end, lo)
}

/// `end` moved before a parenthesis that ends just before it ("Smith (R-Texas)").
fn skip_parenthesis(ctx: &Context, end: usize, lo: usize) -> usize {
    if end > lo && ctx.toks[end - 1].is_punct(')') {
        let from = (end - 1).saturating_sub(8).max(lo);
        if let Some(p) = (from..end - 1).rev().find(|&k| ctx.toks[k].is_punct('(')) {
            return p;
        }
    }
    end
}

/// A noun phrase ending at `end` (exclusive): names, role nouns and their
/// modifiers back to a determiner.
fn np_core(ctx: &Context, end: usize, lo: usize) -> Option<SpeakerNp> {
    if end <= lo {
        return None;
    }
    if !valid_head(ctx, end - 1) {
        // "the gambling tycoon": any plain noun after a determiner
        let h = &ctx.toks[end - 1];
        let plain = h.is_word() && !h.is_capitalized() && h.upos.is_none() && !lexicon::is_function_word(&h.lower) && !h.lower.ends_with("ly") && !h.lower.ends_with("ed") && !h.lower.ends_with("ing") && lexicon::cue_base(&h.lower).is_none();
        let det = (end.saturating_sub(4).max(lo)..end - 1).rev().take_while(|&k| ctx.toks[k].is_word() && !lexicon::is_function_word(&ctx.toks[k].lower) || lexicon::is_determiner(&ctx.toks[k].lower)).find(|&k| lexicon::is_determiner(&ctx.toks[k].lower));
        return match det {
            Some(d) if plain => Some(SpeakerNp { first: d, last: end, pron: None }),
            _ => None,
        };
    }
    if let Some(p) = lexicon::pronoun(&ctx.toks[end - 1].lower) {
        return Some(SpeakerNp { first: end - 1, last: end, pron: Some(p) });
    }
    let mut s = end;
    let mut lowercase = 0;
    while s > lo && end - s < 9 {
        // the phrase cannot reach back over a paragraph start
        if s < end && ctx.toks[s].para_break {
            break;
        }
        let t = &ctx.toks[s - 1];
        if !t.is_word() || ctx.is_mark(s - 1) {
            break;
        }
        let w = t.lower.as_str();
        if lexicon::is_determiner(w) {
            s -= 1;
            break;
        }
        if t.is_capitalized() {
            if lexicon::is_function_word(w) || (lexicon::is_sentence_starter(w) && !w.ends_with('.')) || lexicon::cue_base(w).is_some() {
                break;
            }
            s -= 1;
            continue;
        }
        let connector = matches!(w, "of" | "de" | "van" | "von" | "bin" | "al" | "da" | "del")
            && s >= 2
            && s - 1 > lo
            && ctx.toks[s - 2].is_capitalized()
            && ctx.toks[s].is_capitalized();
        if connector {
            s -= 1;
            continue;
        }
        if lexicon::is_function_word(w) || lexicon::cue_base(w).is_some() || lexicon::pronoun(w).is_some() {
            break;
        }
        // lower-case nouns and modifiers: "senior party official", "defence ministry"
        // a role noun stays one whatever the tagger says ("Ohio delegate Carla Benn")
        let role = lexicon::is_speaker_noun(w) || lexicon::is_role_noun(w);
        if lowercase >= 3 || (!role && t.upos.as_deref().is_some_and(|u| !matches!(u, "NOUN" | "ADJ" | "PROPN" | "NUM"))) {
            break;
        }
        if t.upos.is_none() && (w.ends_with("ly") || w.ends_with("ed") && !lexicon::is_speaker_noun(w)) {
            break;
        }
        lowercase += 1;
        s -= 1;
    }
    if s >= end {
        return None;
    }
    Some(SpeakerNp { first: s, last: end, pron: None })
}

/// The speaker noun phrase starting at `start` ("said Smith, a spokesman").
pub(crate) fn np_after(ctx: &Context, start: usize, hi: usize) -> Option<SpeakerNp> {
    if start >= hi || start >= ctx.toks.len() {
        return None;
    }
    let t = &ctx.toks[start];
    if let Some(p) = lexicon::pronoun(&t.lower) {
        return Some(SpeakerNp { first: start, last: start + 1, pron: Some(p) });
    }
    // "tweeted Sunday after …": a day is no speaker
    if is_calendar_word(&t.lower) {
        return None;
    }
    let mut e = start;
    if lexicon::is_determiner(&t.lower) {
        e += 1;
    }
    let mut lowercase = 0;
    let mut seen_name = false;
    while e < hi && e < ctx.toks.len() && e - start < 10 {
        let t = &ctx.toks[e];
        if !t.is_word() || ctx.is_mark(e) || (e > start && t.para_break) {
            break;
        }
        let w = t.lower.as_str();
        if t.is_capitalized() {
            if lexicon::is_function_word(w) && e > start {
                break;
            }
            seen_name = true;
            e += 1;
            continue;
        }
        // "Ambassador to the United States", "Secretary of State"
        let next_cap = |k: usize| ctx.toks.get(k).is_some_and(|t| t.is_capitalized());
        let connector = matches!(w, "of" | "to" | "de" | "van" | "von" | "bin" | "al" | "da" | "del")
            && e > start
            && ctx.toks[e - 1].is_capitalized()
            && (next_cap(e + 1) || (ctx.toks.get(e + 1).is_some_and(|t| t.is("the")) && next_cap(e + 2)));
        let article_in_name = w == "the" && e > start && matches!(ctx.toks[e - 1].lower.as_str(), "of" | "to") && next_cap(e + 1);
        if connector || article_in_name {
            e += 1;
            continue;
        }
        // "the Afghan team's coach": a possessive or a role noun goes on after a name
        if seen_name && (w.ends_with("'s") || lexicon::is_speaker_noun(w) || lexicon::is_role_noun(w)) && lowercase < 3 {
            lowercase += 1;
            e += 1;
            continue;
        }
        // "Democratic political consultant Ivan Petrak", "Verity's chief human resources
        // executive, Marcus Oyelaran": modifiers, a role noun, then the name
        if seen_name && lowercase < 3 {
            let role = (e..(e + 3).min(hi)).find(|&j| {
                let t = &ctx.toks[j];
                !t.is_capitalized() && (lexicon::is_speaker_noun(&t.lower) || lexicon::is_role_noun(&t.lower))
            });
            let plain = |j: usize| ctx.toks[j].is_word() && !ctx.toks[j].is_capitalized() && !lexicon::is_function_word(&ctx.toks[j].lower) && lexicon::cue_base(&ctx.toks[j].lower).is_none();
            let cap = |j: usize| j < hi && ctx.toks.get(j).is_some_and(Tok::is_capitalized);
            let name_follows = |j: usize| cap(j + 1) || (ctx.toks.get(j + 1).is_some_and(|t| t.is_punct(',')) && cap(j + 2));
            if let Some(j) = role.filter(|&j| j > e && (e..j).all(plain) && name_follows(j)) {
                lowercase += j + 1 - e;
                e = j + 1;
                continue;
            }
        }
        if seen_name || lexicon::is_function_word(w) || lexicon::cue_base(w).is_some() || is_calendar_word(w) || lowercase >= 4 {
            break;
        }
        // "another leading appeals court lawyer": taggers read "leading" as a verb
        let participle_modifier = w.ends_with("ing") && ctx.toks.get(e + 1).is_some_and(|t| t.is_word());
        if t.upos.as_deref().is_some_and(|u| !matches!(u, "NOUN" | "ADJ" | "PROPN" | "NUM")) && !participle_modifier {
            break;
        }
        lowercase += 1;
        e += 1;
    }
    // back off to the last valid head; "the 46-year-old" stands as it is
    let scanned = e;
    while e > start && !valid_head(ctx, e - 1) {
        e -= 1;
    }
    if e <= start + 1 && lexicon::is_determiner(&ctx.toks[start].lower) && scanned > start + 1 {
        let h = &ctx.toks[scanned - 1];
        if h.is_word() && !lexicon::is_function_word(&h.lower) && !h.lower.ends_with("ly") {
            e = scanned;
        }
    }
    if e <= start || (e - start == 1 && lexicon::is_determiner(&ctx.toks[start].lower)) {
        return None;
    }
    // "the team's coach, Alireza Mehraban,": the name in apposition belongs to the speaker
    if !ctx.toks[e - 1].is_capitalized() && ctx.toks.get(e).is_some_and(|t| t.is_punct(',')) {
        let mut n = e + 1;
        while n < hi && n < ctx.toks.len() && ctx.toks[n].is_capitalized() && n - e < 5 {
            n += 1;
        }
        let closes = n >= hi || ctx.toks.get(n).is_none_or(|t| !t.is_word());
        if n > e + 1 && closes {
            return Some(SpeakerNp { first: start, last: n, pron: None });
        }
    }
    Some(SpeakerNp { first: start, last: e, pron: None })
}

/// Sentence-level indirect speech.
fn indirect_speech(ctx: &Context) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for &(first, last) in &ctx.sents {
        let mut sent_found: Vec<Found> = Vec::new();
        // content ends before the final full stop and closing marks
        let mut end_tok = last;
        while end_tok > first && (crate::text::is_terminal(&ctx.toks[end_tok - 1]) || (!ctx.toks[end_tok - 1].is_word() && !ctx.is_close_mark(end_tok - 1))) {
            end_tok -= 1;
        }
        for v in first..last {
            if ctx.tok_quote[v].is_some() || sent_found.iter().any(|f| ctx.toks[v].start < f.end && ctx.toks[v].start >= f.start) {
                continue;
            }
            if let Some(f) = indirect_at(ctx, v, first, end_tok) {
                if f.end > f.start && !sent_found.iter().any(|g| g.start < f.end && f.start < g.end) {
                    sent_found.push(f);
                }
            }
        }
        out.extend(sent_found);
    }
    out
}

/// Words that may follow a cue verb before its clause ("said on Monday that").
fn is_time_word(w: &str) -> bool {
    is_calendar_word(w)
        || matches!(w, "last" | "this" | "late" | "early" | "earlier" | "later" | "tonight" | "week" | "month" | "year" | "morning" | "afternoon" | "evening" | "night" | "again" | "also" | "repeatedly" | "recently" | "previously")
}

fn is_preposition(w: &str) -> bool {
    matches!(w, "in" | "on" | "at" | "with" | "to" | "for" | "during" | "after" | "before" | "about" | "of" | "via" | "from" | "through" | "into" | "by" | "as" | "over" | "against" | "under")
}

/// Word count of tokens `[a, b)`.
fn word_count(ctx: &Context, a: usize, b: usize) -> usize {
    ctx.toks[a.min(b)..b].iter().filter(|t| t.is_word()).count()
}

/// An indirect-speech attribution whose cue is token `v`.
fn indirect_at(ctx: &Context, v: usize, first: usize, end_tok: usize) -> Option<Found> {
    let span = |a: usize, b: usize| -> Option<(usize, usize)> {
        // `“…,” X, a description, told Y`: what opens with a quote mark is a direct quote
        if ctx.is_open_mark(a) {
            return None;
        }
        let mut b = b;
        while b > a && matches!(ctx.toks[b - 1].text.as_str(), "," | ";" | ":" | "—" | "–" | "-") {
            b -= 1;
        }
        (b > a && word_count(ctx, a, b) >= 3).then(|| (ctx.toks[a].start, ctx.toks[b - 1].end))
    };
    let found = |content: (usize, usize), np: Option<SpeakerNp>, cue: (usize, usize)| Found {
        start: content.0,
        end: content.1,
        kind: "indirect",
        attribution: Attribution { np, cue: Some(cue), frame: (first, end_tok) },
    };
    if is_according(ctx, v) {
        let np = np_after(ctx, v + 2, end_tok)?;
        let mut k = np.last;
        if v <= first + 1 {
            while k < end_tok && !ctx.toks[k].is_punct(',') && k < np.last + 8 {
                k += 1;
            }
            return span(k + 1, end_tok).map(|c| found(c, Some(np), (v, v + 2)));
        }
        return span(first, v).map(|c| found(c, Some(np), (v, v + 2)));
    }
    let base = cue_at(ctx, v)?;
    let t = &ctx.toks[v];
    // ", saying (that) …": the speaker is the subject of the sentence
    if t.lower.ends_with("ing") {
        if v == first || !ctx.toks[v - 1].is_punct(',') || !lexicon::takes_bare_clause(base) {
            return None;
        }
        let np = np_after(ctx, first, v)?;
        let c0 = clause_after(ctx, v, base, end_tok)?;
        return span(c0, end_tok).map(|c| found(c, Some(np), (v, v + 1)));
    }
    if matches!(base, "describe" | "call" | "dub" | "brand" | "term" | "label" | "hail" | "criticize" | "criticise" | "decry" | "slam" | "praise" | "accuse" | "demand" | "blast" | "tout" | "point" | "highlight" | "ask" | "urge" | "signal") {
        return None;
    }
    // passive and participial uses: "was told", "the deal announced"
    if v > first && matches!(ctx.toks[v - 1].lower.as_str(), "was" | "were" | "been" | "be" | "being" | "is" | "are" | "to") {
        return None;
    }
    let np = subject_from_parse(ctx, v).or_else(|| np_before(ctx, v, first));
    let Some(np) = np else {
        // "…, said Smith."
        if v > first && ctx.toks[v - 1].is_punct(',') && lexicon::is_quote_cue(base) {
            let np = np_after(ctx, v + 1, end_tok)?;
            if end_tok - np.last <= 8 {
                return span(first, v - 1).map(|c| found(c, Some(np), (v, v + 1)));
            }
        }
        return None;
    };
    // the subject must open its clause
    let opens_clause = np.first == first
        || ctx.toks[np.first - 1].is_punct(',')
        || matches!(ctx.toks[np.first - 1].lower.as_str(), "and" | "but" | "while" | "as" | "when" | "because" | "although" | "though" | "so" | "yet" | "where")
        || ctx.is_close_mark(np.first - 1)
        || ctx.is_open_mark(np.first - 1);
    if !opens_clause {
        return None;
    }
    if let Some(c0) = clause_after(ctx, v, base, end_tok) {
        if ctx.is_open_mark(c0) {
            // `X said: “…”` is a direct quote
            return None;
        }
        if let Some(c) = span(c0, end_tok) {
            return Some(found(c, Some(np), (v, v + 1)));
        }
    }
    // "…, X said." with only adjuncts after the cue (a comma after them opens the rest of a
    // parenthetical attribution, below)
    let adjuncts_only = !(v + 1..end_tok).any(|k| ctx.toks[k].is_punct(','));
    if np.first > first && ctx.toks[np.first - 1].is_punct(',') && lexicon::is_quote_cue(base) && end_tok.saturating_sub(v) <= 10 && adjuncts_only {
        return span(first, np.first - 1).map(|c| found(c, Some(np), (v, v + 1)));
    }
    // "The freight business, she said, is recovering": a parenthetical attribution;
    // the content is the longer side (a span cannot leave the attribution out)
    if np.first > first && ctx.toks[np.first - 1].is_punct(',') && lexicon::is_quote_cue(base) {
        let comma = (v + 1..(v + 5).min(end_tok)).find(|&k| ctx.toks[k].is_punct(','))?;
        if (v + 1..comma).any(|k| !ctx.toks[k].is_word()) {
            return None;
        }
        let (before, after) = (word_count(ctx, first, np.first - 1), word_count(ctx, comma + 1, end_tok));
        let (a, b) = if after >= before { (comma + 1, end_tok) } else { (first, np.first - 1) };
        return span(a, b).map(|c| found(c, Some(np), (v, v + 1)));
    }
    None
}

/// First token of the clause a cue verb introduces, if any.
fn clause_after(ctx: &Context, v: usize, base: &str, end: usize) -> Option<usize> {
    let mut k = v + 1;
    // "told reporters", "told the BBC", "assured him"
    if lexicon::takes_listener(base) {
        if let Some(t) = ctx.toks.get(k) {
            if matches!(t.lower.as_str(), "him" | "her" | "them" | "us" | "me" | "you" | "reporters" | "journalists" | "lawmakers" | "supporters" | "parliament" | "congress") {
                k += 1;
            } else if let Some(np) = np_after(ctx, k, end) {
                k = np.last;
            } else if base == "tell" {
                return None;
            }
        }
    }
    // a "that" near the cue opens the clause
    for j in k..end.min(k + 12) {
        let t = &ctx.toks[j];
        if t.is("that") {
            return (j + 1 < end).then_some(j + 1);
        }
        if !t.is_word() || ctx.is_mark(j) || lexicon::cue_base(&t.lower).is_some() {
            break;
        }
    }
    if !lexicon::takes_bare_clause(base) {
        return None;
    }
    while k < end && is_time_word(&ctx.toks[k].lower) {
        k += 1;
    }
    if k < end && ctx.toks[k].is_punct(':') {
        k += 1;
    }
    let t = ctx.toks.get(k).filter(|_| k < end)?;
    if ctx.is_open_mark(k) {
        return Some(k);
    }
    if !t.is_word() || is_preposition(&t.lower) || matches!(t.lower.as_str(), "so" | "yes" | "no" | "nothing" | "something" | "anything" | "it") && k + 1 >= end {
        return None;
    }
    if matches!(t.lower.as_str(), "and" | "or" | "but" | "not" | "only" | "what" | "how" | "why" | "whether" | "if" | "goodbye" | "hello" | "thanks" | "sorry") {
        return None;
    }
    Some(k)
}

/// Converts a found quote to the contract's type, resolving its speaker.
fn to_quote(ctx: &Context, f: Found) -> Option<Quote> {
    let mut end = f.end;
    while end > f.start && matches!(ctx.chars[end - 1], ',' | ';' | ':' | '—' | '–' | ' ' | '\n') {
        end -= 1;
    }
    if end <= f.start {
        return None;
    }
    let speaker = f.attribution.np.map(|np| speaker_of(ctx, np));
    let cue = f.attribution.cue.map(|(a, b)| ctx.tok_text(a, b));
    let (fa, fb) = f.attribution.frame;
    let words: Vec<&str> = ctx.toks[fa.min(fb)..fb.min(ctx.toks.len())]
        .iter()
        .filter(|t| t.end <= f.start || t.start >= end)
        .map(|t| t.lower.as_str())
        .collect();
    let channel = lexicon::channel_of(&words).map(str::to_string);
    Some(Quote { text: ctx.slice(f.start, end), speaker, cue, kind: Some(f.kind.to_string()), channel, start: f.start, end })
}

/// The speaker of a noun phrase: its words, span and canonical name.
fn speaker_of(ctx: &Context, np: SpeakerNp) -> Speaker {
    let mut last = np.last;
    // drop a trailing apposition comma or possessive
    while last > np.first + 1 && !ctx.toks[last - 1].is_word() {
        last -= 1;
    }
    let start = ctx.toks[np.first].start;
    let end = ctx.toks[last - 1].end;
    let text = ctx.slice(start, end);
    let name = match np.pron {
        Some(p) => resolve(ctx, p, start).map(|m| m.name.clone()),
        None => name_of(ctx, np.first, last),
    };
    Speaker { text, name, start: Some(start), end: Some(end) }
}

/// The canonical name inside a speaker phrase: the entity it holds, or the
/// trailing proper name without titles ("Foreign Ministry spokeswoman Mao Ning" → "Mao Ning").
fn name_of(ctx: &Context, first: usize, last: usize) -> Option<String> {
    // "Paul Brenner, who was chairman under Governor R. J. Malloy": a name before the first
    // comma is the speaker's, whatever the description after it names
    if let Some(comma) = (first + 1..last).find(|&k| ctx.toks[k].is_punct(',')) {
        if ctx.toks[comma - 1].is_capitalized() {
            return name_of(ctx, first, comma);
        }
    }
    // trailing run of capitalised words
    let mut s = last;
    while s > first && (ctx.toks[s - 1].is_capitalized() || (s - 1 > first && matches!(ctx.toks[s - 1].lower.as_str(), "of" | "de" | "van" | "von" | "bin" | "al" | "da" | "del") && ctx.toks[s - 2].is_capitalized())) {
        s -= 1;
    }
    while s < last && (lexicon::is_determiner(&ctx.toks[s].lower) || lexicon::is_sentence_starter(&ctx.toks[s].lower) && !ctx.toks[s].lower.ends_with('.')) {
        s += 1;
    }
    if s >= last {
        // a common noun ("the spokesman"): the entity inside, if any
        return ctx.mention_in(first, last).filter(|_| ctx.has_entities).map(|m| m.name.clone());
    }
    let (name_first, _) = ctx.strip_titles(s, last);
    if let Some(m) = ctx.mention_in(name_first, last) {
        if ctx.has_entities || m.first <= name_first && m.last >= last || m.name.contains(' ') {
            return Some(m.name.clone());
        }
    }
    Some(ctx.clean_name(name_first, last))
}

/// The mention a pronoun at character `pos` refers to: the latest person of
/// the pronoun's gender (else of unknown gender); organisations for "it"/"they".
fn resolve(ctx: &Context, p: Pronoun, pos: usize) -> Option<&crate::context::Mention> {
    let before = ctx.mentions.iter().rev().filter(|m| m.end <= pos && !m.in_quote).take(40);
    match p {
        Pronoun::He | Pronoun::She => {
            let want = if p == Pronoun::He { Gender::Male } else { Gender::Female };
            let candidates: Vec<_> = before.filter(|m| m.kind == MentionKind::Person).collect();
            candidates
                .iter()
                .find(|m| m.gender == Some(want))
                .or_else(|| candidates.iter().find(|m| m.gender.is_none()))
                .copied()
        }
        Pronoun::It | Pronoun::They => before.take(6).find(|m| m.kind == MentionKind::Org),
        Pronoun::Speaker => None,
    }
}
