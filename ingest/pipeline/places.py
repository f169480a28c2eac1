"""Find and geocode the places an article names, offline, with the gazetteer.

Candidates are the model's GPE/LOC/FAC entities, the country, capital and region names the
actor pass marked, and proper-noun tokens the model mislabels or misses ("Jermuk" tagged PERSON,
"Sotk" untagged) when they stand where places stand ("in", "near", "the cities of …", a list
of such) or are a town of one of the article's countries. Ambiguous names go to the article's
countries first (gazetteer.py); a small namesake town far away in a country the article never
names ("Moura", Portugal, in a Mali article) keeps its name but loses its coordinates. Names
inside people's and organisations' mentions, and peoples ("Tuareg"), are skipped.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ingest.extraction import LocationResult, Span
from ingest.pipeline import wordlists
from ingest.pipeline.actors import find_hits
from ingest.pipeline.dates import doc_dateline_spans
from ingest.pipeline.gazetteer import Place, load_gazetteer
from ingest.pipeline.lexicon import actor_words
from ingest.pipeline.nlp import doc_text, is_english_word
from ingest.pipeline.place_forms import feature_spans, names_something_else, territory_head

PLACE_PREPS = frozenset({"in", "into", "inside", "within", "across", "throughout", "outside", "near", "at", "from",
                         "around", "through", "via", "beyond", "along", "toward", "towards", "to", "between", "on"})
PLACE_NOUNS = frozenset({"city", "cities", "town", "towns", "village", "villages", "district", "districts", "region",
                         "regions", "province", "provinces", "area", "areas", "outskirts", "suburbs", "capital", "port",
                         "governorate", "county", "municipality", "settlement", "settlements", "neighbourhood",
                         "neighborhood", "direction", "vicinity", "outskirt", "border", "hamlet", "oblast"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                        "southeastern", "southwestern", "upper", "lower", "greater", "downtown"})
AREA_NOUNS = frozenset({"province", "region", "governorate", "oblast", "district", "state", "county"})
SITE_WORDS = frozenset(wordlists.load("place_words")["site_words"])
FEATURE_NOUNS = wordlists.words("place_words", "feature_nouns")
NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "ar", "az", "ez", "es", "ed", "ash", "of", "de", "bin", "ibn", "-"})
FORCES_NOUNS = frozenset({"forces", "troops", "marines", "soldiers", "members", "servicemembers", "military",
                          "army", "navy", "operations"})
MIN_CLEAR_TOWN = 2000  # smaller namesakes of common words only count where a place is expected
FAR_TOWN_MAX = 100000  # a namesake town abroad smaller than this needs the article to name its country
FAR_KM = 1500  # … when it lies this far from the article's main country
COMMON_WORD_TOWN = 100000  # a town named like a dictionary word ("Mission") needs context below this size
_SKIP_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "LAW", "EVENT",
                          "LANGUAGE", "PRODUCT"})


@dataclass
class _Found:
    place: Place | None
    name: str
    mentions: list[Span] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


class PlaceTable:
    """The places of one article, with lookups by character range."""

    def __init__(self, results: list[LocationResult]):
        self.results = results
        self.by_id = {place.id: place for place in results}
        self._mentions = sorted((s, e, place.id) for place in results for s, e in place.mentions)

    def places_in(self, start: int, end: int) -> list[str]:
        """Ids of the places mentioned inside [start, end), in order of appearance."""
        return list(dict.fromkeys(pid for s, e, pid in self._mentions if s >= start and e <= end))

    def place_at(self, start: int, end: int) -> str | None:
        for s, e, pid in self._mentions:
            if s < end and e > start:
                return pid
        return None


def find_places(doc, actors, body) -> PlaceTable:
    """Every place named in the article's title, body and captions, geocoded where the gazetteer knows it."""
    weights = actors.country_weights
    blocked = actors.blocked_spans
    found: dict[str, _Found] = {}
    used: set[int] = set()

    def keep(span, place: Place | None, name: str) -> None:
        key = place.gazetteer_id or f"{place.precision}:{place.name}" if place else f"unknown:{name.lower()}"
        entry = found.setdefault(key, _Found(place, place.name if place else name))
        mention = (span.start_char, span.end_char)
        if mention not in entry.mentions:
            entry.mentions.append(mention)
            entry.texts.append(span.text)
        used.update(range(span.start, span.end))

    def usable(span) -> bool:
        s, e = span.start_char, span.end_char
        return (body.is_content(s, e) and not used.intersection(range(span.start, span.end))
                and not any(bs < e and s < be for bs, be in blocked))

    for span in feature_spans(doc):  # "the Tharthar depression", "the Syria-Iraq border": one place each
        if usable(span):
            place = load_gazetteer().lookup(span.text, weights, variants=False)
            keep(span, place if place is not None and place.precision == "town" else _unlisted(span, weights),
                 span.text)
    peoples = actor_words().peoples  # "Tuareg rebels": a people, never a town
    hits = find_hits(doc)
    for hit in hits:
        span = doc[hit.start:hit.end]
        territory_end = territory_head(doc, hit) if hit.label == "DEMONYM" else None
        if territory_end and usable(doc[hit.start:territory_end]) and hit.value in load_gazetteer().countries:
            keep(doc[hit.start:territory_end], load_gazetteer().countries[hit.value], doc[hit.start:territory_end].text)
            continue  # "inside Syrian territory": the country as a place
        if hit.label in ("COUNTRY", "CAPITAL") and names_something_else(span):
            used.update(range(span.start, span.end))
            continue
        in_dateline = any(s <= span.start_char and span.end_char <= e for s, e in doc_dateline_spans(doc))
        if hit.label in ("COUNTRY", "CAPITAL") and not in_dateline and (
                _acts_here(actors, span) or _names_its_forces(actors, span) or _listed_member(span)):
            # "The United States condemns …", "Moscow denied": the state acts, nothing happens there
            used.update(range(span.start, span.end))
            continue
        if hit.label in ("COUNTRY", "CAPITAL", "REGION") and usable(span):
            place = lookup(span, weights)
            if hit.start > 0 and doc[hit.start - 1].lower_ in DIRECTIONS:  # "northern Syria"
                span = doc[hit.start - 1:hit.end]
            elif len(span) > 1 and span[0].lower_ == "the":
                span = span[1:]
            keep(span, place, span.text)
    not_places = {i for h in hits if h.label not in ("COUNTRY", "CAPITAL", "REGION") for i in range(h.start, h.end)}
    used |= not_places
    for ent in doc.ents:
        if ent.label_ in _SKIP_LABELS:
            continue
        span = _strip(ent)
        # "Near Al Shadaddi, one strike …": the model folds a line's capitalised preposition into the name
        after_prep = len(ent) > 1 and ent[0].lower_ in PLACE_PREPS
        if not span.text or not usable(span) or not all(_name_like(t) for t in span) \
                or any(t.text in peoples for t in span) or _names_weapon(span):
            continue
        place, named = _resolve(span, weights)
        # a town whose name is also a word ("Palmyra", "Mission") needs the article's country and a place's
        # context: a locative preposition, or the model's reading of it as a place
        if place is not None and _common_word_town(span, place) and not (
                (in_place_context(span[0]) or ent.label_ in ("GPE", "LOC") or after_prep)
                and place.country_code in weights):
            continue
        if place is not None and _far_fetched(place, weights):
            if ent.label_ in ("GPE", "LOC", "FAC") or in_place_context(span[0]):
                keep(named, _unlisted(named, weights), named.text)
        elif place is not None and (ent.label_ in ("GPE", "LOC", "FAC") or place.country_code in weights
                                    or in_place_context(span[0])):
            keep(named, place, named.text)
        elif place is None and (_is_unlisted_place(span, ent.label_) or after_prep and not all(
                is_english_word(t.text) for t in span if t.is_alpha)):
            keep(span, _unlisted(span, weights), span.text)
    for span in _dateline_places(doc):  # "YANGON—", "GOMA, Congo (Reuters) -": where the report was filed
        if usable(span):
            place = load_gazetteer().lookup(span.text.title(), weights)
            if place is not None:
                keep(span, place, span.text)
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ in _SKIP_LABELS or tok.text in peoples:
            continue
        span = doc[tok.i:tok.i + 1]
        if not usable(span) or _names_weapon(span):
            continue
        place = lookup(span, weights)
        if place is None or place.precision not in ("town", "region"):
            continue
        if _common_word_town(span, place) and not _listed_with(tok, place, found):
            continue
        if in_place_context(tok) and place.country_code in weights or _clear_town(tok, place, weights):
            keep(span, place, tok.text)
    return PlaceTable(_results(found))


