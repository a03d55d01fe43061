#!/usr/bin/env python3
"""Writes eval/places.tsv: the named place mentions of the GUM news documents
with GeoNames keys assigned by hand from GUM's Wikipedia identities (table
below), plus made-up news sentences written for annals.

usage: make_places_eval.py <shared dir> > eval/places.tsv

Keys: a GeoNames id; ISO:<ISO 3166-2 code> for a first-level subdivision
(the shared GeoNames extract has no ids for them); several joined by "|" when
more than one entry is right; NIL for a populated place that is not in the
gazetteer (cities of 15,000 people or more), where giving no place is right.
Facilities, landmarks, water bodies and regions without an entry in the
gazetteer's scope (Kennedy Space Center, the English Channel, Southeast Asia)
are left out.
"""
import os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
import gum_places

# Wikipedia identity (as GUM writes it) -> key; None = out of scope, left out.
IDENTITY = {
    "Washington%2C_D.C.": "4140963", "United_States": "6252001", "Afghanistan": "1149361",
    "Poland": "798544", "Armenia": "174982", "Herat": "1140026", "Kabul": "1138958",
    "Canada": "6251999", "Sudan": "366755", "Iran": "130758", "Libya": "2215636",
    "Yemen": "69543", "Syria": "163843", "Morocco": "2542007", "Mexico_City": "3530597",
    "Indonesia": "1643084", "Myanmar": "1327865", "Malaysia": "1733045", "Thailand": "1605651",
    "Texas": "ISO:US-TX", "California": "ISO:US-CA", "Arlington%2C_Texas": "4671240",
    "Dallas": "4684888", "Irving%2C_Texas": "4700168", "Mecca": "104515", "Florida": "ISO:US-FL",
    "Los_Angeles": "5368361", "East_Los_Angeles%2C_California": "5344994",
    "Hong_Kong": "1819730|1819729", "Hong_Kong_Island": "12747064", "Kowloon": "1819609",
    "Toronto": "6167865", "North_America": "6255149", "Brazil": "3469034", "Ontario": "ISO:CA-ON",
    "Brampton": "5907364", "New_Zealand": "2186224", "Christchurch": "2192362",
    "Wellington": "2179537", "Australia": "2077456", "India": "1269750", "Bonaire": "NIL",
    "Switzerland": "2658434", "Sydney": "2147714", "New_South_Wales": "ISO:AU-NSW",
    "Victoria_%28Australia%29": "ISO:AU-VIC", "South_Australia": "ISO:AU-SA",
    "Queensland": "ISO:AU-QLD", "Tasmania": "ISO:AU-TAS", "Yeoncheon_County": "NIL",
    "Taipei": "1668341", "Taiwan": "1668284", "Washington_%28state%29": "ISO:US-WA",
    "Houston": "4699066", "Seattle": "5809844", "Illinois": "ISO:US-IL", "Oregon": "ISO:US-OR",
    "Ohio": "ISO:US-OH", "Alabama": "ISO:US-AL", "United_Kingdom": "2635167", "Eritrea": "338010",
    "Albania": "783754", "France": "3017382", "Paris": "2988507", "Ottawa": "6094817",
    "Sochi": "491422", "Italy": "3175395", "Milan": "3173435", "Livorno": "3174659",
    "Bogliasco": "NIL", "Genova": "3176219", "Lombardy": "ISO:IT-25", "Tuscany": "ISO:IT-52",
    "Indiana": "ISO:US-IN", "North_Carolina": "ISO:US-NC", "Greensboro%2C_North_Carolina": "4469146",
    "Chapel_Hill%2C_North_Carolina": "4460162", "Evansville%2C_Indiana": "4257227",
    "Massachusetts": "ISO:US-MA", "Colorado": "ISO:US-CO", "Sheffield": "2638077",
}

