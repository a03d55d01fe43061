//! The news filter: events a careful analyst would not code, dropped after coding.
//!
//! CAMEO's verb dictionary codes ordinary verbs ("joined by guests",
//! "left the organization", "traveled to Florida"), which on general news
//! gives events between nobody in particular (GDELT's noise). The rules here
//! were written from the dev half of the first judged sample (24 Wikinews articles; since
//! replaced by `eval/news-events/`) and run in the
//! [`crate::EventStage`] only, never in the PETRARCH evaluation, whose
//! conventions differ.

use annals_core::{Actor, Document, EntityType, Event};

use crate::coder::RawEvent;
use crate::lexicon::Lexicon;
use crate::sent::Sentence;

/// Verbs of motion, joining and thinking: CAMEO's generic consult codes (040,
/// 042, 043) on them are not meetings ("came to the U.S.", "left the Sea Org",
/// "joined by guests", "I think America …").
const NOT_CONSULT: &[&str] = &["come", "go", "leave", "join", "arrive", "head", "flock", "think", "learn", "return", "enter"];

/// Reporting and wanting verbs: their complement carries the event (and the
/// factuality module its status); a code on the verb itself comes from words
/// of the complement ("said her party has supported" → AGREE).
const CARRIERS: &[&str] = &[
    "say", "state", "tell", "write", "add", "continue", "refer", "reveal", "believe", "explain", "note", "suggest", "want", "need", "plan", "wish", "hope", "decide", "intend", "expect",
];

/// Everyday verbs that CAMEO's dictionary, written for political news, codes
/// as seizures, assaults, releases, aid or appeals: on general news they mostly
/// are not ("will take time", "was caught with their headset off", "the
/// recently released Google Chrome", "traffic had increased", "the attempt
/// failed", "led to outreach from Google", "a photographer to shoot her
/// outfit"). On them an event needs an actor the verb acts on ([`acted_on`]).
const ORDINARY: &[&str] = &["take", "catch", "release", "remove", "increase", "fail", "compete", "lead", "shoot", "apply", "encourage", "defend"];

/// Whether the actor at `tok` is what the verb acts on: the head of one of the
/// verb's own objects or of its passive subject ("Hamas released two hostages",
/// "Montalvo was released"), not a word inside that phrase ("remove a video
/// featuring Tom Cruise", "one Immortals player was caught", "defended the
/// government's record") nor an oblique ("taking hard drives from the
/// organization"). A name's inner words stand for the name (also when the
/// tagger took a word of it for a noun: "Tom | Cruise/NOUN"), a conjunct for the first.
fn acted_on(sent: &Sentence, tok: usize, actor: &Actor, verb: (usize, usize)) -> bool {
    let mut t = tok;
    while let Some(h) = sent.toks[t].head.filter(|&h| h != t) {
        let climb = match sent.toks[t].rel() {
            "flat" | "fixed" | "conj" => true,
            "compound" => sent.toks[h].upos == "PROPN" || actor.text.split_whitespace().any(|w| w == sent.toks[h].form),
            _ => false,
        };
        if !climb {
            break;
        }
        t = h;
    }
    matches!(sent.toks[t].deprel.as_str(), "obj" | "iobj" | "nsubj:pass") && sent.toks[t].head.is_some_and(|h| h == verb.0 || h == verb.1)
}

/// Whether an actor is a place inside a country (a region, a city that is
/// not a capital, a building): somewhere one goes, not someone who acts.
fn is_place(doc: &Document, sent: &Sentence, lex: &Lexicon, tok: usize, actor: &Actor) -> bool {
    let t = &sent.toks[tok];
    let located = doc.entities.iter().any(|e| e.kind == EntityType::Location && e.start <= t.start && t.end <= e.end);
    let upper = actor.name.as_deref().unwrap_or(&actor.text).to_uppercase();
    located && !lex.countries.contains_key(&upper) && !lex.capitals.contains_key(&upper) && actor.sector.is_none()
}

