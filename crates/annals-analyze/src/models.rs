//! The trained models, embedded in the binary and loaded once.

use std::sync::{Arc, OnceLock};

use crate::actors::ActorDict;
use crate::binio::{gunzip, Reader};
use crate::boundary::BoundaryModel;
use crate::ner::NerTagger;
use crate::parser::Parser;
use crate::tagger::{Lemmatizer, PosTagger};
use crate::Error;

static POS: &[u8] = include_bytes!("../../../models/pos.bin.gz");
static PARSER: &[u8] = include_bytes!("../../../models/parser.bin.gz");
static NER: &[u8] = include_bytes!("../../../models/ner.bin.gz");
static ACTORS: &[u8] = include_bytes!("../../../models/actors.bin.gz");
static SENTENCES: &[u8] = include_bytes!("../../../models/sentences.bin.gz");

/// Every model the analysis layer uses.
#[derive(Debug, Clone)]
pub struct Models {
    /// UPOS tagger.
    pub tagger: PosTagger,
    /// XPOS (Penn Treebank) tagger, for the parser's features.
    pub xtagger: PosTagger,
    /// Lemmatizer.
    pub lemmatizer: Lemmatizer,
    /// Dependency parser.
    pub parser: Parser,
    /// Entity tagger (with its gazetteer).
    pub ner: NerTagger,
    /// Actor dictionary.
    pub actors: ActorDict,
    /// Sentence starts the punctuation rules miss.
    pub boundaries: BoundaryModel,
}

fn open(name: &str, bytes: &[u8]) -> Result<Vec<u8>, Error> {
    if bytes.is_empty() {
        return Err(Error::Model(format!("models/{name} is empty: rebuild it with annals-train (see models/README.md)")));
    }
    gunzip(bytes)
}

/// The embedded UPOS and XPOS taggers alone (training reads them without needing the other files).
pub fn embedded_taggers() -> Result<(PosTagger, PosTagger), Error> {
    let pos = open("pos.bin.gz", POS)?;
    let mut r = Reader::new(&pos);
    let tagger = PosTagger::read(&mut r)?;
    Lemmatizer::read(&mut r)?;
    Ok((tagger, PosTagger::read(&mut r)?))
}

impl Models {
    /// Tags, parses and returns (UPOS, arcs) for one sentence of words.
    pub fn tag_and_parse<'a>(&'a self, words: &[&'a str]) -> (Vec<&'a str>, Vec<crate::parser::Arc>) {
        let tags = self.tagger.tag(words);
        let xtags = self.xtagger.tag(words);
        let pw: Vec<crate::parser::ParseWord> =
            words.iter().zip(&tags).zip(&xtags).map(|((f, t), x)| crate::parser::ParseWord { form: f, upos: t, xpos: x }).collect();
        let arcs = self.parser.parse(&pw);
        (tags, arcs)
    }

    /// Decodes the models embedded at build time.
    pub fn load_embedded() -> Result<Models, Error> {
        let pos = open("pos.bin.gz", POS)?;
        let mut r = Reader::new(&pos);
        let tagger = PosTagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let xtagger = PosTagger::read(&mut r)?;
        let parser_bytes = open("parser.bin.gz", PARSER)?;
        let parser = Parser::read(&mut Reader::new(&parser_bytes))?;
        let ner = NerTagger::read(&mut Reader::new(&open("ner.bin.gz", NER)?))?;
        let actors = ActorDict::read(&mut Reader::new(&open("actors.bin.gz", ACTORS)?))?;
        let boundaries = BoundaryModel::read(&mut Reader::new(&open("sentences.bin.gz", SENTENCES)?))?;
        Ok(Models { tagger, xtagger, lemmatizer, parser, ner, actors, boundaries })
    }

    /// The embedded models, decoded on first use and shared afterwards.
    pub fn shared() -> Result<Arc<Models>, Error> {
        static CELL: OnceLock<Result<Arc<Models>, String>> = OnceLock::new();
        CELL.get_or_init(|| Models::load_embedded().map(Arc::new).map_err(|e| e.to_string()))
            .clone()
            .map_err(Error::Model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binio::Writer;

    /// Reading and writing the committed POS file gives it back byte for byte, so the
    /// in-memory layout of the taggers and the lemmatizer is free to change.
    #[test]
    fn pos_file_round_trips() {
        let bytes = open("pos.bin.gz", POS).expect("embedded");
        let mut r = Reader::new(&bytes);
        let (tagger, lemmatizer, xtagger) = (PosTagger::read(&mut r).unwrap(), Lemmatizer::read(&mut r).unwrap(), PosTagger::read(&mut r).unwrap());
        let mut w = Writer::default();
        tagger.write(&mut w);
        lemmatizer.write(&mut w);
        xtagger.write(&mut w);
        assert!(w.into_bytes() == bytes, "pos.bin differs after a round trip");
    }

    /// The same for the parser, entity tagger and sentence model files (weights kept in
    /// the table's slots for the models of up to 8 classes).
    #[test]
    fn model_files_round_trip() {
        let check = |name: &str, packed: &[u8], round: &dyn Fn(&mut Reader, &mut Writer)| {
            let bytes = open(name, packed).expect("embedded");
            let mut w = Writer::default();
            round(&mut Reader::new(&bytes), &mut w);
            assert!(w.into_bytes() == bytes, "{name} differs after a round trip");
        };
        check("parser.bin.gz", PARSER, &|r, w| Parser::read(r).unwrap().write(w));
        check("ner.bin.gz", NER, &|r, w| NerTagger::read(r).unwrap().write(w));
        check("sentences.bin.gz", SENTENCES, &|r, w| BoundaryModel::read(r).unwrap().write(w));
    }
}
