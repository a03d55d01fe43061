//! Word lists: cue verbs, speaker nouns, titles, pronouns, channels.
//!
//! Attribution in news English is carried by a small closed set of words
//! (said, told, according to, wrote on ...), so the lists are the model; they
//! were grown on PolNeAR train and on typical wire copy. All entries are
//! lower case, with `'` as the apostrophe.

/// Abbreviations that keep their full stop inside the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "cmdr",
    "st", "mt", "ft", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "pvt", "messrs", "mmes", "mme",
    "inc", "corp", "co", "ltd", "plc", "bros", "dept", "univ", "assn", "no", "nos", "vs", "etc", "approx", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga",
    "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "fig", "al", "op", "cf", "ed", "eds",
];

/// True when `word` (lower case, without its dot) is a known abbreviation.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word)
}

/// Abbreviations that also end sentences often ("... in the U.S. The ..."):
/// they end one when an ordinary sentence starter follows.
pub(crate) fn ends_sentence_when_capital_follows(word: &str) -> bool {
    matches!(word, "u.s." | "u.k." | "u.n." | "d.c." | "a.m." | "p.m." | "inc." | "corp." | "co." | "ltd." | "etc." | "jr." | "sr.")
}

/// Words that usually open a sentence.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "he" | "she" | "it" | "they" | "we" | "i" | "but" | "and" | "in" | "on" | "at" | "this" | "that"
            | "there" | "his" | "her" | "their" | "its" | "as" | "if" | "when" | "while" | "after" | "before" | "for" | "some"
            | "many" | "most" | "one" | "two" | "mr." | "mrs." | "ms." | "dr." | "sen." | "rep." | "gov." | "gen."
    )
}

/// Base forms of speech verbs that introduce what someone said; each maps to
/// its surface forms by [`cue_base`].
const SPEECH_VERBS: &[&str] = &[
    "say", "tell", "add", "write", "tweet", "post", "state", "announce", "declare", "explain", "note", "argue", "claim",
    "insist", "warn", "acknowledge", "admit", "deny", "confirm", "report", "respond", "reply", "continue", "recall",
    "assert", "contend", "suggest", "predict", "ask", "urge", "stress", "emphasize", "emphasise", "remark", "observe",
    "conclude", "complain", "concede", "boast", "joke", "quip", "shout", "yell", "testify", "allege", "maintain",
    "reiterate", "vow", "promise", "pledge", "assure", "inform", "reveal", "disclose", "caution", "charge", "counter",
    "retort", "mention", "comment", "answer", "agree", "predict", "estimate", "repeat", "underline", "affirm", "stated",
    "describe", "call", "dub", "brand", "term", "label", "hail", "criticize", "criticise", "decry", "slam", "praise",
    "accuse", "demand", "signal", "indicate", "believe", "think", "hope", "fear", "wonder", "announce", "proclaim",
    "acknowledge", "whisper", "scream", "exclaim", "muse", "lament", "concur", "advise", "propose", "recommend",
    "clarify", "elaborate", "highlight", "point", "tout", "brag", "blast", "bark", "snap", "echo", "read",
    "confess", "interject", "plead", "thunder", "scoff", "sigh", "laugh", "cry", "offer", "chime", "fire", "shoot",
    "recount", "cite", "quote", "reason", "recollect", "begin", "beam", "gush", "marvel", "email", "text", "message",
    "chant", "sing", "mock", "opine", "predict", "vent", "protest", "object", "retort", "tease",
];


/// Speech verbs whose bare form is a cue: rarely nouns in news English.
const BARE_CUES: &[&str] = &[
    "say", "tell", "argue", "insist", "warn", "write", "predict", "contend", "suggest", "acknowledge", "admit", "deny",
    "explain", "add", "assert", "maintain", "complain", "concede", "testify", "recall", "agree", "reveal", "stress",
];