/// The token of an actor's own words in the phrase it came from (the phrase
/// head is "hopefuls" for the actor "Afghanistan" in "hopefuls from Afghanistan").
fn actor_tok(sent: &Sentence, phrase: usize, actor: &Actor) -> usize {
    let Some(first) = actor.text.split_whitespace().next() else { return phrase };
    let sub = if sent.parsed { sent.subtree(phrase) } else { vec![phrase] };
    sub.into_iter().find(|&i| sent.toks[i].form.eq_ignore_ascii_case(first)).unwrap_or(phrase)
}

/// "asylee hopefuls from Afghanistan", "feedback for Mohamed": an actor in a
/// `from`/`for`/`to` phrase under a common noun
/// that names no event says where someone comes from or what something is
/// about; it is not who acts or is acted upon. Conjuncts ("from Afghanistan,
/// Eritrea …") share their first conjunct's place.
fn is_modifier(sent: &Sentence, tok: usize, trigger: usize) -> bool {
    let mut t = name_head(sent, tok);
    while sent.toks[t].rel() == "conj" {
        match sent.toks[t].head {
            Some(h) if h != t => t = h,
            _ => break,
        }
    }
    let tk = &sent.toks[t];
    let Some(h) = tk.head else { return false };
    let head = &sent.toks[h];
    tk.rel() == "nmod"
        && h != trigger
        && head.upos == "NOUN"
        && crate::nouns::lookup(&head.lemma, &head.upper).is_none()
        && sent.deps(t, "case").any(|c| matches!(sent.toks[c].lemma.as_str(), "from" | "for" | "to"))
}

/// The head of the name a token belongs to ("Croucher" → "Foundation").
fn name_head(sent: &Sentence, mut t: usize) -> usize {
    while matches!(sent.toks[t].rel(), "compound" | "flat" | "fixed" | "amod" | "det" | "nummod") {
        match sent.toks[t].head {
            Some(h) if h != t => t = h,
            _ => break,
        }
    }
    t
}

/// Whether two tokens are conjuncts of one coordination ("by A, B and C").
fn coordinated(sent: &Sentence, a: usize, b: usize) -> bool {
    let first = |t: usize| {
        let mut t = name_head(sent, t);
        while sent.toks[t].rel() == "conj" {
            match sent.toks[t].head {
                Some(h) if h != t => t = h,
                _ => break,
            }
        }
        t
    };
    a != b && first(a) == first(b)
}

/// Words of sports reports: there "defeated", "faced", "attacking" and
/// "conceded" are results and plays, not conflicts or concessions.
const SPORT: &[&str] = &[
    "match", "game", "goal", "penalty", "referee", "tournament", "championship", "league", "stadium", "football", "soccer", "striker", "goalkeeper", "midfielder", "fifa", "tennis", "cup", "coach",
    "playoff", "playoffs", "quarterback", "touchdown", "nfl", "nba", "nhl", "olympic", "olympics", "rugby", "cricket", "basketball", "baseball", "hockey", "golf",
];

/// Words of votes and rulings, where "52-48" and "5-4" are counts, not scores.
const TALLY: &[&str] = &["vote", "voted", "votes", "voting", "ruling", "ruled", "decision", "verdict", "margin", "majority"];

/// Months, before which "14-15" is a range of days ("June 14-15").
const MONTHS: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."];

/// Whether token `i` looks like a match score: two numbers of at most two digits joined by a
/// hyphen or dash ("6-4", "7–6", "3-0"), not a day range after a month. (A sentence about a
/// vote has counts, not scores: [`sport_words`] checks that once per sentence.)
fn score_shaped(sent: &Sentence, i: usize) -> bool {
    let Some((a, b)) = sent.toks[i].form.split_once(['-', '–']) else { return false };
    let small = |x: &str| (1..=2).contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit());
    small(a) && small(b) && !i.checked_sub(1).is_some_and(|p| MONTHS.contains(&sent.toks[p].form.to_lowercase().as_str()))
}