MEMBER_NOUNS = frozenset({"nation", "country", "member", "partner", "state", "participant", "ally", "contributor"})


def _listed_member(span) -> bool:
    """"Coalition nations which have conducted strikes include Australia, Belgium, …": countries listed as the
    members of a group are parties, not places."""
    tok = span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    verb = tok.head
    if tok.dep_ not in ("dobj", "attr") or verb.lemma_.lower() not in ("include", "be", "comprise"):
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in MEMBER_NOUNS for c in verb.children)


def _acts_here(actors, span) -> bool:
    """Whether this country or capital name is the state itself acting, not a place: the subject of a verb
    ("The United States condemns", "Moscow denied") that the actor pass made the state. A possessor
    ("Ukraine's Kherson") or a party ("clashes between Armenia and Azerbaijan") still names a place."""
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    actor_id = actors.actor_at(span.start_char, span.end_char)
    if actor_id is None or actors.by_id[actor_id].kind != "state":
        return False
    return any((s, e) == (span.start_char, span.end_char) for s, e in actors.by_id[actor_id].mentions)


def _names_its_forces(actors, span) -> bool:
    """'U.S. forces', 'U.S. Marines', 'Iraqi security forces': a country named only as whose forces act is the
    state's mention, not a place."""
    actor_id = actors.actor_at(span.start_char, span.end_char)
    if actor_id is None or actors.by_id[actor_id].kind not in ("state", "military"):
        return False
    doc = span.doc
    return any(s <= span.start_char and span.end_char < e and doc_text(doc)[span.end_char:e].strip().split()[-1].lower()
               in FORCES_NOUNS for s, e in actors.by_id[actor_id].mentions)


