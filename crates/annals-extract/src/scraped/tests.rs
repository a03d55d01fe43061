//! Made-up but realistic pages copied as text from news sites.

use super::*;

fn clean(raw: &str) -> ScrapedArticle {
    clean_scraped(raw, &HashSet::new())
}

const WIRE: &str = "Skip to main content
Exclusive news, data and analytics for financial market professionals
World
Business
Markets
Sustainability
Legal
Breakingviews
Technology
Sign In
Register
World
Taiwan reports Chinese warships near island as drills continue
By Yimou Lee and Ben Blanchard
January 6, 2020 · 4:12 AM UTC · Updated 2 hours ago
Taiwan's defence ministry said it had spotted Chinese warships near the island on Monday.
A Taiwanese navy ship sails near Keelung, Taiwan, January 5, 2020. REUTERS/Ann Wang
A Taiwanese navy ship sails near Keelung, Taiwan, January 5, 2020. REUTERS/Ann Wang
TAIPEI (Reuters) - Taiwan said on Monday it had spotted 11 Chinese warships near the island, as Beijing kept up military pressure after the island's elections.
The defence ministry said the ships had been tracked by Taiwan's forces and that it was monitoring the situation closely.
China's foreign ministry spokesman Geng Shuang said the drills were routine and not aimed at any party.
Advertisement · Scroll to continue
Diplomatic tension
The United States has urged Beijing to stop its pressure campaign against Taiwan, which it says threatens regional stability.
Reporting by Yimou Lee and Ben Blanchard; Editing by Michael Perry
Our Standards: The Thomson Reuters Trust Principles.
Read Next
China says it will defend sovereignty after Taiwan vote
Taiwan president thanks voters
Share
Facebook
Twitter
LinkedIn
© 2020 Reuters. All rights reserved
Terms of Use
Privacy";

#[test]
fn wire_story_keeps_dateline_and_moves_credits() {
    let a = clean(WIRE);
    assert_eq!(a.title.as_deref(), Some("Taiwan reports Chinese warships near island as drills continue"));
    assert_eq!(a.authors, vec!["Yimou Lee", "Ben Blanchard"]);
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2020, 1, 6));
    assert!(a.text.starts_with("Taiwan's defence ministry said") || a.text.starts_with("TAIPEI (Reuters) - "), "{}", a.text);
    assert!(a.text.contains("TAIPEI (Reuters) - Taiwan said on Monday"));
    assert!(a.text.contains("Diplomatic tension"), "sub-heading inside the body is kept");
    assert!(a.text.ends_with("threatens regional stability."), "{}", a.text);
    for chrome in ["REUTERS/Ann Wang", "Skip to", "Advertisement", "Reporting by", "Trust Principles", "Read Next", "Facebook", "©"] {
        assert!(!a.text.contains(chrome), "chrome {chrome:?} left in:\n{}", a.text);
    }
    assert_eq!(a.credits, vec!["Reporting by Yimou Lee and Ben Blanchard; Editing by Michael Perry"]);
}

const BROADCASTER: &str = "Skip to content
Accessibility Help
Your account
Home
News
Sport
Weather
Menu
Ukraine war: Kyiv hit by wave of drone attacks overnight
Published
2 days ago
Share
Image source, Getty Images
Image caption,
Firefighters worked through the night in Kyiv
By Sarah Rainsford
Eastern Europe correspondent
Kyiv has been hit by a wave of drone attacks overnight, with explosions heard across the capital.
The city's military administration said air defences had shot down most of the drones, but debris damaged several buildings.
\"It was the loudest night in weeks,\" one resident told the BBC.
Ukraine's air force said 30 drones had been launched in total.
Related Topics
Russia-Ukraine war
Kyiv
More on this story
Ukraine says it repelled Russian assault
Top Stories
Copyright 2023 BBC. All rights reserved. The BBC is not responsible for the content of external sites. Read about our approach to external linking.";

#[test]
fn broadcaster_page_drops_captions_and_related_lists() {
    let a = clean(BROADCASTER);
    assert_eq!(a.title.as_deref(), Some("Ukraine war: Kyiv hit by wave of drone attacks overnight"));
    assert_eq!(a.authors, vec!["Sarah Rainsford"]);
    assert!(a.text.starts_with("Kyiv has been hit by a wave of drone attacks overnight"), "{}", a.text);
    assert!(a.text.ends_with("30 drones had been launched in total."), "{}", a.text);
    for chrome in ["Image source", "Firefighters worked", "Related Topics", "More on this story", "Copyright", "Accessibility"] {
        assert!(!a.text.contains(chrome), "chrome {chrome:?} left in:\n{}", a.text);
    }
}

