//! Language identification (whatlang, no model files).

/// ISO 639-1 code of the text's language, or `None` when unsure.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // A few thousand characters are plenty and keep long articles cheap.
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    // A sentence or two is too little for trigram statistics: "Pyongyang
    // regularly fires missiles." can come out Estonian with some confidence,
    // and a wrong language turns the English analysis off. Short texts need
    // whatlang's own reliability flag.
    let short = text[..end].split_whitespace().count() < 20;
    if !info.is_reliable() && (short || info.confidence() < 0.5) {
        return None;
    }
    Some(iso639_1(info.lang().code()))
}

/// Maps whatlang's ISO 639-3 codes to ISO 639-1 where one exists.
pub fn iso639_1(code3: &'static str) -> &'static str {
    match code3 {
        "eng" => "en", "fra" => "fr", "deu" => "de", "spa" => "es", "por" => "pt", "ita" => "it",
        "nld" => "nl", "rus" => "ru", "ukr" => "uk", "pol" => "pl", "ces" => "cs", "slk" => "sk",
        "slv" => "sl", "hrv" => "hr", "srp" => "sr", "bul" => "bg", "mkd" => "mk", "ron" => "ro",
        "hun" => "hu", "fin" => "fi", "swe" => "sv", "nob" => "nb", "dan" => "da", "est" => "et",
        "lav" => "lv", "lit" => "lt", "ell" => "el", "tur" => "tr", "ara" => "ar", "heb" => "he",
        "pes" => "fa", "urd" => "ur", "hin" => "hi", "ben" => "bn", "pan" => "pa", "guj" => "gu",
        "mar" => "mr", "tam" => "ta", "tel" => "te", "kan" => "kn", "mal" => "ml", "sin" => "si",
        "nep" => "ne", "tha" => "th", "vie" => "vi", "ind" => "id", "jpn" => "ja", "kor" => "ko",
        "cmn" => "zh", "kat" => "ka", "hye" => "hy", "aze" => "az", "bel" => "be", "uzb" => "uz",
        "afr" => "af", "epo" => "eo", "lat" => "la", "cat" => "ca", "tgl" => "tl", "zul" => "zu",
        "yid" => "yi", "amh" => "am", "khm" => "km", "mya" => "my", "ori" => "or", "aka" => "ak",
        "jav" => "jv", "sna" => "sn", "tuk" => "tk", "cym" => "cy", "gle" => "ga", "isl" => "is",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_news_languages() {
        assert_eq!(detect_language("The foreign ministers met in Geneva on Tuesday to discuss the ceasefire and the release of prisoners."), Some("en"));
        assert_eq!(detect_language("Les ministres des affaires étrangères se sont réunis à Genève mardi pour discuter du cessez-le-feu."), Some("fr"));
        assert_eq!(detect_language("Министры иностранных дел встретились в Женеве во вторник, чтобы обсудить прекращение огня."), Some("ru"));
    }

    #[test]
    fn short_english_sentences_are_not_given_another_language() {
        for s in ["Pyongyang regularly fires missiles.", "Seoul condemned the launches.", "Macron met Erdogan in Ankara on Monday.", "The talks failed."] {
            assert!(matches!(detect_language(s), None | Some("en")), "{s}: {:?}", detect_language(s));
        }
    }
}
