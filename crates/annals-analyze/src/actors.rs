//! Actors: canonical names, countries (ISO 3166-1 alpha-3) and sectors for
//! entity mentions.
//!
//! Sources, strongest first: titles in the text itself ("Turkish President",
//! "Kremlin spokesman", "chair of the Senate Foreign Relations Committee"),
//! then the Phoenix actor dictionaries (roles dated, judged against the
//! article's date; they end around 2016), then place and demonym lists.
//! Everything is compiled into `models/actors.bin.gz` by `annals-train`.

use std::collections::HashMap;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::binio::{Reader, Writer};
use crate::Error;

/// A dictionary role: code and validity (days since 1970, inclusive; `i32::MIN`/`MAX` when open).
#[derive(Debug, Clone, PartialEq)]
pub struct DatedRole {
    /// Phoenix code (`USAGOV`, `IGOUNO`).
    pub code: String,
    /// First valid day.
    pub from: i32,
    /// Last valid day.
    pub to: i32,
}

/// A dictionary actor.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// Canonical name ("Barack Obama").
    pub name: String,
    /// Roles.
    pub roles: Vec<DatedRole>,
}

/// The compiled actor knowledge.
#[derive(Debug, Clone, Default)]
pub struct ActorDict {
    /// Folded name key → actor index.
    pub names: HashMap<String, u32>,
    /// Actors.
    pub actors: Vec<ActorEntry>,
    /// Folded place name → ISO alpha-3 country.
    pub places: HashMap<String, String>,
    /// Folded demonym or country adjective → ISO alpha-3 ("turkish" → TUR).
    pub demonyms: HashMap<String, String>,
    /// Folded generic agent word or title → sector ("spokesman" → GOV).
    pub agents: HashMap<String, String>,
    /// ISO alpha-3 codes.
    pub iso3: Vec<String>,
    /// Folded names of countries and their capitals ("turkey", "beijing"): places that a
    /// one-word "person" should not be without strong evidence.
    pub countries: std::collections::HashSet<String>,
}

/// Days since 1970-01-01.
pub fn day_number(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")).num_days() as i32
}

/// Spelling variants folded to one form before lookup (lower case, diacritics removed).
const VARIANTS: &[(&str, &str)] = &[
    ("gaddafi", "qaddafi"), ("gadhafi", "qaddafi"), ("kadhafi", "qaddafi"), ("qadhafi", "qaddafi"), ("kaddafi", "qaddafi"),
    ("ghaddafi", "qaddafi"), ("qadafi", "qaddafi"), ("gadaffi", "qaddafi"), ("moammar", "muammar"), ("muamar", "muammar"),
    ("mouammar", "muammar"), ("usama", "osama"), ("ladin", "laden"), ("mohammad", "muhammad"), ("mohammed", "muhammad"),
    ("mohamed", "muhammad"), ("muhammed", "muhammad"), ("mohamad", "muhammad"), ("qaeda", "qaida"), ("qaida", "qaida"),
    ("assad", "assad"), ("al-assad", "assad"), ("erdogan", "erdogan"), ("zelenskyy", "zelensky"), ("zelenskiy", "zelensky"),
    ("zelenskyi", "zelensky"), ("netanyahou", "netanyahu"), ("khamenei", "khamenei"), ("xi", "xi"), ("pyongyang", "pyongyang"),
    ("kyiv", "kiev"), ("beijing", "beijing"), ("peking", "beijing"), ("burma", "myanmar"),
];

/// Typographic punctuation of news text, which [`fold`] drops: no decomposition, not alphanumeric.
const FOLD_DROPPED: [char; 8] = ['‘', '’', '“', '”', '–', '—', '…', '•'];

/// Lower case, diacritics removed, punctuation dropped, variant spellings unified.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut buf = String::new();
    for word in name.split(|c: char| c.is_whitespace() || c == '_') {
        buf.clear();
        if word.chars().all(|c| c.is_ascii() || FOLD_DROPPED.contains(&c)) {
            // the same result as the Unicode path without its per-character tables: these
            // characters have no decompositions and no combining marks can follow them; most
            // words are ASCII, and this runs per token
            buf.extend(word.chars().filter(char::is_ascii).map(|c| c.to_ascii_lowercase()).filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '&'));
        } else {
            fold_word_unicode(word, &mut buf);
        }
        let w = buf.trim_matches('-');
        if w.is_empty() {
            continue;
        }
        let w = VARIANTS.iter().find(|(a, _)| *a == w).map_or(w, |(_, b)| *b);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// One word of [`fold`], before trimming: decomposed, combining marks dropped, lower case.