# Made-up news text written for annals; [[words|key]] marks a mention.
MADE_UP = [
    "PARIS (Reuters) - The Élysée said on Tuesday that President Macron would travel to [[Berlin|2950159]] and [[Brussels|2800866]] next week, before a summit in [[Rome|3169070]]. Officials in [[Paris|2988507]] said the French leader also planned a stop in [[Lyon|2996944]].",
    "PARIS, Texas -- Voters in [[Paris|4717560]] and nearby [[Dallas|4684888]] lined up before dawn on Tuesday. [[Texas|ISO:US-TX]] officials said turnout was the highest in a decade.",
    "TBILISI -- Thousands marched through [[Tbilisi|611717]] on Sunday as [[Georgia|614540]]'s opposition demanded new elections. Protests also spread to [[Batumi|615532]] and [[Kutaisi|613607]].",
    "ATLANTA (AP) -- Election officials in [[Atlanta|4180439]] began a recount on Friday, and counties around [[Savannah|4221552]] reported long lines. [[Georgia|ISO:US-GA]] must certify the result by Monday.",
    "BIRMINGHAM, Ala. -- A tornado tore through [[Birmingham|4049979]] late Monday, and emergency crews from [[Montgomery|4076784]] and [[Huntsville|4068590]] joined the search. [[Alabama|ISO:US-AL]]'s governor declared an emergency.",
    "LONDON -- Factory output in [[Birmingham|2655603]] and [[Manchester|2643123]] fell in March, the statistics office said. [[Britain|2635167]]'s economy also slowed in [[Scotland|ISO:GB-SCT]] and [[Wales|ISO:GB-WLS]].",
    "KYIV -- Air raid sirens sounded in [[Kiev|703448]] and [[Kharkiv|706483]] overnight, Ukrainian officials said, while talks continued in [[Istanbul|745044]]. [[Russia|2017370]] denied striking [[Odesa|698740]].",
    "THE HAGUE -- Judges in [[The Hague|2747373]] heard witnesses from [[Ivory Coast|2287781]] and [[Sierra Leone|2403846]] this week. Lawyers flew in from [[Abidjan|2293538]] and [[Freetown|2409306]].",
    "BEIRUT -- [[Lebanon|272103]]'s cabinet met in [[Beirut|276781]] as fuel shortages spread to [[Tripoli|266826]] and [[Sidon|268064]]. Officials in [[Damascus|170654]] and [[Amman|250441]] watched closely.",
    "SPRINGFIELD, Ill. -- Lawmakers in [[Springfield|4250542]] passed the budget on Thursday, and the mayor of [[Chicago|4887398]] praised the deal. [[Illinois|ISO:US-IL]] still faces a deficit.",
    "TAIPEI (Reuters) - [[Taiwan|1668284]]'s president met business leaders in [[Taipei|1668341]] and [[Kaohsiung|1673820]] as [[China|1814991]]'s military held drills. Officials in [[Beijing|1816670]] and [[Shanghai|1796236]] declined to comment.",
    "Floods hit [[Hyderabad|1176734]], Pakistan, on Monday. Rescue teams from [[Karachi|1174872]] and [[Lahore|1172451]] were sent north, and neighbouring [[India|1269750]] offered help.",
    "[[Mexico|3996063]]'s president spoke in [[Mexico City|3530597]] on Wednesday and later visited [[Guadalajara|4005539]] and [[Monterrey|3995465]].",
    "Protests in [[Cairo|360630]] and [[Alexandria|361058]] grew on Friday; [[Egypt|357994]]'s government blamed groups based in [[Sudan|366755]] and [[Libya|2215636]].",
    "Rescue teams reached [[Kathmandu|1283240]] from [[New Delhi|1261481]] and [[Dhaka|1185241]] after the quake shook [[Nepal|1282988]].",
    "Trade ministers from [[Canada|6251999]] and [[Australia|2077456]] met in [[Ottawa|6094817]] in May, and will meet again in [[Sydney|2147714]] and [[Melbourne|2158177]].",
    "[[Washington|4140963]] and [[Moscow|524901]] traded accusations after the Pentagon said Russian jets flew near [[Alaska|ISO:US-AK]].",
    "Researchers in [[Cambridge|4931972]], Mass., and nearby [[Boston|4930956]] said the vaccine trial would start in June.",
    "In [[Venezuela|3625428]], protests erupted in [[Caracas|3646738]] and [[Valencia|3625549]] after the vote.",
    "The storm that flooded [[Portland|4975802]], Maine, is expected to weaken before it reaches [[Portland|5746545]], Ore.",
    "[[Chile|3895114]]'s capital, [[Santiago|3871336]], was calm on Sunday as miners in the north ended their strike.",
]

def strip_markup(marked):
    text, mentions, pos = "", [], 0
    for m in re.finditer(r"\[\[([^|\]]+)\|([^\]]+)\]\]", marked):
        text += marked[pos:m.start()]
        start = len(text)
        text += m.group(1)
        mentions.append((start, len(text), m.group(1), m.group(2)))
        pos = m.end()
    text += marked[pos:]
    return text, mentions

def main(shared):
    print("# annals place-resolution gold set, built by eval/tools/make_places_eval.py")
    print("# GUM_news_* documents: text from GUM v11.1.0 (Wikinews, CC BY 2.5, https://en.wikinews.org),")
    print("#   place annotations from GUM (Zeldes 2017; annotations CC BY 4.0); GeoNames keys assigned by hand")
    print("#   for annals from GUM's Wikipedia identities. GeoNames ids: geonames.org, CC BY 4.0.")
    print("# annals_* documents: made-up news sentences written for annals.")
    print("# doc<TAB>id<TAB>text (newline as \\n);  place<TAB>start<TAB>end<TAB>surface<TAB>key[|key] (character offsets)")
    folder = os.path.join(shared, "data/nlp/gum/dep")
    for path in gum_places.docs(folder):
        name = os.path.basename(path)[:-7]
        text, ms = gum_places.mentions(path)
        rows = []
        for s, e, surface, ident in ms:
            key = IDENTITY.get(ident)
            if key is None or surface in ("State", "World"):
                continue
            rows.append(f"place\t{s}\t{e}\t{surface}\t{key}")
        if rows:
            print(f"doc\t{name}\t" + text.replace("\t", " ").replace("\n", "\\n"))
            print("\n".join(rows))
    for n, marked in enumerate(MADE_UP, 1):
        text, ms = strip_markup(marked)
        print(f"doc\tannals_{n:02}\t{text}")
        for s, e, surface, key in ms:
            print(f"place\t{s}\t{e}\t{surface}\t{key}")

if __name__ == "__main__":
    main(sys.argv[1])