def _names_weapon(span) -> bool:
    """"Katyusha rockets", "Shahed drones": a name modifying a weapon noun is the weapon's model."""
    last = span[-1]
    return (last.dep_ == "compound" and last.head.i > last.i
            and last.head.lemma_.lower() in wordlists.words("claim_words", "weapon_nouns"))


def _name_like(tok) -> bool:
    # "Qa'im", "Ma'arib": an apostrophe inside a transliterated name leaves it a name, though not title case
    return tok.is_title or tok.is_upper or tok.lower_ in NAME_PARTICLES \
        or tok.text.startswith(("al-", "el-")) or re.fullmatch(r"[A-Z][a-z]+['’][a-z]+", tok.text) is not None


def _strip(span):
    doc, start, end = span.doc, span.start, span.end
    if start < end - 1 and doc[start].lower_ in PLACE_PREPS and doc[start].is_title:
        start += 1
    while start < end - 1 and doc[start].lower_ in ("the", "a"):
        start += 1
    while end - 1 > start and (doc[end - 1].text in ("'s", "’s", "’", "'") or doc[end - 1].is_punct
                               or doc[end - 1].lower_ in ("and", "or")):
        end -= 1
    return doc[start:end]


def _dateline_places(doc) -> list:
    """The capitalised place name opening each wire dateline, as a token span (the lexicon's names are in
    title case, so "YANGON" is looked up as "Yangon")."""
    spans = []
    for start, end in doc_dateline_spans(doc):
        name = re.match(r"[A-Z][A-Z'’.]*(?:[ -][A-Z][A-Z'’.]*)*", doc_text(doc)[start:end])
        span = doc.char_span(start, start + len(name.group()), alignment_mode="contract") if name else None
        if span is not None and len(span):
            spans.append(span)
    return spans


def lookup(span, weights) -> Place | None:
    """The place for a name span; after "the province of" the province rather than its namesake city."""
    gaz = load_gazetteer()
    doc, i = span.doc, span.start
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in AREA_NOUNS:
        place = gaz.lookup(f"{span.text} {doc[i - 2].lower_}", weights, variants=False)
        if place is not None and place.precision == "region":
            return place
    return gaz.lookup(span.text, weights)


def _common_word_town(span, place: Place) -> bool:
    """A smallish town whose name is also an English word ("Mission", "Hospital", "Police")."""
    # every word counts, "Qa'im" too: "Al-Qa'im" is no English phrase though "Al" alone is a dictionary word
    return (place.precision == "town" and place.population < COMMON_WORD_TOWN
            and all(is_english_word(t.text) for t in span if not t.is_punct))


def _is_site(span) -> bool:
    """A facility's name: 'South Hospital', 'Al-Noor Mosque', 'Camp Hurriya'."""
    words = span.text.split()
    return len(words) >= 2 and (words[0] in SITE_WORDS or words[-1] in SITE_WORDS
                                or " ".join(words[-2:]) in SITE_WORDS)