/// The base form of a speech-verb surface form ("said" → "say"), if it is one.
pub(crate) fn cue_base(word: &str) -> Option<&'static str> {
    let irregular = match word {
        "said" | "says" | "saying" => Some("say"),
        "told" | "tells" | "telling" => Some("tell"),
        "wrote" | "writes" | "writing" | "written" => Some("write"),
        "denied" | "denies" | "denying" => Some("deny"),
        "replied" | "replies" | "replying" => Some("reply"),
        "testified" | "testifies" | "testifying" => Some("testify"),
        "admitted" | "admits" | "admitting" => Some("admit"),
        "quipped" | "quips" | "quipping" => Some("quip"),
        "dubbed" | "dubs" => Some("dub"),
        "clarified" | "clarifies" => Some("clarify"),
        "reads" | "reading" => Some("read"),
        "echoed" | "echoes" => Some("echo"),
        "cried" | "cries" => Some("cry"),
        "shot" => Some("shoot"),
        "pleaded" | "pled" | "pleads" => Some("plead"),
        "snapped" | "snaps" => Some("snap"),
        _ => None,
    };
    if irregular.is_some() {
        return irregular;
    }
    // bare forms ("officials say", "critics argue", "will tell") of verbs that are
    // seldom nouns; "claim", "note", "report", "call" stay out (the claim, a note)
    if let Some(v) = BARE_CUES.iter().find(|v| **v == word) {
        return Some(v);
    }
    for suffix in ["ed", "d", "s", "es", "ing"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            for candidate in [stem.to_string(), format!("{stem}e")] {
                if let Some(v) = SPEECH_VERBS.iter().find(|v| **v == candidate) {
                    return Some(v);
                }
            }
        }
    }
    None
}

/// Cue verbs that report speech strongly enough to introduce a clause
/// without "that" ("X said the talks failed").
pub(crate) fn takes_bare_clause(base: &str) -> bool {
    matches!(base, "say" | "tell" | "add" | "write" | "tweet" | "post" | "insist" | "argue" | "claim" | "warn" | "note" | "explain" | "predict" | "believe" | "think" | "announce" | "state" | "contend" | "assert" | "suggest" | "complain" | "acknowledge" | "concede" | "reply" | "respond" | "continue" | "agree" | "fear" | "hope")
}

/// Cue verbs whose object is the listener, not the speaker ("told AFP").
pub(crate) fn takes_listener(base: &str) -> bool {
    matches!(base, "tell" | "inform" | "assure" | "warn" | "promise" | "remind" | "brief" | "advise" | "ask" | "urge")
}

/// Cue verbs that report speech well enough to attribute a direct quote.
pub(crate) fn is_quote_cue(base: &str) -> bool {
    !matches!(base, "describe" | "call" | "dub" | "brand" | "term" | "label" | "hail" | "criticize" | "criticise" | "decry" | "slam" | "praise" | "accuse" | "demand" | "signal" | "indicate" | "believe" | "think" | "hope" | "fear" | "wonder" | "highlight" | "tout" | "blast" | "offer" | "begin" | "cite" | "quote" | "laugh" | "cry")
}

/// Verbs that take a short quoted phrase as object or complement
/// (called the plan a "grave error", described it as "cynical").
pub(crate) fn is_partial_cue(base: &str) -> bool {
    !matches!(base, "ask")
}

/// Personal pronouns that can be speakers, with their gender/number.
pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    Some(match word {
        "he" => Pronoun::He,
        "she" => Pronoun::She,
        "they" => Pronoun::They,
        "it" => Pronoun::It,
        "i" | "we" | "you" => Pronoun::Speaker,
        _ => return None,
    })
}

/// Which referent a pronoun wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    He,
    She,
    They,
    It,
    /// First or second person: the speaker of the surrounding quote.
    Speaker,
}

/// Grammatical gender known for a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Words before a verb that are not the subject ("has said", "also said").
pub(crate) fn is_verb_modifier(word: &str) -> bool {
    matches!(
        word,
        "has" | "have" | "had" | "also" | "later" | "previously" | "then" | "again" | "once" | "repeatedly" | "recently"
            | "would" | "will" | "could" | "may" | "might" | "earlier" | "often" | "frequently" | "quickly" | "simply"
            | "flatly" | "publicly" | "privately" | "reportedly" | "allegedly" | "further" | "subsequently" | "already"
            | "has since" | "did" | "does" | "do" | "never" | "first" | "last" | "just" | "still" | "even" | "only"
            | "originally" | "separately" | "angrily" | "bluntly" | "proudly" | "firmly" | "openly" | "clearly"
            | "explicitly" | "directly" | "initially" | "famously" | "recently," | "cannot" | "can"
    )
}

/// Determiners and possessives that open a speaker noun phrase.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(word, "the" | "a" | "an" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their" | "our" | "my" | "another" | "some" | "several" | "many" | "both" | "two" | "three" | "other" | "one" | "each" | "most" | "few" | "all" | "no")
}