fn sport_words(sent: &Sentence) -> usize {
    let word = |t: &crate::sent::Tok| SPORT.contains(&t.lemma.to_lowercase().as_str()) || SPORT.contains(&t.form.to_lowercase().as_str());
    let words = sent.toks.iter().filter(|t| word(t)).count();
    let scores = (0..sent.toks.len()).filter(|&i| score_shaped(sent, i)).count();
    if scores > 0 && sent.toks.iter().any(|t| TALLY.contains(&t.form.to_lowercase().as_str())) {
        return words;
    }
    words + scores
}

/// Verbs of winning, which CAMEO codes as force (190) and elections use for a win
/// ("Kentucky Democrats beat incumbent Gov. Matt Bevin").
const WINNING: &[&str] = &["beat", "defeat", "unseat", "trounce", "rout", "edge"];

/// Words of elections: with one of them a win is at the polls.
const ELECTION: &[&str] = &[
    "election", "elections", "vote", "votes", "voter", "voters", "poll", "polls", "ballot", "candidate", "incumbent", "primary", "runoff", "seat", "nomination", "referendum", "electoral", "constituency",
];

/// Words of violence: a sentence with one of them is never a sports play
/// ("Gunmen attacked the stadium during a football match, killing 12").
const VIOLENCE: &[&str] = &[
    "kill", "killed", "killing", "bomb", "bombing", "explosion", "explode", "blast", "shot", "shoot", "shooting", "gunman", "gunmen", "gunfire", "injured", "injure", "wounded",
    "wound", "dead", "death", "die", "stab", "stabbed", "grenade", "terrorist", "hostage",
];

fn violence(sent: &Sentence) -> bool {
    sent.toks.iter().any(|t| VIOLENCE.contains(&t.lemma.to_lowercase().as_str()) || VIOLENCE.contains(&t.form.to_lowercase().as_str()))
}

/// Whether the document reads as a sports report (five or more sports words).
pub(crate) fn sports_report(sentences: &[Sentence]) -> bool {
    sentences.iter().map(sport_words).sum::<usize>() >= 5
}