fn fold_word_unicode(word: &str, out: &mut String) {
    out.extend(
        word.nfd()
            .filter(|c| !matches!(*c as u32, 0x0300..=0x036F))
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                'ı' => 'i',
                'ł' => 'l',
                'ø' => 'o',
                'đ' => 'd',
                'ß' => 's',
                _ => c,
            })
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '&'),
    );
}

/// "BARACK OBAMA" → "Barack Obama"; a single short word stays upper case ("UN", "NATO").
pub fn title_case(upper: &str) -> String {
    let words: Vec<&str> = upper.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() == 1 && words[0].chars().count() <= 5 || words.iter().all(|w| w.contains('.')) {
        return upper.to_string();
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "of" | "the" | "and" | "for" | "de" | "du" | "la" | "bin" | "ibn") {
                return lower;
            }
            if w.contains('.') || (w.chars().count() <= 3 && !w.contains(|c: char| "AEIOUY".contains(c))) {
                return w.to_string();
            }
            let mut out = String::with_capacity(w.len());
            let mut start = true;
            for c in lower.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                start = c == '-';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sector-bearing titles and role words, checked before the dictionaries' agents.
pub const TITLES: &[(&str, &str)] = &[
    ("president", "GOV"), ("vice president", "GOV"), ("prime minister", "GOV"), ("premier", "GOV"), ("minister", "GOV"),
    ("chancellor", "GOV"), ("secretary", "GOV"), ("secretary of state", "GOV"), ("spokesman", "GOV"), ("spokeswoman", "GOV"),
    ("spokesperson", "GOV"), ("ambassador", "GOV"), ("envoy", "GOV"), ("diplomat", "GOV"), ("governor", "GOV"), ("gov.", "GOV"),
    ("mayor", "GOV"), ("official", "GOV"), ("king", "GOV"), ("queen", "GOV"), ("emir", "GOV"), ("sultan", "GOV"),
    ("foreign minister", "GOV"), ("defense minister", "GOV"), ("defence minister", "GOV"), ("interior minister", "GOV"),
    ("finance minister", "GOV"), ("adviser", "GOV"), ("advisor", "GOV"), ("cabinet", "GOV"), ("consul", "GOV"),
    ("prince", "GOV"), ("crown prince", "GOV"), ("leader", "GOV"), ("dictator", "GOV"), ("strongman", "GOV"),
    ("general", "MIL"), ("gen.", "MIL"), ("colonel", "MIL"), ("col.", "MIL"), ("commander", "MIL"), ("admiral", "MIL"),
    ("adm.", "MIL"), ("lieutenant", "MIL"), ("lt.", "MIL"), ("major", "MIL"), ("maj.", "MIL"), ("sergeant", "MIL"),
    ("sgt.", "MIL"), ("captain", "MIL"), ("capt.", "MIL"), ("marshal", "MIL"), ("soldier", "MIL"), ("army chief", "MIL"),
    ("chief of staff", "MIL"), ("senator", "LEG"), ("sen.", "LEG"), ("lawmaker", "LEG"), ("congressman", "LEG"),
    ("congresswoman", "LEG"), ("representative", "LEG"), ("rep.", "LEG"), ("legislator", "LEG"), ("mp", "LEG"),
    ("parliamentarian", "LEG"), ("speaker", "LEG"), ("deputy", "LEG"), ("senate", "LEG"), ("parliament", "LEG"),
    ("congress", "LEG"), ("assembly", "LEG"), ("committee", "LEG"), ("judge", "JUD"), ("justice", "JUD"),
    ("prosecutor", "JUD"), ("attorney general", "JUD"), ("magistrate", "JUD"), ("court", "JUD"),
    ("opposition leader", "OPP"), ("opposition", "OPP"), ("dissident", "OPP"), ("activist", "OPP"),
    ("ceo", "BUS"), ("chief executive", "BUS"), ("executive", "BUS"), ("businessman", "BUS"), ("businesswoman", "BUS"),
    ("founder", "BUS"), ("investor", "BUS"), ("banker", "BUS"), ("tycoon", "BUS"), ("billionaire", "BUS"),
    ("journalist", "MED"), ("reporter", "MED"), ("editor", "MED"), ("correspondent", "MED"), ("columnist", "MED"),
    ("anchor", "MED"), ("pope", "REL"), ("cardinal", "REL"), ("bishop", "REL"), ("archbishop", "REL"), ("imam", "REL"),
    ("cleric", "REL"), ("rabbi", "REL"), ("ayatollah", "REL"), ("professor", "EDU"), ("prof.", "EDU"),
    ("researcher", "EDU"), ("scientist", "EDU"), ("police chief", "COP"), ("police", "COP"), ("sheriff", "COP"),
    ("detective", "COP"), ("rebel", "REB"), ("militant", "REB"), ("insurgent", "REB"), ("kremlin", "GOV"),
];

/// Sector keywords inside organisation names.
const ORG_WORDS: &[(&str, &str)] = &[
    ("ministry", "GOV"), ("government", "GOV"), ("cabinet", "GOV"), ("white house", "GOV"), ("kremlin", "GOV"),
    ("state department", "GOV"), ("department", "GOV"), ("administration", "GOV"), ("office", "GOV"), ("agency", "GOV"),
    ("pentagon", "MIL"), ("army", "MIL"), ("navy", "MIL"), ("air force", "MIL"), ("military", "MIL"), ("forces", "MIL"),
    ("marines", "MIL"), ("brigade", "MIL"), ("guard", "MIL"), ("militia", "REB"), ("parliament", "LEG"), ("senate", "LEG"),
    ("congress", "LEG"), ("assembly", "LEG"), ("duma", "LEG"), ("knesset", "LEG"), ("house of representatives", "LEG"),
    ("committee", "LEG"), ("court", "JUD"), ("tribunal", "JUD"), ("party", "PTY"), ("bank", "BUS"), ("inc", "BUS"),
    ("inc.", "BUS"), ("corp", "BUS"), ("corp.", "BUS"), ("ltd", "BUS"), ("ltd.", "BUS"), ("company", "BUS"),
    ("airlines", "BUS"), ("motors", "BUS"), ("group", "BUS"), ("plc", "BUS"), ("llc", "BUS"), ("news", "MED"),
    ("times", "MED"), ("post", "MED"), ("journal", "MED"), ("television", "MED"), ("tv", "MED"), ("radio", "MED"),
    ("broadcasting", "MED"), ("press", "MED"), ("reuters", "MED"), ("tribune", "MED"), ("herald", "MED"),
    ("university", "EDU"), ("college", "EDU"), ("school", "EDU"), ("institute", "EDU"), ("police", "COP"),
    ("foundation", "NGO"), ("red cross", "NGO"), ("amnesty", "NGO"), ("human rights watch", "NGO"),
];

/// Country adjectives that the dictionaries lack or spell differently.
const DEMONYMS: &[(&str, &str)] = &[
    ("american", "USA"), ("u.s.", "USA"), ("us", "USA"), ("british", "GBR"), ("u.k.", "GBR"), ("uk", "GBR"), ("english", "GBR"),
    ("scottish", "GBR"), ("welsh", "GBR"), ("chinese", "CHN"), ("french", "FRA"), ("german", "DEU"), ("russian", "RUS"),
    ("turkish", "TUR"), ("iranian", "IRN"), ("iraqi", "IRQ"), ("syrian", "SYR"), ("israeli", "ISR"), ("palestinian", "PSE"),
    ("egyptian", "EGY"), ("saudi", "SAU"), ("japanese", "JPN"), ("korean", "KOR"), ("north korean", "PRK"),
    ("south korean", "KOR"), ("indian", "IND"), ("pakistani", "PAK"), ("afghan", "AFG"), ("ukrainian", "UKR"),
    ("polish", "POL"), ("italian", "ITA"), ("spanish", "ESP"), ("canadian", "CAN"), ("mexican", "MEX"),
    ("brazilian", "BRA"), ("australian", "AUS"), ("dutch", "NLD"), ("swedish", "SWE"), ("norwegian", "NOR"),
    ("danish", "DNK"), ("finnish", "FIN"), ("greek", "GRC"), ("lebanese", "LBN"), ("jordanian", "JOR"),
    ("libyan", "LBY"), ("yemeni", "YEM"), ("qatari", "QAT"), ("emirati", "ARE"), ("nigerian", "NGA"),
    ("kenyan", "KEN"), ("ethiopian", "ETH"), ("somali", "SOM"), ("sudanese", "SDN"), ("venezuelan", "VEN"),
    ("colombian", "COL"), ("argentine", "ARG"), ("argentinian", "ARG"), ("chilean", "CHL"), ("cuban", "CUB"),
    ("vietnamese", "VNM"), ("thai", "THA"), ("indonesian", "IDN"), ("filipino", "PHL"), ("philippine", "PHL"),
    ("malaysian", "MYS"), ("belarusian", "BLR"), ("georgian", "GEO"), ("armenian", "ARM"), ("azerbaijani", "AZE"),
    ("kazakh", "KAZ"), ("serbian", "SRB"), ("croatian", "HRV"), ("hungarian", "HUN"), ("czech", "CZE"),
    ("romanian", "ROU"), ("bulgarian", "BGR"), ("irish", "IRL"), ("swiss", "CHE"), ("austrian", "AUT"),
    ("belgian", "BEL"), ("portuguese", "PRT"), ("taiwanese", "TWN"), ("kremlin", "RUS"), ("soviet", "RUS"),
    ("moroccan", "MAR"), ("algerian", "DZA"), ("tunisian", "TUN"), ("south african", "ZAF"), ("zimbabwean", "ZWE"),
    ("bangladeshi", "BGD"), ("sri lankan", "LKA"), ("nepali", "NPL"), ("burmese", "MMR"), ("kuwaiti", "KWT"),
    ("bahraini", "BHR"), ("omani", "OMN"), ("new zealand", "NZL"), ("peruvian", "PER"), ("bolivian", "BOL"),
];

impl ActorDict {
    /// Builds from parsed Phoenix entries, agents, places and country names.
    pub fn build(
        entries: &[crate::phoenix::Entry],
        agents: &[(String, String)],
        places: Vec<(String, String)>,
        iso3: Vec<String>,
    ) -> ActorDict {
        let mut d = ActorDict { iso3, ..ActorDict::default() };
        for (k, v) in places {
            d.places.entry(fold(&k)).or_insert(v);
        }
        for (k, v) in DEMONYMS {
            d.demonyms.insert((*k).to_string(), (*v).to_string());
        }
        for (phrase, code) in agents {
            let key = fold(phrase);
            if !key.is_empty() {
                d.agents.entry(key).or_insert_with(|| code.chars().take(3).collect());
            }
        }
        for e in entries {
            let roles: Vec<DatedRole> = e
                .roles
                .iter()
                .map(|r| DatedRole {
                    code: r.code.clone(),
                    from: r.from.map_or(i32::MIN, day_number),
                    to: r.to.map_or(i32::MAX, day_number),
                })
                .collect();
            // a country entry: its synonyms that look like adjectives are demonyms
            if roles.len() == 1 && roles[0].code.len() == 3 && d.iso3.contains(&roles[0].code) {
                for n in &e.names {
                    let key = fold(n);
                    let adjective = ["an", "ian", "ese", "ish", "i", "ic", "ch"].iter().any(|s| key.ends_with(s)) && !key.contains(' ');
                    if adjective && !d.places.contains_key(&key) {
                        d.demonyms.entry(key).or_insert_with(|| roles[0].code.clone());
                    } else {
                        d.places.entry(key).or_insert_with(|| roles[0].code.clone());
                    }
                }
                continue;
            }
            let idx = d.actors.len() as u32;
            d.actors.push(ActorEntry { name: title_case(&e.names[0]), roles });
            for n in &e.names {
                let key = fold(n);
                if key.len() >= 2 {
                    d.names.entry(key).or_insert(idx);
                }
            }
        }
        d
    }

    /// Splits a Phoenix code into (country, sector).
    pub fn decode(&self, code: &str) -> (Option<String>, Option<String>) {
        let head = code.get(..3).unwrap_or("");
        let next = code.get(3..6).map(str::to_string);
        let is_iso = |c: &str| self.iso3.iter().any(|x| x == c);
        if is_iso(head) {
            return (Some(head.to_string()), next);
        }
        match head {
            "IGO" | "NGO" => (next.filter(|c| is_iso(c)), Some(head.to_string())),
            "MNC" => (next.filter(|c| is_iso(c)), Some("BUS".into())),
            "IMG" => (None, Some("REB".into())),
            _ => (None, None),
        }
    }

    /// The role of a dictionary actor on `date` (the latest one when the date is unknown).
    pub fn role_on(&self, actor: &ActorEntry, date: Option<NaiveDate>) -> Option<(Option<String>, Option<String>)> {
        let role = match date {
            Some(d) => {
                let day = day_number(d);
                let valid: Vec<&DatedRole> = actor.roles.iter().filter(|r| r.from <= day && day <= r.to).collect();
                // a dated role is more specific than an open one
                valid.iter().find(|r| r.from != i32::MIN || r.to != i32::MAX).or(valid.first()).copied()
            }
            None => actor.roles.iter().max_by_key(|r| (r.to, r.from)),
        }?;
        Some(self.decode(&role.code))
    }

    /// Country of a folded place name.
    pub fn place_country(&self, folded: &str) -> Option<&str> {
        self.places.get(folded).map(String::as_str)
    }

    /// Writes the dictionary.
    pub fn write(&self, w: &mut Writer) {
        w.strs(&self.iso3);
        let sorted = |m: &HashMap<String, String>, w: &mut Writer| {
            let mut v: Vec<_> = m.iter().collect();
            v.sort();
            w.u32(v.len() as u32);
            for (k, x) in v {
                w.str(k);
                w.str(x);
            }
        };
        sorted(&self.places, w);
        sorted(&self.demonyms, w);
        sorted(&self.agents, w);
        w.u32(self.actors.len() as u32);
        for a in &self.actors {
            w.str(&a.name);
            w.u32(a.roles.len() as u32);
            for r in &a.roles {
                w.str(&r.code);
                w.u32(r.from as u32);
                w.u32(r.to as u32);
            }
        }
        let mut names: Vec<_> = self.names.iter().collect();
        names.sort();
        w.u32(names.len() as u32);
        for (k, i) in names {
            w.str(k);
            w.u32(*i);
        }
        let mut countries: Vec<&String> = self.countries.iter().collect();
        countries.sort();
        w.strs(&countries);
    }

    /// Reads a dictionary written by [`write`](Self::write).
    pub fn read(r: &mut Reader) -> Result<Self, Error> {
        let mut d = ActorDict { iso3: r.strs()?, ..ActorDict::default() };
        let read_map = |r: &mut Reader| -> Result<HashMap<String, String>, Error> {
            let n = r.u32()? as usize;
            let mut m = HashMap::with_capacity(n);
            for _ in 0..n {
                let k = r.str()?;
                m.insert(k, r.str()?);
            }
            Ok(m)
        };
        d.places = read_map(r)?;
        d.demonyms = read_map(r)?;
        d.agents = read_map(r)?;
        let n = r.u32()? as usize;
        for _ in 0..n {
            let name = r.str()?;
            let k = r.u32()? as usize;
            let mut roles = Vec::with_capacity(k);
            for _ in 0..k {
                let code = r.str()?;
                let from = r.u32()? as i32;
                roles.push(DatedRole { code, from, to: r.u32()? as i32 });
            }
            d.actors.push(ActorEntry { name, roles });
        }
        let n = r.u32()? as usize;
        for _ in 0..n {
            let k = r.str()?;
            let i = r.u32()?;
            if i as usize >= d.actors.len() {
                return Err(Error::Model("actor index out of range".into()));
            }
            d.names.insert(k, i);
        }
        d.countries = r.strs()?.into_iter().collect();
        Ok(d)
    }
}

/// A title found in the words around a mention: sector, and the country it names if any.
pub fn title_sector(words: &[String]) -> Option<&'static str> {
    // longest title first: "foreign minister" before "minister"
    let padded = Padded::new(format!(" {} ", words.join(" ").to_lowercase()));
    let mut best: Option<(usize, &'static str)> = None;
    for (t, s) in TITLES {
        if padded.contains_words(t) && best.is_none_or(|(l, _)| t.len() > l) {
            best = Some((t.len(), s));
        }
    }
    best.map(|(_, s)| s)
}

/// Sector from keywords inside an organisation's name.
pub fn org_sector(folded: &str) -> Option<&'static str> {
    let padded = Padded::new(format!(" {folded} "));
    ORG_WORDS.iter().filter(|(k, _)| padded.contains_words(k)).max_by_key(|(k, _)| k.len()).map(|(_, s)| *s)
}