/// Function words that end a noun phrase when scanning for a speaker.
pub(crate) fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "and" | "or" | "but" | "that" | "which" | "who" | "whom" | "whose" | "when" | "where" | "while" | "as" | "if"
            | "because" | "in" | "on" | "at" | "to" | "for" | "from" | "with" | "by" | "about" | "after" | "before"
            | "since" | "than" | "into" | "over" | "under" | "is" | "was" | "are" | "were" | "be" | "been" | "not"
            | "so" | "what" | "how" | "why" | "also" | "there" | "here" | "has" | "have" | "had" | "would" | "will"
            | "during" | "until" | "though" | "although" | "yet" | "nor" | "against" | "among" | "between" | "through"
            | "without" | "within" | "across" | "toward" | "towards" | "upon" | "said" | "says" | "told" | "it"
            | "did" | "does" | "do" | "can" | "could" | "should" | "may" | "might" | "must"
    )
}

/// Common nouns that name speakers ("the spokesman said", "officials said").
pub(crate) fn is_speaker_noun(word: &str) -> bool {
    const NOUNS: &[&str] = &[
        "official", "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "government", "president",
        "source", "analyst", "expert", "lawyer", "attorney", "police", "army", "military", "aide", "adviser", "advisor",
        "agency", "company", "group", "party", "campaign", "statement", "report", "witness", "resident", "leader",
        "chief", "director", "secretary", "senator", "governor", "mayor", "chairman", "chairwoman", "chair", "ceo",
        "executive", "founder", "economist", "researcher", "scientist", "professor", "doctor", "judge", "prosecutor",
        "officer", "commander", "general", "diplomat", "ambassador", "envoy", "negotiator", "representative",
        "lawmaker", "legislator", "congressman", "congresswoman", "candidate", "nominee", "democrat", "republican",
        "activist", "organizer", "member", "voter", "supporter", "critic", "opponent", "owner", "manager", "worker",
        "employee", "teacher", "student", "father", "mother", "son", "daughter", "wife", "husband", "friend", "family",
        "neighbor", "neighbour", "pollster", "strategist", "operative", "consultant", "historian", "observer",
        "commentator", "journalist", "reporter", "editor", "author", "writer", "columnist", "host", "anchor",
        "department", "office", "administration", "committee", "council", "commission", "authority", "authorities",
        "court", "board", "union", "organization", "organisation", "firm", "bank", "regulator", "watchdog", "kremlin",
        "ministry", "cabinet", "parliament", "congress", "senate", "house", "embassy", "consulate", "mission",
        "coalition", "alliance", "movement", "network", "newspaper", "paper", "outlet", "magazine", "poll", "survey",
        "study", "document", "documents", "letter", "filing", "memo", "study", "people", "person", "man", "woman",
        "someone", "everyone", "nobody", "insider", "insiders", "colleague", "partner", "ally", "rival", "speaker",
        "participant", "protester", "protestor", "demonstrator", "survivor", "victim", "veteran", "citizen",
        "investigator", "inspector", "monitor", "monitors", "medic", "nurse", "physician", "surgeon", "trooper",
        "soldier", "fighter", "rebel", "coach", "player", "captain", "athlete", "player", "militant", "staff", "staffer", "team", "backer", "donor", "delegate", "who",
        "un", "nato", "eu", "fbi", "cia", "white", "pentagon", "elysee", "élysée", "downing",
        // poll respondents: "Thirty-one percent said they …", "a majority say"
        "percent", "majority", "plurality", "respondent", "respondents", "advocate",
    ];
    let singular = word.strip_suffix("ies").map(|s| format!("{s}y")).or_else(|| word.strip_suffix('s').map(str::to_string));
    NOUNS.contains(&word) || singular.is_some_and(|s| NOUNS.contains(&s.as_str()))
}

/// Role words that may sit between an organisation and a name
/// ("Foreign Ministry spokeswoman Mao Ning").
pub(crate) fn is_role_noun(word: &str) -> bool {
    matches!(
        word,
        "spokesman" | "spokeswoman" | "spokesperson" | "minister" | "president" | "secretary" | "senator" | "governor"
            | "mayor" | "chairman" | "chairwoman" | "chair" | "ceo" | "chief" | "director" | "leader" | "adviser"
            | "advisor" | "aide" | "official" | "lawyer" | "attorney" | "ambassador" | "envoy" | "analyst"
            | "economist" | "strategist" | "general" | "commander" | "head" | "founder" | "executive" | "manager"
            | "candidate" | "nominee" | "lawmaker" | "congressman" | "congresswoman" | "chancellor" | "premier"
            | "prosecutor" | "judge" | "professor" | "researcher" | "pollster" | "deputy" | "anchor" | "host"
            | "correspondent" | "reporter" | "editor" | "columnist" | "negotiator" | "representative" | "colleague"
            | "veteran" | "activist" | "coach" | "director-general" | "secretary-general" | "commissioner" | "treasurer"
    )
}