/// Screens one coded event: drops what is not an actor from its slots and
/// says whether the event is kept.
/// `sports` says whether the document is a sports report.
pub(crate) fn screen(doc: &Document, sent: &Sentence, lex: &Lexicon, sports: bool, r: &RawEvent, ev: &mut Event) -> bool {
    let trig = r.trigger.0;
    let lemma = sent.toks[trig].lemma.to_lowercase();
    if !r.nominal && CARRIERS.contains(&lemma.as_str()) {
        return false;
    }
    let sport = sport_words(sent);
    // a play of a match, or beating a rival in a sports report or at the polls, is no use of force
    let contest = ev.cameo.starts_with("19") && WINNING.contains(&lemma.as_str()) && (sports || sent.toks.iter().any(|t| ELECTION.contains(&t.form.to_lowercase().as_str())));
    if (sport >= 2 || (sport >= 1 && sports) || contest) && !violence(sent) {
        return false;
    }
    if sent.parsed {
        // "scheduled to take place": where and when, not an action
        if lemma == "take" && sent.children[trig].iter().any(|&c| sent.toks[c].lemma.eq_ignore_ascii_case("place")) {
            return false;
        }
        let s_tok = r.source.as_ref().zip(ev.source.as_ref()).map(|(c, a)| actor_tok(sent, c.tok, a));
        let t_tok = r.target.as_ref().zip(ev.target.as_ref()).map(|(c, a)| actor_tok(sent, c.tok, a));
        if s_tok.is_some_and(|t| is_modifier(sent, t, trig)) {
            ev.source = None;
        }
        if t_tok.is_some_and(|t| is_modifier(sent, t, trig)) {
            ev.target = None;
        }
        // an everyday verb acts on its object, not on an actor somewhere in the phrase
        if !r.nominal && ORDINARY.contains(&lemma.as_str()) && !t_tok.zip(ev.target.as_ref()).is_some_and(|(t, a)| acted_on(sent, t, a, r.trigger)) {
            ev.target = None;
        }
        // "supported by A, B and C": conjuncts act together, not upon each other (meetings aside)
        if let (Some(a), Some(b)) = (s_tok, t_tok) {
            if !ev.cameo.starts_with("04") && coordinated(sent, a, b) {
                ev.target = None;
            }
        }
    }
    // an actor does not act upon itself ("Rathbun requested donations" → Rathbun, Rathbun)
    if ev.source.as_ref().is_some_and(|a| a.name.is_some()) && ev.source.as_ref().map(|a| &a.name) == ev.target.as_ref().map(|a| &a.name) {
        ev.target = None;
    }
    let place = |c: &Option<crate::actors::Coded>, a: &Option<Actor>| match (c, a) {
        (Some(c), Some(a)) => is_place(doc, sent, lex, c.tok, a),
        _ => false,
    };
    let source_place = place(&r.source, &ev.source);
    let target_place = place(&r.target, &ev.target);
    if matches!(ev.cameo.as_str(), "040" | "042" | "043") && NOT_CONSULT.contains(&lemma.as_str()) {
        return false;
    }
    // a meeting, a visit, a call is between two parties: not with a region ("traveled to
    // Florida", "able to meet finalists at … Mountain View, California") nor with nobody
    // the text names as an actor ("Wikinews spoke with a cosplayer")
    if (ev.cameo.starts_with("04") || ev.cameo == "036") && (ev.source.is_none() || ev.target.is_none() || source_place || target_place) {
        return false;
    }
    // an everyday verb's event needs who it was done to (see [`ORDINARY`]), unless security
    // forces did it ("Police took the suspect into custody"); a company alone is business
    // news ("Microsoft has launched an aggressive campaign to persuade users")
    let security = ev.source.as_ref().is_some_and(|a| matches!(a.sector.as_deref(), Some("COP" | "MIL" | "REB" | "INS" | "SPY" | "UAF")));
    let everyday = !r.nominal && ORDINARY.contains(&lemma.as_str()) && !security;
    let business = ev.source.as_ref().is_some_and(|a| a.sector.as_deref() == Some("BUS"));
    if (everyday || business) && (ev.target.is_none() || target_place) {
        return false;
    }
    // "called the sentence dangerous", "a device called the E-meter": a telephone call needs a telephone
    if ev.cameo == "041" && lemma == "call" && !sent.toks.iter().any(|t| matches!(t.lemma.to_lowercase().as_str(), "phone" | "telephone")) {
        return false;
    }
    // an event needs a named actor (a person, an organisation, a country), or two actors,
    // or security forces using force ("Police used tear gas"), or a news noun; places count as none
    let named = |a: &Option<Actor>, is_place: bool| a.as_ref().is_some_and(|a| a.name.is_some()) && !is_place;
    let present = |a: &Option<Actor>, is_place: bool| a.is_some() && !is_place;
    let forces = security
        && matches!(ev.kind.as_str(), "COERCE" | "ASSAULT" | "MOBILIZE" | "THREATEN");
    // cooperation, support, aid and yielding in general (the verb's default code) are
    // done with or for someone: without a recipient ("Microsoft no longer wants to
    // support it", "the Court has ruled") they are not an interaction
    if matches!(ev.cameo.as_str(), "030" | "050" | "051" | "060" | "061" | "070" | "080") && !(present(&ev.source, source_place) && present(&ev.target, target_place)) {
        return false;
    }
    // news nouns (talks, summit, sanctions) name political events themselves ("a summit of Balkan leaders")
    r.nominal || forces || named(&ev.source, source_place) || named(&ev.target, target_place) || (present(&ev.source, source_place) && present(&ev.target, target_place))
}

