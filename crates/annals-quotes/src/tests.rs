//! Behaviour tests on made-up news paragraphs, one per case the stage handles.

use annals_core::{Document, Entity, EntityType, Quote, Stage, Token};

use crate::{find_quotes, QuoteStage};

fn quotes(text: &str) -> Vec<Quote> {
    find_quotes(&Document::from_text("t.txt", text))
}

/// The quote whose text starts with `prefix`.
fn quote<'a>(qs: &'a [Quote], prefix: &str) -> &'a Quote {
    qs.iter().find(|q| q.text.starts_with(prefix)).unwrap_or_else(|| panic!("no quote starting {prefix:?} in {qs:#?}"))
}

fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().and_then(|s| s.name.as_deref())
}

fn speaker_text(q: &Quote) -> &str {
    q.speaker.as_ref().map_or("", |s| s.text.as_str())
}

#[test]
fn direct_quote_with_speaker_after_and_apposition() {
    let text = "“The talks were constructive and we will meet again,” said Foreign Minister Anna Berg, who arrived in Oslo on Monday.";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = &qs[0];
    assert_eq!(q.text, "The talks were constructive and we will meet again");
    assert_eq!(q.kind.as_deref(), Some("direct"));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(speaker_name(q), Some("Anna Berg"));
    // offsets are characters of the content, marks excluded
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
    assert_eq!(q.start, 1);
}

#[test]
fn direct_quote_with_speaker_before() {
    let qs = quotes("Interior Minister Karl Weber told reporters: “We will not sign this deal under pressure.” Smith said, “We are ready.”");
    assert_eq!(speaker_name(quote(&qs, "We will not sign")), Some("Karl Weber"));
    assert_eq!(quote(&qs, "We will not sign").cue.as_deref(), Some("told"));
    assert_eq!(speaker_name(quote(&qs, "We are ready")), Some("Smith"));
}

#[test]
fn apposition_with_organisation_and_role() {
    let text = "Foreign Ministry spokeswoman Mao Ning said in a statement that Beijing firmly opposed the sale. \
                “The United States should stop arming Taiwan,” Mao said at a regular press briefing.";
    let qs = quotes(text);
    let ind = quote(&qs, "Beijing firmly opposed");
    assert_eq!(ind.kind.as_deref(), Some("indirect"));
    assert_eq!(speaker_text(ind), "Foreign Ministry spokeswoman Mao Ning");
    assert_eq!(speaker_name(ind), Some("Mao Ning"));
    assert_eq!(ind.channel.as_deref(), Some("statement"));
    let direct = quote(&qs, "The United States should");
    // the surname alone resolves to the full name met before
    assert_eq!(speaker_name(direct), Some("Mao Ning"));
    assert_eq!(direct.channel.as_deref(), Some("press conference"));
}

#[test]
fn partial_quote_inside_reported_sentence() {
    let qs = quotes("Opposition leader Mark Tanner called the plan a “grave error” and vowed to fight it in parliament.");
    let q = quote(&qs, "grave error");
    assert_eq!(q.kind.as_deref(), Some("partial"));
    assert_eq!(q.cue.as_deref(), Some("called"));
    assert_eq!(speaker_name(q), Some("Mark Tanner"));
}