/// Capitalised words that are titles before a name ("President", "Sen.").
pub(crate) fn is_title(word: &str) -> bool {
    matches!(
        word,
        "president" | "prime" | "minister" | "foreign" | "defence" | "defense" | "interior" | "finance" | "secretary"
            | "senator" | "sen." | "rep." | "representative" | "gov." | "governor" | "mayor" | "chancellor" | "king"
            | "queen" | "prince" | "princess" | "pope" | "judge" | "justice" | "general" | "gen." | "col." | "lt."
            | "adm." | "admiral" | "colonel" | "captain" | "capt." | "sgt." | "dr." | "mr." | "mrs." | "ms." | "miss"
            | "prof." | "professor" | "rev." | "sheikh" | "ambassador" | "chairman" | "chairwoman" | "chief"
            | "executive" | "director" | "speaker" | "leader" | "senior" | "deputy" | "vice" | "state" | "health"
            | "spokesman" | "spokeswoman" | "spokesperson" | "sir" | "lady" | "dame" | "lord" | "madam" | "former"
            | "acting" | "attorney" | "commissioner" | "ceo" | "premier" | "vice-president" | "u.s." | "democratic"
            | "republican" | "gop" | "presidential" | "candidate" | "nominee" | "first" | "majority" | "minority"
            | "house" | "senate" | "white" | "assistant" | "mr" | "mrs" | "ms" | "dr" | "economy" | "trade" | "home"
            | "labor" | "labour" | "education" | "energy" | "agriculture" | "transport" | "transportation" | "commerce"
            | "homeland" | "security" | "national" | "press" | "communications" | "campaign" | "emir" | "crown"
            | "archbishop" | "bishop" | "cardinal" | "ayatollah" | "grand" | "supreme" | "field" | "marshal" | "major"
            | "maj." | "lieutenant" | "sergeant" | "corporal" | "private" | "officer" | "detective" | "inspector"
            | "superintendent" | "constable" | "ex-president" | "president-elect" | "chief executive"
    )
}

/// Gender implied by a title or role word.
pub(crate) fn title_gender(word: &str) -> Option<Gender> {
    match word {
        "mr." | "mr" | "sir" | "king" | "prince" | "lord" | "spokesman" | "chairman" | "congressman" | "father" | "son"
        | "husband" | "brother" | "man" | "emir" | "sheikh" | "pope" | "archbishop" | "cardinal" | "ayatollah"
        | "businessman" | "uncle" | "boy" | "grandfather" => Some(Gender::Male),
        "mrs." | "mrs" | "ms." | "ms" | "miss" | "madam" | "madame" | "queen" | "princess" | "lady" | "dame"
        | "spokeswoman" | "chairwoman" | "congresswoman" | "mother" | "daughter" | "wife" | "sister" | "woman"
        | "businesswoman" | "aunt" | "girl" | "grandmother" | "first lady" => Some(Gender::Female),
        _ => None,
    }
}