#[cfg(test)]
mod tests {
    use annals_core::EntityType::{Location, Person};

    use crate::testkit::document;
    use crate::EventStage;

    fn coded(parses: &[&str], entities: &[crate::testkit::TestEntity]) -> Vec<String> {
        let doc = document(parses, entities);
        EventStage::new().code_document(&doc).iter().map(|e| format!("{} {}", e.kind, e.trigger.text)).collect()
    }

    #[test]
    fn ordinary_verbs_are_no_meetings() {
        // CAMEO's consult codes on motion verbs: "left the organization", "traveled to Florida"
        let got = coded(
            &[
                "Montalvo/Montalvo/PROPN/2/nsubj left/leave/VERB/0/root the/the/DET/4/det organization/organization/NOUN/2/obj ././PUNCT/2/punct",
                "He/he/PRON/2/nsubj traveled/travel/VERB/0/root to/to/ADP/4/case Florida/Florida/PROPN/2/obl ././PUNCT/2/punct",
                "Montalvo/Montalvo/PROPN/2/nsubj met/meet/VERB/0/root Devocht/Devocht/PROPN/2/obj ././PUNCT/2/punct",
            ],
            &[("Montalvo", Person, "Daniel Montalvo", None, None), ("Florida", Location, "Florida", Some("USA"), None), ("Montalvo", Person, "Daniel Montalvo", None, None), ("Devocht", Person, "Tom Devocht", None, None)],
        );
        assert_eq!(got, vec!["CONSULT met"], "{got:?}");
    }

    #[test]
    fn violence_at_a_sports_ground_is_no_sports_play() {
        let got = coded(
            &[
                "Gunmen/gunman/NOUN/2/nsubj attacked/attack/VERB/0/root the/the/DET/4/det stadium/stadium/NOUN/2/obj during/during/ADP/8/case a/a/DET/8/det football/football/NOUN/8/compound match/match/NOUN/2/obl ,/,/PUNCT/10/punct killing/kill/VERB/2/advcl 12/12/NUM/10/obj ././PUNCT/2/punct",
                "Belgium/Belgium/PROPN/2/nsubj attacked/attack/VERB/0/root France/France/PROPN/2/obj during/during/ADP/7/case the/the/DET/7/det football/football/NOUN/7/compound match/match/NOUN/2/obl ././PUNCT/2/punct",
            ],
            &[("Belgium", Location, "Belgium", Some("BEL"), None), ("France", Location, "France", Some("FRA"), None)],
        );
        // the attack keeps its ASSAULT; the same verb as a play of the match is dropped
        assert_eq!(got, vec!["ASSAULT attacked"], "{got:?}");
    }