#[test]
fn scare_quotes_without_cue_are_not_quotes() {
    let qs = quotes("The so-called “peace dividend” never arrived, and the “Bachelor” star stayed home.");
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn indirect_speech_forms() {
    let text = "The central bank said on Tuesday that inflation would ease next year. \
                The convoy was hit near the border, according to two officials familiar with the matter. \
                Three soldiers were killed in the attack, the defence ministry said in a statement. \
                Prime Minister Lena Hart told the BBC that elections would be held in May. \
                Ukraine’s defence minister Oleksii Reznikov wrote on Telegram that the strikes had hit fuel depots.";
    let qs = quotes(text);
    let bank = quote(&qs, "inflation would ease");
    assert_eq!((bank.kind.as_deref(), speaker_text(bank)), (Some("indirect"), "The central bank"));
    let convoy = quote(&qs, "The convoy was hit");
    assert_eq!(convoy.text, "The convoy was hit near the border");
    assert_eq!(convoy.cue.as_deref(), Some("according to"));
    assert_eq!(speaker_text(convoy), "two officials");
    let killed = quote(&qs, "Three soldiers");
    assert_eq!(speaker_text(killed), "the defence ministry");
    assert_eq!(killed.channel.as_deref(), Some("statement"));
    let hart = quote(&qs, "elections would be held");
    assert_eq!(speaker_name(hart), Some("Lena Hart"));
    assert_eq!(hart.cue.as_deref(), Some("told"));
    assert_eq!(hart.channel.as_deref(), Some("interview"));
    let depots = quote(&qs, "the strikes had hit");
    assert_eq!(speaker_name(depots), Some("Oleksii Reznikov"));
    assert_eq!(depots.channel.as_deref(), Some("Telegram"));
}

#[test]
fn organisations_and_countries_speak() {
    let text = "“France will not be intimidated,” the Élysée said. \
                Beijing has defended the drills, saying they were a warning to separatist forces. \
                “We will respond in kind,” the ministry wrote on X.";
    let qs = quotes(text);
    let elysee = quote(&qs, "France will not");
    assert_eq!(speaker_text(elysee), "the Élysée");
    assert_eq!(speaker_name(elysee), Some("Élysée"));
    let drills = quote(&qs, "they were a warning");
    assert_eq!(speaker_name(drills), Some("Beijing"));
    assert_eq!(drills.cue.as_deref(), Some("saying"));
    assert_eq!(quote(&qs, "We will respond").channel.as_deref(), Some("X/Twitter"));
}

#[test]
fn pronoun_resolves_to_compatible_person() {
    let text = "Mrs. Helen Cole, the mayor, met Mr. David Park on Monday to discuss the flood defences.\n\n\
                “We agreed on the timetable,” she said.\n\n\
                “The money is there,” he added.";
    let qs = quotes(text);
    let she = quote(&qs, "We agreed");
    assert_eq!(speaker_text(she), "she");
    assert_eq!(speaker_name(she), Some("Helen Cole"));
    assert_eq!(speaker_name(quote(&qs, "The money")), Some("David Park"));
}

#[test]
fn continuation_quote_keeps_the_speaker() {
    let text = "“We will rebuild this town,” Mayor Rosa Ortiz said on Sunday. “Every family will get help.”\n\n\
                “Nobody will be left behind.”";
    let qs = quotes(text);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    for q in &qs {
        assert_eq!(speaker_name(q), Some("Rosa Ortiz"), "{q:#?}");
    }
    assert!(qs[1].cue.is_none());
}

#[test]
fn quote_inside_a_quote_has_the_inner_speaker() {
    let text = "“The minister told me, ‘We will never sign this treaty,’ and then he walked out,” said Jones, a union negotiator.";
    let qs = quotes(text);
    let outer = quote(&qs, "The minister told me");
    assert_eq!(speaker_name(outer), Some("Jones"));
    let inner = quote(&qs, "We will never sign");
    assert_eq!(speaker_text(inner), "The minister");
    assert_eq!(inner.cue.as_deref(), Some("told"));
}

#[test]
fn mixed_marks_apostrophes_and_unbalanced_quotes() {
    let text = "O'Brien, who led the party in the '90s, said: \"We don't need Reuters' report to know that.\"\n\n\
                « Nous resterons », a déclaré le ministre. The minister later said „we stay“ twice.\n\n\
                “This sentence never closes, the aide said.\n\n\
                The next paragraph is plain.";
    let qs = quotes(text);
    let obrien = quote(&qs, "We don't need");
    assert_eq!(obrien.text, "We don't need Reuters' report to know that.");
    assert_eq!(speaker_name(obrien), Some("O'Brien"));
    assert!(qs.iter().any(|q| q.text == "Nous resterons"), "{qs:#?}");
    let stay = quote(&qs, "we stay");
    assert_eq!(stay.kind.as_deref(), Some("partial"));
    // the unclosed quote ends with its paragraph
    let open = quote(&qs, "This sentence never closes");
    assert!(!open.text.contains("next paragraph"));
}

#[test]
fn quote_over_several_paragraphs() {
    let text = "Senator Amy Lund spoke for an hour.\n\n\
                “We have waited long enough for this bill.\n\n\
                “Our farmers cannot wait another season,” Lund said.";
    let qs = quotes(text);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = &qs[0];
    assert!(q.text.starts_with("We have waited") && q.text.ends_with("another season"), "{q:#?}");
    assert_eq!(speaker_name(q), Some("Amy Lund"));
}

#[test]
fn canonical_names_come_from_entities() {
    let text = "“Europe must stand together,” Macron said in Berlin.";
    let mut doc = Document::from_text("t.txt", text);
    let start = text.chars().position(|c| c == 'M').unwrap();
    doc.entities.push(Entity {
        text: "Macron".into(),
        kind: EntityType::Person,
        name: "Emmanuel Macron".into(),
        country: Some("FRA".into()),
        sector: Some("GOV".into()),
        start,
        end: start + 6,
    });
    QuoteStage::new().run(&mut doc).unwrap();
    assert_eq!(speaker_name(&doc.quotes[0]), Some("Emmanuel Macron"));
    // without the entity layer the surface name stands
    assert_eq!(speaker_name(&quotes(text)[0]), Some("Macron"));
}

#[test]
fn dependency_parse_gives_the_full_subject() {
    let text = "The leader of the opposition party said the vote was rigged.";
    let mut doc = Document::from_text("t.txt", text);
    // The(0) leader(1) of(2) the(3) opposition(4) party(5) said(6) the(7) vote(8) was(9) rigged(10) .(11)
    let words = ["The", "leader", "of", "the", "opposition", "party", "said", "the", "vote", "was", "rigged", "."];
    let heads = [Some(1), Some(6), Some(5), Some(5), Some(5), Some(1), None, Some(8), Some(10), Some(10), Some(6), Some(6)];
    let rels = ["det", "nsubj", "case", "det", "compound", "nmod", "root", "det", "nsubj:pass", "aux:pass", "ccomp", "punct"];
    let upos = ["DET", "NOUN", "ADP", "DET", "NOUN", "NOUN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"];
    let mut pos = 0;
    for k in 0..words.len() {
        let start = text[pos..].find(words[k]).unwrap() + pos;
        pos = start + words[k].len();
        doc.tokens.push(Token { start, end: pos, upos: upos[k].into(), lemma: String::new(), head: heads[k], deprel: rels[k].into(), sentence: 0 });
    }
    doc.sentences.push(annals_core::Span::new(0, text.len()));
    let qs = find_quotes(&doc);
    assert_eq!(speaker_text(&qs[0]), "The leader of the opposition party");
    assert_eq!(qs[0].text, "the vote was rigged");
    // the fallback alone sees "the opposition party" after "of", not opening its clause, and passes
    assert!(quotes(text).is_empty());
}

#[test]
fn hostile_input_does_not_panic() {
    for text in ["", "“", "”", "\"\"\"", "‘’‘’", "“““””” ’’’ ''", "said", ", said .", "according to", "\n\n“\n\n”\n", "Mr. . . “ , ” said"] {
        let _ = quotes(text);
    }
    // long unbalanced input stays fast (linear scans)
    let long = "“He said that the 'plan' was fine, according to Smith ".repeat(4000);
    let t = std::time::Instant::now();
    let _ = quotes(&long);
    assert!(t.elapsed().as_secs() < 10);
}

/// Quotes of `text` after the language core (sentences, tokens, parse, entities), as in the pipeline.
fn quotes_with_core(text: &str) -> Vec<Quote> {
    let mut doc = Document::from_text("t.txt", text);
    annals_analyze::stage::SyntaxStage.run(&mut doc).unwrap();
    annals_analyze::stage::EntityStage.run(&mut doc).unwrap();
    find_quotes(&doc)
}

#[test]
fn a_cue_outside_the_marks_takes_its_subject_outside_them() {
    // the parser may hang a word of the quote ("some") on "concluded" as its subject
    let text = "Senator Tom Hale spoke for an hour at the breakfast.\n\n“I may regret saying this, but some of this talk appeals \
                to the worst instincts of our voters,” he concluded.";
    for qs in [quotes(text), quotes_with_core(text)] {
        let q = quote(&qs, "I may regret");
        assert_eq!(speaker_text(q), "he", "{qs:#?}");
        assert_eq!(speaker_name(q), Some("Tom Hale"));
        assert_eq!(q.cue.as_deref(), Some("concluded"));
    }
}

#[test]
fn the_phrase_after_the_quote_speaks_not_the_listener() {
    let text = "“We should have stood up to him from day one,” Herrera, 61, told AFP in an interview on Monday.\n\n\
                “Keeping order in the hall matters more than anything tonight,” Assembly Speaker Dana Whitfield, the session chair, \
                told the members.\n\n\
                “We will simply have to live with the result,” Paul Brenner, who was party chairman under Governor R. J. Malloy, \
                told reporters.";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_text(quote(&qs, "We should have stood")), "Herrera", "{qs:#?}");
        assert_eq!(quote(&qs, "We should have stood").channel.as_deref(), Some("interview"));
        assert!(speaker_text(quote(&qs, "Keeping order")).starts_with("Assembly Speaker Dana Whitfield"), "{qs:#?}");
        assert_eq!(speaker_name(quote(&qs, "We will simply")), Some("Paul Brenner"), "{qs:#?}");
    }
}