/// Gender of common given names in international news. A short list: where a
/// name is missing, gender comes from titles and roles, or stays unknown.
pub(crate) fn given_name_gender(word: &str) -> Option<Gender> {
    const MALE: &[&str] = &[
        "donald", "joe", "barack", "bill", "george", "john", "james", "robert", "michael", "william", "david",
        "richard", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "antony", "mark", "paul",
        "steven", "stephen", "andrew", "kenneth", "kevin", "brian", "edward", "ronald", "timothy", "jason", "jeffrey",
        "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "larry", "justin", "scott", "brandon", "benjamin",
        "samuel", "gregory", "frank", "alexander", "raymond", "patrick", "jack", "dennis", "jerry", "tyler", "aaron",
        "jose", "adam", "henry", "nathan", "douglas", "zachary", "peter", "kyle", "walter", "ethan", "jeremy", "harold",
        "keith", "christian", "roger", "noah", "gerald", "carl", "terry", "sean", "austin", "arthur", "lawrence",
        "jesse", "dylan", "bryan", "joe", "jordan", "billy", "bruce", "albert", "willie", "gabriel", "logan", "alan",
        "juan", "wayne", "roy", "ralph", "randy", "eugene", "vincent", "russell", "elijah", "louis", "bobby", "philip",
        "johnny", "ted", "marco", "mike", "jeb", "bernie", "chris", "rand", "newt", "mitt", "lindsey", "rick", "ben",
        "tim", "tom", "jim", "bob", "vladimir", "sergei", "sergey", "dmitry", "dmitri", "alexei", "xi", "emmanuel",
        "olaf", "volodymyr", "recep", "benjamin", "narendra", "boris", "rishi", "keir", "justin", "jair", "luiz",
        "ali", "mohammed", "muhammad", "mohamed", "ahmed", "hassan", "hussein", "abdullah", "omar", "yusuf", "ibrahim",
        "khalid", "mahmoud", "bashar", "hamid", "ashraf", "imran", "shinzo", "fumio", "jens",
        "antonio", "pedro", "carlos", "luis", "jorge", "francisco", "giorgio", "mario", "sergio", "matteo", "friedrich",
        "wolfgang", "hans", "karl", "heinz", "jean", "pierre", "francois", "françois", "nicolas", "jacques", "gerhard",
        "helmut", "viktor", "andrzej", "mateusz", "petro", "dmytro", "andriy", "oleksandr", "denys", "yevgeny",
        "yevgeny", "nikolai", "igor", "ivan", "mikhail", "alexander", "jake", "kevin", "mitch", "chuck",
        "reince", "sean", "stephen", "corey", "jared", "rudy", "mike", "lloyd", "jake", "hunter", "elon", "jeff",
        "mark", "sundar", "tim", "warren", "jamie", "abe", "al", "gordon", "tony", "nigel", "jeremy", "david",
        "liam", "oliver", "harry", "charlie", "ahmad", "reza", "javad", "hossein", "masoud", "ebrahim", "naftali",
        "yair", "isaac", "moshe", "yoav", "gideon", "salva", "abiy", "cyril", "jacob", "paul", "uhuru", "william",
        "muhammadu", "bola", "yoweri", "emmerson", "macky",
    ];
    const FEMALE: &[&str] = &[
        "hillary", "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah",
        "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle",
        "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia",
        "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha",
        "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet", "ruth", "maria", "heather",
        "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren", "joan", "evelyn",
        "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline", "frances", "gloria", "ann", "teresa",
        "kathryn", "sara", "janice", "alice", "madison", "doris", "abigail", "julia", "judy", "grace",
        "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany",
        "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "carly", "kellyanne", "sarah", "ivanka",
        "melania", "michelle", "kamala", "elizabeth", "nikki", "marsha", "dianne", "kirsten", "amy", "tulsi",
        "elise", "liz", "debbie", "huma", "chelsea", "condoleezza", "madeleine", "ursula", "angela", "theresa",
        "liz", "giorgia", "marine", "ségolène", "segolene", "annalena", "kaja", "sanna", "mette", "jacinda", "julia",
        "yulia", "maria", "svetlana", "olena", "iryna", "natalia", "tatiana", "benazir",
        "indira", "ellen", "ngozi", "christine", "janet", "kristalina", "samantha", "linda",
        "nikki", "jen", "karine", "dana", "sheryl", "susie", "hope", "jill", "laura", "rosa", "eva", "irene", "ana",
        "sonia", "nadia", "leila", "fatima", "aisha", "zainab", "layla", "yasmin", "noura",
    ];
    if MALE.contains(&word) {
        Some(Gender::Male)
    } else if FEMALE.contains(&word) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Words of organisation names ("Foreign Ministry", "White House").
pub(crate) fn is_org_word(word: &str) -> bool {
    matches!(
        word,
        "ministry" | "department" | "office" | "house" | "party" | "council" | "agency" | "commission" | "committee"
            | "union" | "bank" | "army" | "police" | "court" | "government" | "administration" | "inc." | "corp."
            | "ltd." | "co." | "group" | "company" | "kremlin" | "pentagon" | "élysée" | "elysee" | "parliament"
            | "congress" | "senate" | "assembly" | "board" | "foundation" | "institute" | "university" | "times"
            | "post" | "news" | "journal" | "press" | "network" | "service" | "forces" | "force" | "guard" | "navy"
            | "embassy" | "mission" | "organization" | "organisation" | "fund" | "association" | "federation" | "alliance"
            | "coalition" | "movement" | "front" | "reuters" | "afp" | "xinhua" | "tass" | "bbc" | "cnn" | "nato" | "un"
            | "eu" | "fbi" | "cia" | "who" | "imf" | "opec" | "hamas" | "hezbollah" | "taliban" | "cabinet" | "authority"
            | "authorities" | "campaign" | "center" | "centre" | "corporation" | "tribunal" | "secretariat" | "command"
            | "headquarters" | "regime" | "junta" | "state" | "states" | "nations" | "kingdom" | "republic"
    )
}

/// The channel named in an attribution's words, normalised.
pub(crate) fn channel_of(words: &[&str]) -> Option<&'static str> {
    let has = |w: &str| words.contains(&w);
    let after_on = |platform: &str| words.windows(2).any(|p| matches!(p[0], "on" | "via" | "to") && p[1].trim_end_matches('.') == platform);
    if has("telegram") {
        return Some("Telegram");
    }
    if has("twitter") || has("tweet") || has("tweeted") || has("tweets") || after_on("x") {
        return Some("X/Twitter");
    }
    if has("facebook") {
        return Some("Facebook");
    }
    if has("instagram") {
        return Some("Instagram");
    }
    if has("truth") && has("social") {
        return Some("Truth Social");
    }
    if has("weibo") {
        return Some("Weibo");
    }
    if has("tiktok") || has("youtube") || has("linkedin") || has("threads") || has("bluesky") {
        return Some("social media");
    }
    if (has("press") || has("news")) && has("conference") || has("briefing") || has("presser") {
        return Some("press conference");
    }
    if has("interview") || has("interviewed") {
        if has("television") || has("tv") || has("televised") || words.iter().any(|w| is_broadcaster(w)) {
            return Some("TV interview");
        }
        if has("radio") {
            return Some("radio interview");
        }
        return Some("interview");
    }
    if has("statement") || has("communique") || has("communiqué") || has("release") {
        return Some("statement");
    }
    if has("speech") || has("address") || has("remarks") || has("rally") {
        return Some("speech");
    }
    if has("letter") {
        return Some("letter");
    }
    if has("email") || has("e-mail") || has("emailed") {
        return Some("email");
    }
    if has("blog") || has("op-ed") || has("column") || has("article") || has("essay") {
        return Some("article");
    }
    if has("post") || has("posted") || has("posting") {
        return Some("social media");
    }
    if words.iter().any(|w| is_news_agency(w)) || (has("news") && has("agency")) {
        return Some("news agency");
    }
    if has("told") && words.iter().any(|w| is_broadcaster(w)) {
        return Some("interview");
    }
    if has("television") || has("tv") || has("broadcast") || has("broadcaster") || words.iter().any(|w| is_broadcaster(w)) {
        return Some("TV");
    }
    if has("radio") {
        return Some("radio");
    }
    if has("podcast") {
        return Some("podcast");
    }
    None
}