const AGENCY: &str = "AP NEWS
Listen to this article
Sections
U.S. News
World News
Politics
Israeli strikes hit southern Gaza as ceasefire talks stall
By JOSEF FEDERMAN and SAMY MAGDY
Updated 9:14 AM UTC, March 4, 2024
Share
Palestinians inspect the rubble of a destroyed house in Rafah, Gaza Strip, Monday, March 4, 2024. (AP Photo/Fatima Shbair)
RAFAH, Gaza Strip (AP) — Israeli airstrikes hit the southern Gaza city of Rafah overnight, health officials said Monday, as talks on a ceasefire appeared to stall.
Egyptian officials said Hamas had not yet responded to a proposal for a six-week truce.
“We are waiting for an answer,” an Egyptian official said, speaking on condition of anonymity because he was not authorized to brief reporters.
Magdy reported from Cairo.
ADVERTISEMENT
Most Read
Some other story headline here
Another unrelated headline appears here
Copyright 2024 The Associated Press. All Rights Reserved.";

#[test]
fn agency_dateline_and_photo_credit() {
    let a = clean(AGENCY);
    assert_eq!(a.title.as_deref(), Some("Israeli strikes hit southern Gaza as ceasefire talks stall"));
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 3, 4));
    assert!(a.text.starts_with("RAFAH, Gaza Strip (AP) — Israeli airstrikes"), "{}", a.text);
    assert!(a.text.contains("“We are waiting for an answer,”"));
    assert!(!a.text.contains("AP Photo"), "{}", a.text);
    assert!(!a.text.contains("Most Read"));
    assert!(!a.text.contains("Another unrelated headline"));
}

const LOCAL: &str = "We use cookies to improve your experience. Accept all
Cookie settings
Menu
Search
Subscribe
The Riverside Courier
Council approves new flood defences after winter storms
Local News | March 12, 2022
Councillors voted on Tuesday to approve a £4 million scheme of flood defences along the river, after two winters of severe storms damaged hundreds of homes.
The scheme, which will be built over three years, includes raised embankments and new pumping stations.
\"This is the investment our town has been waiting for,\" said council leader Maria Gonzalez.
Residents will be able to see the plans at a public meeting next month.
Sign up for our daily newsletter
Enter your email
Related
Storm damage bill rises to £2m
Follow us on Facebook
© The Riverside Courier 2022";

#[test]
fn local_site_with_cookie_banner() {
    let a = clean(LOCAL);
    assert_eq!(a.title.as_deref(), Some("Council approves new flood defences after winter storms"));
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 3, 12));
    assert!(a.text.starts_with("Councillors voted on Tuesday"));
    assert!(a.text.ends_with("public meeting next month."));
    assert!(!a.text.contains("newsletter") && !a.text.contains("cookies"));
}

#[test]
fn lines_shared_across_a_sites_pages_are_chrome() {
    let footer = "Daily Harbour Times\nHome | World | Politics | Business\nBreaking: storm warning issued for the coast tonight\n";
    let page = |title: &str, body: &str| format!("{footer}{title}\n{body}\nThe Daily Harbour Times is published by Harbour Media Group Limited, registered in the city.\nStaff picks for the weekend\n");
    let p1 = page("Port strike enters second week", "Dock workers extended their strike into a second week on Monday, halting most container traffic at the port.\nUnion leaders said talks with employers had made little progress.");
    let p2 = page("Ferry service resumes after repairs", "The island ferry service resumed on Friday after three weeks of repairs to its main vessel, operators said.\nPassengers had faced long detours via the mainland bridge.");
    let p3 = page("New mayor sworn in", "The city's new mayor was sworn in on Thursday in a ceremony at the town hall attended by several hundred residents.\nShe promised to focus on housing.");
    let pages = [p1.as_str(), p2.as_str(), p3.as_str()];
    let chrome = shared_chrome(&pages);
    let a = clean_scraped(&p2, &chrome);
    assert_eq!(a.title.as_deref(), Some("Ferry service resumes after repairs"));
    assert!(a.text.starts_with("The island ferry service resumed"));
    assert!(!a.text.contains("storm warning"), "{}", a.text);
    assert!(!a.text.contains("Harbour Media Group"), "{}", a.text);
    // two copies of one story do not erase each other
    let twins = shared_chrome(&[p1.as_str(), p1.as_str()]);
    assert!(clean_scraped(&p1, &twins).text.contains("Dock workers extended their strike"));
}

#[test]
fn text_without_chrome_is_kept_whole() {
    let plain = "Talks between the two delegations resumed in Geneva on Tuesday, diplomats said.\nBoth sides described the atmosphere as constructive.";
    let a = clean(plain);
    assert_eq!(a.text, "Talks between the two delegations resumed in Geneva on Tuesday, diplomats said.\n\nBoth sides described the atmosphere as constructive.");
    assert!(a.title.is_none());
}

#[test]
fn inline_parenthetical_credit_is_moved() {
    let raw = "Ministers meet on grain deal\nANKARA, July 3 (Reuters) - Turkish and Russian ministers met in Ankara on Monday to discuss extending the Black Sea grain deal, officials said. (Reporting by Ece Toksabay; Editing by Jonathan Spicer)";
    let a = clean(raw);
    assert!(a.text.ends_with("officials said."), "{}", a.text);
    assert_eq!(a.credits, vec!["Reporting by Ece Toksabay; Editing by Jonathan Spicer"]);
}
