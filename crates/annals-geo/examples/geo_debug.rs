//! Prints the places found in a text given on the command line (development aid).
use annals_core::{Document, Stage};
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let mut doc = Document::from_text("arg", text);
    let g = annals_geo::Gazetteer::global();
    for m in annals_geo::find_mentions(&doc, g) {
        let s = &doc.text[m.start..m.end];
        let n = annals_geo::gazetteer::normalize(s);
        println!("mention {s:?} ({n}) -> {:?}", g.lookup(&n).iter().take(6).map(|(i, k)| (g.entries[*i as usize].key(), g.entries[*i as usize].name.clone(), *k)).collect::<Vec<_>>());
    }
    annals_geo::GeoStage.run(&mut doc).unwrap();
    for p in &doc.places {
        println!("{} -> {} {:?} {:?}", p.text, p.name, p.country, p.geonames_id);
    }
}