fn is_news_agency(word: &str) -> bool {
    matches!(word, "reuters" | "afp" | "ap" | "xinhua" | "tass" | "ria" | "interfax" | "anadolu" | "kyodo" | "yonhap" | "ansa" | "efe" | "dpa" | "bloomberg" | "irna" | "wafa" | "pti" | "ukrinform")
}

fn is_broadcaster(word: &str) -> bool {
    matches!(word, "bbc" | "cnn" | "msnbc" | "fox" | "abc" | "nbc" | "cbs" | "pbs" | "npr" | "sky" | "al-jazeera" | "jazeera" | "cnbc" | "france 24" | "rt" | "dw" | "itv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_forms() {
        assert_eq!(cue_base("said"), Some("say"));
        assert_eq!(cue_base("warned"), Some("warn"));
        assert_eq!(cue_base("argues"), Some("argue"));
        assert_eq!(cue_base("tweeted"), Some("tweet"));
        assert_eq!(cue_base("insisting"), Some("insist"));
        assert_eq!(cue_base("table"), None);
        assert_eq!(cue_base("sad"), None);
    }

    #[test]
    fn channels() {
        assert_eq!(channel_of(&["wrote", "on", "telegram"]), Some("Telegram"));
        assert_eq!(channel_of(&["said", "in", "a", "statement"]), Some("statement"));
        assert_eq!(channel_of(&["told", "the", "bbc", "in", "an", "interview"]), Some("TV interview"));
        assert_eq!(channel_of(&["told", "reuters"]), Some("news agency"));
        assert_eq!(channel_of(&["said", "on", "x"]), Some("X/Twitter"));
        assert_eq!(channel_of(&["said", "on", "monday"]), None);
    }
}