#[test]
fn an_adjective_before_the_parsed_subject_still_opens_the_attribution() {
    let text = "“Rising tension at sea is the main worry for the navies of the region,” Indonesian Defence Minister \
                Rahmat Suryadi said.";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_text(&qs[0]), "Indonesian Defence Minister Rahmat Suryadi", "{qs:#?}");
        // the entity layer may keep the title in its canonical name
        assert!(speaker_name(&qs[0]).is_some_and(|n| n.ends_with("Rahmat Suryadi")), "{qs:#?}");
    }
}

#[test]
fn a_cue_tagged_as_a_noun_right_after_the_quote_still_counts() {
    // taggers may read "notes" as a plural noun here
    let text = "“She may be the only candidate who can hold the coalition together,” Okafor notes.";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_text(&qs[0]), "Okafor", "{qs:#?}");
        assert_eq!(qs[0].cue.as_deref(), Some("notes"));
    }
}

#[test]
fn a_continuation_in_the_paragraph_passes_names_that_are_not_speakers() {
    let text = "Tourism had a bad decade.\n\n“The timing of the expansion was the real mistake,” Ms. Varga said, referring to the \
                hotels Mr. Castell built. “I think they expected the luxury market to come back.”\n\n“The coach built this club,” \
                Delgado said, as players trained near a mural of Ana Ortiz. “His work will last here.”";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_text(quote(&qs, "I think they expected")), "Ms. Varga", "{qs:#?}");
        assert_eq!(speaker_text(quote(&qs, "His work will last")), "Delgado", "{qs:#?}");
    }
    // a person opening a new sentence does take over
    let qs = quotes("“We will win,” Smith said. Mayor Ann Jones disagreed with him. “They will lose.”");
    assert_eq!(speaker_name(quote(&qs, "They will lose")), Some("Ann Jones"), "{qs:#?}");
}