    #[test]
    fn match_scores_and_election_wins_are_no_force() {
        // the language core's parses of a tennis report and an election report
        let got = coded(
            &[
                "Granollers/Granollers/PROPN/4/nsubj and/and/CCONJ/3/cc Lopez/Lopez/PROPN/1/conj defeated/defeat/VERB/0/root Karen/Karen/PROPN/4/obj Khachanov/Khachanov/PROPN/5/flat \
                 and/and/CCONJ/8/cc Andrey/Andrey/PROPN/5/conj Rublev/Rublev/PROPN/8/flat 6-4/6-4/PROPN/8/flat ,/,/PUNCT/12/punct 7-6/7-6/PROPN/5/conj ././PUNCT/4/punct",
                "Kentucky/Kentucky/PROPN/2/compound Democrats/Democrats/PROPN/3/nsubj beat/beat/VERB/0/root incumbent/incumbent/ADJ/7/amod Gov./Gov./PROPN/6/compound Matt/Matt/PROPN/7/compound \
                 Bevin/Bevin/PROPN/3/obj in/in/ADP/11/case a/a/DET/11/det state/state/NOUN/11/compound Trump/Trump/PROPN/7/nmod won/win/VERB/3/advcl ././PUNCT/3/punct",
                // a day range and a vote count are no scores: the army's defeat of the rebels stays
                "The/the/DET/2/det army/army/NOUN/3/nsubj defeated/defeat/VERB/0/root the/the/DET/5/det rebels/rebel/NOUN/3/obj on/on/ADP/7/case June/June/PROPN/8/nmod:unmarked 14-15/14-15/NUM/3/obl ././PUNCT/3/punct",
            ],
            &[
                ("Granollers", Person, "Marcel Granollers", Some("ESP"), None),
                ("Lopez", Person, "Feliciano Lopez", Some("ESP"), None),
                ("Karen Khachanov", Person, "Karen Khachanov", Some("RUS"), None),
                ("Andrey Rublev", Person, "Andrey Rublev", Some("RUS"), None),
                ("Kentucky Democrats", annals_core::EntityType::Org, "Kentucky Democrats", Some("USA"), Some("PTY")),
                ("Matt Bevin", Person, "Matt Bevin", Some("USA"), Some("GOV")),
                ("army", annals_core::EntityType::Org, "army", None, Some("MIL")),
                ("rebels", annals_core::EntityType::Org, "rebels", None, Some("REB")),
            ],
        );
        assert_eq!(got, vec!["ASSAULT defeated"], "{got:?}");
    }

    #[test]
    fn calls_for_something_are_an_appeal() {
        let got = coded(
            &["Eastman/Eastman/PROPN/3/nmod:poss 's/'s/PART/1/case calls/call/NOUN/0/root for/for/ADP/6/case iodised/iodised/ADJ/6/amod salt/salt/NOUN/3/nmod ././PUNCT/3/punct"],
            &[("Eastman", Person, "Cres Eastman", Some("AUS"), None)],
        );
        // the noun "call" alone is a telephone call (041), dropped here without a telephone
        assert_eq!(got, vec!["REQUEST calls"], "{got:?}");
    }

    #[test]
    fn everyday_verbs_need_an_actor_they_act_on() {
        // the language core's parses (tagger and parser slips included: "Immortals" as a
        // discourse word, "Cruise" as a noun)
        let got = coded(
            &[
                "One/one/NUM/5/nsubj:pass Immortals/immortal/NOUN/5/discourse player/player/NOUN/5/nsubj:pass was/be/AUX/5/aux:pass caught/catch/VERB/0/root with/with/ADP/9/mark their/their/PRON/8/nmod:poss headset/headset/NOUN/9/nsubj off/off/ADP/5/advcl ././PUNCT/5/punct",
                "Daniel/Daniel/PROPN/4/nsubj:pass Montalvo/Montalvo/PROPN/1/flat was/be/AUX/4/aux:pass released/release/VERB/0/root on/on/ADP/6/case bail/bail/NOUN/4/obl ././PUNCT/4/punct",
                "The/the/DET/9/det recently/recently/ADV/3/advmod released/release/VERB/4/amod Google/Google/PROPN/9/compound Chrome/Chrome/PROPN/4/flat is/be/AUX/9/aux also/also/ADV/9/advmod quickly/quickly/ADV/9/advmod gaining/gain/VERB/0/root users/user/NOUN/9/obj ././PUNCT/9/punct",
                "The/the/DET/2/det Church/Church/PROPN/5/nsubj of/of/ADP/4/case Scientology/Scientology/PROPN/2/nmod tried/try/VERB/0/root to/to/PART/7/mark remove/remove/VERB/5/xcomp a/a/DET/10/det promotional/promotional/ADJ/10/amod video/video/NOUN/7/obj featuring/feature/VERB/10/acl Tom/Tom/PROPN/13/compound Cruise/cruise/NOUN/11/obj ././PUNCT/5/punct",
                "Sunak/Sunak/PROPN/2/nsubj defended/defend/VERB/0/root the/the/DET/4/det government/government/NOUN/6/nmod:poss 's/'s/PART/4/case record/record/NOUN/2/obj ././PUNCT/2/punct",
                "Police/police/NOUN/2/nsubj removed/remove/VERB/0/root Tom/Tom/PROPN/4/compound Cruise/cruise/NOUN/2/obj ././PUNCT/2/punct",
            ],
            &[
                ("Immortals", annals_core::EntityType::Org, "Immortals", None, None),
                ("Daniel Montalvo", Person, "Daniel Montalvo", None, None),
                ("Google", annals_core::EntityType::Org, "Google", Some("USA"), Some("BUS")),
                ("Church of Scientology", annals_core::EntityType::Org, "Church of Scientology", None, None),
                ("Tom Cruise", Person, "Tom Cruise", None, None),
                ("Sunak", Person, "Rishi Sunak", Some("GBR"), Some("GOV")),
                ("Tom Cruise", Person, "Tom Cruise", None, None),
            ],
        );
        // kept: the released man, and Tom Cruise removed himself (a name the tagger split)
        assert_eq!(got, vec!["RETREAT released", "COERCE removed"], "{got:?}");
    }

