//! Reader for the PETRARCH2 / Phoenix actor and agent dictionaries
//! (training time only: their content is compiled into `models/actors.bin.gz`).
//!
//! An actor entry is a head name (`BARACK_OBAMA_`), `+synonym` lines and
//! role codes in brackets, optionally dated: `[USAGOV 090120-170120]`,
//! `[AFGGOV >011222]`, `[AFGGOV <011222]`. A code is a three-letter country
//! (or `IGO`, `NGO`, `IMG`, ...) followed by three-letter sector codes.

use chrono::NaiveDate;

/// A role of an actor, valid between two dates when they are given.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The code without dates (`USAGOV`).
    pub code: String,
    /// First day the role holds.
    pub from: Option<NaiveDate>,
    /// Last day the role holds.
    pub to: Option<NaiveDate>,
}

/// One dictionary entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// Head name first, then synonyms: words in upper case separated by spaces.
    pub names: Vec<String>,
    /// Roles.
    pub roles: Vec<Role>,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.len() {
        6 => {
            let yy: i32 = digits[..2].parse().ok()?;
            let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
            NaiveDate::from_ymd_opt(year, digits[2..4].parse().ok()?, digits[4..6].parse().ok()?)
        }
        8 => NaiveDate::from_ymd_opt(digits[..4].parse().ok()?, digits[4..6].parse().ok()?, digits[6..8].parse().ok()?),
        _ => None,
    }
}

/// Parses the bracketed codes found in `line`.
fn roles_in(line: &str) -> Vec<Role> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else { break };
        let inner = rest[open + 1..open + close].trim();
        rest = &rest[open + close + 1..];
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else { continue };
        let code = code.trim_start_matches('~').to_string();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let (mut from, mut to) = (None, None);
        if let Some(d) = parts.next() {
            if let Some(x) = d.strip_prefix('>') {
                from = parse_date(x);
            } else if let Some(x) = d.strip_prefix('<') {
                to = parse_date(x);
            } else if let Some((a, b)) = d.split_once('-') {
                from = parse_date(a);
                to = parse_date(b);
            }
        }
        out.push(Role { code, from, to });
    }
    out
}

/// Turns a dictionary name (`MR._OBAMA_`, `ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`) into words.
pub fn clean_name(raw: &str) -> String {
    let mut s = String::new();
    let mut depth = 0;
    for c in raw.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth > 0 => {}
            '_' => s.push(' '),
            _ => s.push(c),
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses an actor dictionary.
pub fn parse_actors(text: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut cur: Option<Entry> = None;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim();
        if let Some(syn) = trimmed.strip_prefix('+') {
            if let Some(e) = cur.as_mut() {
                let name_part = syn.split('[').next().unwrap_or("");
                let name = clean_name(name_part);
                if !name.is_empty() {
                    e.names.push(name);
                }
                e.roles.extend(roles_in(syn));
            }
        } else if trimmed.starts_with('[') || raw.starts_with(|c: char| c.is_whitespace()) {
            if let Some(e) = cur.as_mut() {
                e.roles.extend(roles_in(trimmed));
            }
        } else if trimmed.starts_with('<') || trimmed.starts_with('!') {
            continue;
        } else {
            if let Some(e) = cur.take() {
                out.push(e);
            }
            let name = clean_name(trimmed.split('[').next().unwrap_or(""));
            if name.is_empty() {
                continue;
            }
            cur = Some(Entry { names: vec![name], roles: roles_in(trimmed) });
        }
    }
    if let Some(e) = cur {
        out.push(e);
    }
    // entries without a code inherit none; drop them
    out.retain(|e| !e.roles.is_empty());
    out
}

/// Parses the agents dictionary: generic nouns with sector codes (`POLICE [~COP]`).
/// `!PERSON!`-style macros are expanded.
pub fn parse_agents(text: &str) -> Vec<(String, String)> {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, vals)) = line.split_once('=') {
                macros.push((name.trim().to_string(), vals.split(',').map(|v| v.trim().to_string()).collect()));
            }
            continue;
        }
        let Some(open) = line.find('[') else { continue };
        let phrase = line[..open].split('{').next().unwrap_or("").trim();
        let Some(role) = roles_in(&line[open..]).into_iter().next() else { continue };
        let mut forms = vec![phrase.to_string()];
        for (m, vals) in &macros {
            if forms.iter().any(|f| f.contains(m.as_str())) {
                forms = forms.iter().flat_map(|f| vals.iter().map(move |v| f.replace(m.as_str(), v))).collect();
            }
        }
        for f in forms {
            let name = clean_name(&f);
            if !name.is_empty() && !name.contains('!') {
                out.push((name, role.code.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_roles_and_dates() {
        let text = "BARACK_OBAMA\n+PRESIDENT_OBAMA_\n+OBAMA\n\t[USAELI 050103-081116]\n\t[USAGOV 090120-170120]\n\
KREMLIN_ [RUSGOV] # comment\nADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] #  kkl\nUN_ [IGOUNO >20070101]\nNOCODE_\n";
        let e = parse_actors(text);
        assert_eq!(e.len(), 4);
        assert_eq!(e[0].names, vec!["BARACK OBAMA", "PRESIDENT OBAMA", "OBAMA"]);
        assert_eq!(e[0].roles[1].code, "USAGOV");
        assert_eq!(e[0].roles[1].from, NaiveDate::from_ymd_opt(2009, 1, 20));
        assert_eq!(e[0].roles[1].to, NaiveDate::from_ymd_opt(2017, 1, 20));
        assert_eq!(e[2].names[0], "ADEN ABYAN ISLAMIC ARMY");
        assert_eq!(e[3].roles[0].from, NaiveDate::from_ymd_opt(2007, 1, 1));
        let a = parse_agents("!PERSON! = MAN, WOMAN\nPOLICE {} [~COP]\nBUSINESS!PERSON! [~BUS]\n");
        assert!(a.contains(&("POLICE".to_string(), "COP".to_string())));
        assert!(a.contains(&("BUSINESSWOMAN".to_string(), "BUS".to_string())));
    }
}