#[test]
fn bare_present_cues_and_poll_respondents_report_speech() {
    let text = "Officials say the talks have stalled over the border question.\n\n\
                Thirty-one percent said they would back the measure in a second vote.\n\n\
                Critics argue that the plan would raise prices for farmers.";
    for qs in [quotes(text), quotes_with_core(text)] {
        let q = quote(&qs, "the talks have stalled");
        assert_eq!((q.kind.as_deref(), q.cue.as_deref(), speaker_text(q)), (Some("indirect"), Some("say"), "Officials"), "{qs:#?}");
        assert_eq!(speaker_text(quote(&qs, "they would back")), "Thirty-one percent", "{qs:#?}");
        assert_eq!(speaker_text(quote(&qs, "the plan would raise")), "Critics", "{qs:#?}");
    }
    // a bare form after "to" or as a noun is no cue
    assert!(quotes("He refused to say the word. The claim that prices rose was false.").is_empty());
}

#[test]
fn speakers_with_party_tags_long_descriptions_and_roles_before_the_name() {
    let text = "The bill passed on Friday.\n\n\
                “They have nothing to fear from the audit,” Sen. Ruth Calloway (D-N.M.) said Tuesday.\n\n\
                “That is not how this chamber works,” Senate Minority Whip Aaron Pruett, R-Ky., said.\n\n\
                “No strategy we adopt now would change the outcome at sea,” Lena Marsh, director of the Maritime Security Program \
                at the independent Harbor Policy Institute, said in an interview.\n\n\
                “It turned into a crowded field fighting for the same voters,” said Democratic political consultant Ivan Petrak.\n\n\
                “I admire his talent for offending every group at once,” novelist Dara Quill wrote on Twitter.";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_name(quote(&qs, "They have nothing")), Some("Ruth Calloway"), "{qs:#?}");
        assert!(speaker_text(quote(&qs, "That is not how")).ends_with("Aaron Pruett"), "{qs:#?}");
        assert_eq!(speaker_text(quote(&qs, "No strategy we adopt")), "Lena Marsh", "{qs:#?}");
        assert_eq!(speaker_text(quote(&qs, "It turned into")), "Democratic political consultant Ivan Petrak", "{qs:#?}");
        let quill = quote(&qs, "I admire his talent");
        assert_eq!(speaker_text(quill), "novelist Dara Quill", "{qs:#?}");
        assert_eq!(quill.channel.as_deref(), Some("X/Twitter"));
    }
}