/// Text with a space at each end and the offsets that follow a space (where a word can start).
struct Padded {
    text: String,
    starts: Vec<usize>,
}

impl Padded {
    fn new(text: String) -> Self {
        let starts = text.bytes().enumerate().filter(|(_, b)| *b == b' ').map(|(i, _)| i + 1).collect();
        Padded { text, starts }
    }

    /// Whether `words` occurs between spaces: whole words only. Called for every title at
    /// every mention, so it builds no string and tries only the offsets where a word starts
    /// (a substring search per title was a fifth of the entity stage).
    fn contains_words(&self, words: &str) -> bool {
        let (b, w) = (self.text.as_bytes(), words.as_bytes());
        self.starts.iter().any(|&i| b[i..].starts_with(w) && b.get(i + w.len()) == Some(&b' '))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phoenix::parse_actors;

    #[test]
    fn whole_words_only() {
        let p = Padded::new(" the deputy foreign minister of  turkey ".to_string());
        for (words, found) in [("foreign minister", true), ("minister", true), ("the", true), ("turkey", true), ("eign", false), ("minister of turkey", false), ("of  turkey", true), ("deputy foreign", true), ("", true), ("turkey ", false)] {
            assert_eq!(p.contains_words(words), found, "{words:?}");
        }
        assert_eq!(org_sector("ministry of defence"), Some("GOV"));
    }

    #[test]
    fn ascii_fold_matches_the_unicode_path() {
        // every printable ASCII character and the dropped punctuation, alone and inside words, through both paths
        // ('_' splits words, like spaces, before either path)
        let mut words: Vec<String> = (0x21u8..0x7f).filter(|b| *b != b'_').map(|b| format!("Ab{}C9", char::from(b))).collect();
        words.extend(["-Al-Assad-", "--", "AT&T", "U.S.", "Gaddafi's", "x", "MOHAMMED"].map(String::from));
        words.extend(FOLD_DROPPED.iter().flat_map(|c| [c.to_string(), format!("{c}Gov{c}t"), format!("A-{c}")]));
        for w in &words {
            let mut unicode = String::new();
            fold_word_unicode(w, &mut unicode);
            let expected = match unicode.trim_matches('-') {
                "" => String::new(),
                t => VARIANTS.iter().find(|(a, _)| *a == t).map_or(t, |(_, b)| *b).to_string(),
            };
            assert_eq!(fold(w), expected, "{w}");
        }
        assert_eq!(fold("Recep  Tayyip_Erdoğan"), "recep tayyip erdogan");
        assert_eq!(fold("The United\tStates -- of America"), "the united states of america");
    }

    #[test]
    fn folding_and_roles() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Kadhafi"), fold("Qaddafi"));
        assert_eq!(fold("Muammar Gaddafi"), "muammar qaddafi");
        assert_eq!(title_case("BARACK OBAMA"), "Barack Obama");
        assert_eq!(title_case("UN"), "UN");
        let entries = parse_actors(
            "TURKEY_ [TUR]\n+TURKISH_\n+ANKARA_\nBARACK_OBAMA\n+OBAMA\n\t[USAELI 050103-081116]\n\t[USAGOV 090120-170120]\n",
        );
        let d = ActorDict::build(&entries, &[], vec![], vec!["TUR".into(), "USA".into()]);
        assert_eq!(d.demonyms.get("turkish").map(String::as_str), Some("TUR"));
        assert_eq!(d.place_country("ankara"), Some("TUR"));
        let obama = &d.actors[d.names["obama"] as usize];
        assert_eq!(obama.name, "Barack Obama");
        let on = |y, m, dd| d.role_on(obama, NaiveDate::from_ymd_opt(y, m, dd));
        assert_eq!(on(2010, 5, 1), Some((Some("USA".into()), Some("GOV".into()))));
        assert_eq!(on(2007, 5, 1), Some((Some("USA".into()), Some("ELI".into()))));
        assert_eq!(on(2020, 5, 1), None);
        let mut w = Writer::default();
        d.write(&mut w);
        let b = w.into_bytes();
        let d2 = ActorDict::read(&mut Reader::new(&b)).unwrap();
        assert_eq!(d2.actors, d.actors);
        assert_eq!(title_sector(&["turkish".into(), "foreign".into(), "minister".into()]), Some("GOV"));
        assert_eq!(org_sector("senate foreign relations committee"), Some("LEG"));
    }
}