    #[test]
    fn meetings_need_two_parties_and_a_company_alone_is_business_news() {
        let got = coded(
            &[
                "Wikinews/wikinews/NOUN/2/nsubj spoke/speak/VERB/0/root with/with/ADP/5/case a/a/DET/5/det cosplayer/cosplayer/NOUN/2/obl ././PUNCT/2/punct",
                "Sergey/Sergey/PROPN/3/nsubj Brin/Brin/PROPN/1/flat met/meet/VERB/0/root with/with/ADP/5/case Ahmed/Ahmed/PROPN/3/obl Mohamed/Mohamed/PROPN/5/flat ././PUNCT/3/punct",
                "Microsoft/Microsoft/PROPN/3/nsubj has/have/AUX/3/aux launched/launch/VERB/0/root an/a/DET/6/det aggressive/aggressive/ADJ/6/amod campaign/campaign/NOUN/3/obj to/to/PART/8/mark persuade/persuade/VERB/6/acl users/user/NOUN/8/obj to/to/PART/11/mark stop/stop/VERB/8/xcomp using/use/VERB/11/xcomp IE6/IE6/PROPN/12/obj ././PUNCT/3/punct",
            ],
            &[
                ("Wikinews", annals_core::EntityType::Org, "Wikinews", None, None),
                ("Sergey Brin", Person, "Sergey Brin", None, None),
                ("Ahmed Mohamed", Person, "Ahmed Mohamed", Some("USA"), None),
                ("Microsoft", annals_core::EntityType::Org, "Microsoft", Some("USA"), Some("BUS")),
            ],
        );
        assert_eq!(got, vec!["CONSULT met"], "{got:?}");
    }

    #[test]
    fn support_without_a_recipient_and_reporting_verbs_are_dropped() {
        let got = coded(
            &[
                "Microsoft/Microsoft/PROPN/4/nsubj no/no/ADV/3/advmod longer/longer/ADV/4/advmod wants/want/VERB/0/root to/to/PART/6/mark support/support/VERB/4/xcomp it/it/PRON/6/obj ././PUNCT/4/punct",
                "France/France/PROPN/2/nsubj supported/support/VERB/0/root Germany/Germany/PROPN/2/obj ././PUNCT/2/punct",
            ],
            &[("Microsoft", annals_core::EntityType::Org, "Microsoft", Some("USA"), Some("BUS")), ("France", Location, "France", Some("FRA"), None), ("Germany", Location, "Germany", Some("DEU"), None)],
        );
        assert_eq!(got, vec!["SUPPORT supported"], "{got:?}");
    }
}