#[test]
fn descriptions_around_the_name_and_mistagged_roles() {
    let text = "Plants are closing.\n\n“This is purely a cost decision,” a Lanford executive tells workers, describing the move.\n\n\
                “We saw no link at all,” Verity’s chief human resources executive, Marcus Oyelaran, told The Financial Times in 2019.\n\n\
                “Will he finally apologize to the families?” the presumptive Liberal nominee, Joan Ferrer, tweeted Sunday after the vote.";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_text(quote(&qs, "This is purely")), "a Lanford executive", "{qs:#?}");
        let q = quote(&qs, "We saw no link");
        assert_eq!((speaker_name(q), q.kind.as_deref()), (Some("Marcus Oyelaran"), Some("direct")), "{qs:#?}");
        assert_eq!(speaker_name(quote(&qs, "Will he finally")), Some("Joan Ferrer"), "{qs:#?}");
        // the quote and its description are not also reported speech
        assert!(!qs.iter().any(|q| q.kind.as_deref() == Some("indirect")), "{qs:#?}");
    }
}

#[test]
fn parenthetical_attribution_and_descriptions_ending_in_a_name() {
    let text = "Shipping is changing.\n\nThe freight business, she said, is recovering faster than anyone expected.\n\n\
                Raising rates too early, many analysts say, slowed the rebound.\n\n\
                Ohio delegate Carla Benn, wearing a jacket covered in Benton pins, said she is proud of the turnout.";
    for qs in [quotes(text), quotes_with_core(text)] {
        let freight = quote(&qs, "is recovering faster");
        assert_eq!((freight.kind.as_deref(), speaker_text(freight)), (Some("indirect"), "she"), "{qs:#?}");
        assert_eq!(speaker_text(quote(&qs, "Raising rates too early")), "many analysts", "{qs:#?}");
        assert_eq!(speaker_name(quote(&qs, "she is proud")), Some("Carla Benn"), "{qs:#?}");
    }
}

#[test]
fn a_conjoined_cue_shares_the_subject_of_the_first_verb() {
    let text = "Governor Elena Ruiz visited the flooded towns on Thursday and said the state must rebuild the levees.\n\n\
                Ruiz, who called the mayor shortly after the vote, told her staff that she still trusted the council.";
    let qs = quotes_with_core(text);
    assert_eq!(speaker_name(quote(&qs, "the state must rebuild")), Some("Elena Ruiz"), "{qs:#?}");
    // a relative pronoun is not the subject to share
    assert_eq!(speaker_text(quote(&qs, "she still trusted")), "Ruiz", "{qs:#?}");
}

#[test]
fn a_dash_and_a_name_under_the_quote_sign_it() {
    let text = "Voters spoke to us.\n\n“I think he is the only one who can fix the economy.” — Maria Lopez, 34, a nurse from Phoenix\n\n\
                “I am not sure about any of them yet.”\n\n- Tom Reyes.\n\n“We will win,” Smith said — and the crowd cheered.";
    for qs in [quotes(text), quotes_with_core(text)] {
        assert_eq!(speaker_text(quote(&qs, "I think he is")), "Maria Lopez", "{qs:#?}");
        assert_eq!(speaker_name(quote(&qs, "I am not sure")), Some("Tom Reyes"), "{qs:#?}");
        // a dash after the attribution is no signature
        assert_eq!(quote(&qs, "We will win").cue.as_deref(), Some("said"));
    }
}

#[test]
fn a_parsed_subject_does_not_start_with_the_comma_of_its_apposition() {
    // from samples/corpus (Wikinews, CC BY 2.5)
    let text = "Discussing his concern in a public statement, Malaysia's Prime Minister, Najib Razak said, \
                \"We are in contact with all relevant parties.\"";
    for qs in [quotes(text), quotes_with_core(text)] {
        let q = quote(&qs, "We are in contact");
        assert!(speaker_text(q).ends_with("Najib Razak") && !speaker_text(q).starts_with(','), "{qs:#?}");
        assert_eq!(q.channel.as_deref(), Some("statement"));
    }
}