def _resolve(span, weights):
    """The place for an entity span, trying it whole, then without a leading direction word.

    A facility's name is a place only under its whole name, never its last word's namesake town.
    """
    if _is_site(span):
        place = load_gazetteer().lookup(span.text, weights, variants=False)
        return (place if place is not None and place.precision == "town" else None), span
    place = lookup(span, weights)
    if place is not None:
        return place, span
    if len(span) > 1 and span[0].lower_ in DIRECTIONS:
        place = lookup(span[1:], weights)
        if place is not None:
            return place, span
    return None, span


def in_place_context(tok) -> bool:
    """Whether a token stands where places stand: after in/near/at, or in 'the cities of A, B and C'."""
    head = tok
    for _ in range(6):
        if head.dep_ in ("compound", "conj", "appos", "flat", "nmod") and head.head is not head:
            head = head.head
        else:
            break
    if head.dep_ == "pobj":
        prep = head.head
        if prep.lower_ in PLACE_PREPS:
            return True
        if prep.lower_ == "of" and (prep.head.lower_ in PLACE_NOUNS or prep.head.lower_ in DIRECTIONS):
            return True  # "the town of X", "30 km north of X"
    # parse-independent fallback: "... districts of Dashkesan, Kelbajar and Lachin"
    i = tok.i - 1
    while i >= 0 and (tok.doc[i].is_title or tok.doc[i].text in (",", "and", "or") or tok.doc[i].is_punct) \
            and tok.i - i < 12:
        i -= 1
    if i >= 0 and tok.doc[i].lower_ == "of" and i > 0 and tok.doc[i - 1].lower_ in PLACE_NOUNS | DIRECTIONS:
        return True
    return i >= 0 and i == tok.i - 1 and tok.doc[i].lower_ in PLACE_PREPS - {"on", "to", "between"}


def _listed_with(tok, place: Place, found: dict) -> bool:
    """'including Timbuktu, Gao and Kidal': a name coordinated with a found town of the same country."""
    neighbours = [*tok.conjuncts]
    countries = {f.place.country_code for f in found.values() if f.place is not None and f.place.precision == "town"
                 for n in neighbours if n.text in f.texts}
    return place.country_code in countries


def _far_fetched(place: Place, weights) -> bool:
    """A small namesake town in a country the article never names, far from the one it is about ("Moura", Portugal,
    in an article about Mali): the name is kept, its coordinates are not trusted."""
    if place.precision != "town" or place.population >= FAR_TOWN_MAX or weights.get(place.country_code, 0.0) >= 0.15:
        return False
    main = max(weights, key=weights.get) if weights else None
    home = load_gazetteer().countries.get(main) if main and weights[main] >= 0.4 else None
    return home is not None and home.lat is not None and _km(home.lat, home.lon, place.lat, place.lon) > FAR_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _clear_town(tok, place: Place, weights) -> bool:
    """A proper noun that is by its own main name a town of one of the article's main countries."""
    if weights.get(place.country_code, 0.0) < 0.15 or tok.is_sent_start or place.population < MIN_CLEAR_TOWN:
        return False
    if load_gazetteer().name_key_is_exact(tok.text, place) is False:
        return False
    return tok.lower_ not in {t.lower_ for t in tok.doc if t.is_lower}


def _is_unlisted_place(span, label: str) -> bool:
    """A named place the gazetteer lacks: a GPE entity that is no dictionary word ("Gunmen"), or a site name."""
    if label == "GPE" and len(span) <= 4 and not all(is_english_word(t.text) for t in span if t.is_alpha):
        return True
    return _is_site(span)


def _unlisted(span, weights) -> Place:
    """A place without coordinates, in the article's main country."""
    country = max(weights, key=weights.get) if weights else None
    words = span.text.split()
    precision = "point" if words[0] in SITE_WORDS or words[-1] in SITE_WORDS | FEATURE_NOUNS else "town"
    return Place(name=span.text, country_code=country, lat=None, lon=None, precision=precision, gazetteer_id=None)


def _results(found: dict[str, _Found]) -> list[LocationResult]:
    entries = sorted(found.values(), key=lambda f: min(f.mentions))
    results = []
    for i, entry in enumerate(entries, 1):
        place = entry.place
        alternates = list(dict.fromkeys(t for t in entry.texts if t != entry.name))
        results.append(LocationResult(
            id=f"l{i}", name=entry.name, country_code=place.country_code if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
            precision=place.precision if place else "unknown", mentions=sorted(entry.mentions),
            admin1=place.admin1 if place else None, gazetteer_id=place.gazetteer_id if place else None,
            alternate_names=alternates))
    return results
