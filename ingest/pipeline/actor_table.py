"""The actor table the later stages query, and the builder the actor rules fill it with.

`Builder` keeps one record per actor identity (a state by ISO code, a government body by
country and canonical body, a person by full name, an organisation by name), adds mention
spans to it, and resolves back-references ("the ministry", "the regime", "The Department",
"our Office" for the publisher). "the junta" is the ruling military; "the U.S. military" is the
one U.S. command an article names (CENTCOM), not a second actor.
`ActorTable` is the frozen result: `.results`, `.actor_at(start, end)`, `.actors_in(start, end)`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ingest.extraction import ActorResult, Span
from ingest.pipeline.gazetteer import load_gazetteer, name_key
from ingest.pipeline.lexicon import actor_words

MAIN_NATION_SHARE = 0.4
OPERATION_WORDS = frozenset({"Operation", "Exercise"})
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in"})
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass
class ActorRecord:
    key: tuple
    name: str
    kind: str
    country_code: str | None
    mentions: list[Span] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    parent_key: tuple | None = None
    titles: set[str] = field(default_factory=set)
    forces: bool = False
    regime: bool = False


class ActorTable:
    """The actors of one article, with lookups by character range."""

    def __init__(self, results: list[ActorResult], *, country_weights: dict[str, float],
                 blocked_spans: list[Span]):
        self.results = results
        self.by_id = {actor.id: actor for actor in results}
        self.country_weights = country_weights
        self.blocked_spans = blocked_spans
        self._mentions = sorted((s, e, actor.id) for actor in results for s, e in actor.mentions)

    def actor_at(self, start: int, end: int) -> str | None:
        """Id of the actor whose mention overlaps [start, end) the most (the tighter mention on ties)."""
        best, best_key = None, (0, 0)
        for s, e, actor_id in self._mentions:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (overlap, -(e - s)) > best_key:
                best, best_key = actor_id, (overlap, -(e - s))
        return best

    def main_nation(self) -> str | None:
        """The country the article is mostly about, when one clearly leads."""
        return leading_nation(self.country_weights)

    def actors_in(self, start: int, end: int) -> list[str]:
        """Ids of the actors mentioned inside [start, end), in order of appearance."""
        found = [actor_id for s, e, actor_id in self._mentions if s >= start and e <= end]
        return list(dict.fromkeys(found))


def leading_nation(counts) -> str | None:
    """The country with at least MAIN_NATION_SHARE of the article's country words (counts or shares)."""
    total = sum(counts.values())
    iso, count = max(counts.items(), key=lambda item: item[1], default=(None, 0))
    return iso if iso is not None and count >= MAIN_NATION_SHARE * total else None


class Builder:
    """Collects actors and mentions for one doc; `table()` freezes them."""

    def __init__(self, doc, body, *, publisher: str | None = None):
        self.doc, self.body = doc, body
        self.actors: dict[tuple, ActorRecord] = {}
        self.claimed: set[int] = set()
        self.portfolios: list[tuple[int, int]] = []  # "Minister for the Middle East": no place is named there
        self.nation_counts: Counter = Counter()
        self.publisher = publisher
        self.publisher_iso = _nation_in(publisher) if publisher else None
        self._regimes: list = []
        self._untyped: list = []

    # -- adding -------------------------------------------------------------------------------
    def add(self, key: tuple, name: str, kind: str, country_code: str | None, span, *,
            parent_key: tuple | None = None, country_name: bool = False) -> ActorRecord:
        record = self.actors.get(key)
        if record is None:
            record = self.actors[key] = ActorRecord(key, _clean(name), kind, country_code, parent_key=parent_key)
        if span is not None:
            span = _trim(span)
            mention = (span.start_char, span.end_char)
            if mention not in record.mentions:
                record.mentions.append(mention)
                record.texts.append(span.text)
            self.claimed.update(range(span.start, span.end))
        return record

    def state(self, iso: str, span, *, regime: bool = False) -> ActorRecord:
        country = load_gazetteer().countries.get(iso)
        record = self.add(("state", iso), country.name if country else iso, "state", iso, span)
        record.forces |= len(span) > 1 and span[-1].lower_ in ("forces", "army", "troops", "military")
        record.regime |= regime
        return record

    def government_body(self, iso: str, canonical: str, span) -> ActorRecord:
        country = load_gazetteer().countries.get(iso)
        country_name = country.name if country else iso
        name = f"Government of {country_name}" if canonical == "government" else f"{country_name} {canonical}"
        return self.add(("gov", iso, canonical), name, "government_body", iso, span, parent_key=("state", iso))

    def military(self, iso: str, branch: str, span) -> ActorRecord:
        """A country's regular forces ("the Israeli military" → the IDF when the lexicon knows it) or a branch."""
        gaz = load_gazetteer()
        country = gaz.countries.get(iso)
        country_name = country.name if country else iso
        national = actor_words().national_militaries.get(iso) if branch == "army" else None
        if national is not None:
            key, name = ("org", national.name), national.name
        else:
            key = ("military", iso, branch)
            name = f"{country_name} military" if branch == "army" else f"{country_name} {branch}"
        record = self.add(key, name, "military", iso, span, parent_key=("state", iso))
        record.forces = True
        return record

    def main_nation(self) -> str | None:
        """The country the article is mostly about, when one clearly leads."""
        return leading_nation(self.nation_counts)

    def regime_mention(self, span) -> None:
        """'the regime', 'the Asad regime': the state meant is settled once all countries are known."""
        start = span.start
        while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].is_title \
                and (start - 1) not in self.claimed:
            start -= 1
        self._regimes.append(self.doc[start:span.end])

    def back_reference(self, span, *, kinds: tuple[str, ...], forces: bool = False,
                       canonical: str | None = None, create: tuple | None = None) -> ActorRecord | None:
        """Attach span to the latest earlier actor of those kinds; optionally create one when there is none."""
        target = self.latest(span.start_char, lambda a: a.kind in kinds and (not forces or a.forces or
                             a.kind == "military") and (canonical is None or canonical in a.key))
        if target is not None:
            return self.add(target.key, target.name, target.kind, target.country_code, span)
        if create is not None:
            return self.add(create, span.text, kinds[0], None, span)
        return None

    def latest(self, before: int, test) -> ActorRecord | None:
        best, best_start = None, -1
        for record in self.actors.values():
            starts = [s for s, _ in record.mentions if s < before]
            if starts and test(record) and max(starts) > best_start:
                best, best_start = record, max(starts)
        return best

    def kind_from_head(self, span_or_text) -> str | None:
        words = str(span_or_text).replace("’s", "").replace("'s", "").split()
        heads = actor_words().org_heads
        for n in (3, 2, 1):
            if len(words) >= n and " ".join(words[-n:]) in heads:
                return heads[" ".join(words[-n:])]
        return None

    # -- passes over what the lexicon did not mark -------------------------------------------
    def named_organisations(self) -> None:
        """ORG entities: back to a known actor by suffix or alias, else a new one when its head word says what it is."""
        gaz = load_gazetteer()
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or self.claimed.intersection(range(ent.start, ent.end)):
                continue
            span = _trim(ent)
            if not span.text or not self.body.is_content(span.start_char, span.end_char):
                continue
            known = self._by_suffix(span.text)
            if known is not None:
                self.add(known.key, known.name, known.kind, known.country_code, span)
                continue
            if len(span) == 1 and span.text in actor_words().ministry_heads:
                continue
            kind = self.kind_from_head(span.text)
            if kind is None or len(span) < 2:
                self._untyped.append(span)
                continue
            iso = next((gaz.demonym(t.text) or gaz.country(t.text) for t in span
                        if gaz.demonym(t.text) or gaz.country(t.text)), None)
            self.add(("org", span.text), span.text, kind, iso, span, parent_key=("state", iso) if iso else None)

    def untyped_organisations(self) -> None:
        """ORG entities no rule typed or claimed (run after acronyms resolve): kept as organisations."""
        for ent in self._untyped:
            span = self._kept_unknown_organisation(ent)
            if span is None or self.claimed.intersection(range(span.start, span.end)):
                continue
            kind = self.kind_from_head(span.text) or "other"
            self.add(("org", span.text), span.text, kind, None, span)

    def _kept_unknown_organisation(self, span):
        """An ORG the lexicon cannot type ("Syrian Electronic Army", "Network Solutions", "AQI") is kept,
        as the statistical model found it, unless a rule knows better: a place or site by the gazetteer or
        its head word ("Tabqa Dam"), a weapon or platform acronym seen once ("VBIED"), one capitalised word.
        Returns the name's span, or None."""
        from ingest.pipeline.places import SITE_WORDS

        doc = self.doc
        end = span.end
        while end > span.start + 1 and not doc[end - 1].is_title and not doc[end - 1].is_upper:
            end -= 1  # "Kuwaiti Hospital in": a name ends with a name word
        span = doc[span.start:end]
        text = span.text
        words = text.split()
        title = self.body.title_span
        if title and title[0] <= span.start_char and span.end_char <= title[1]:
            return None  # a headline's capitals make any phrase look like a name
        if not words[0][:1].isupper() or words[-1] in SITE_WORDS or " ".join(words[-2:]) in SITE_WORDS \
                or words[0] in SITE_WORDS and len(words) > 1:  # "Lakes Habbaniyah", "Mount Qandil": a place
            return None
        if words[0] in OPERATION_WORDS and len(words) > 1:
            return None  # "Operation Inherent Resolve", "Exercise Eager Lion": what forces do, not who
        if len(span) == 1:
            if not text.isupper():
                return None  # one capitalised word the model calls ORG is as often a person or a place
            if any(t.like_num for t in doc[max(span.start - 1, 0):span.end + 1]):
                return None  # "(2005 GMT)"
            # an acronym counts where it acts or recurs, not as a thing hit ("a VBIED")
            recurs = sum(1 for ent in doc.ents if ent.label_ == "ORG" and ent.text == text) > 1
            if not recurs and span.root.dep_ not in ("nsubj", "nsubjpass", "poss", "pobj", "conj", "appos"):
                return None
            if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an"):
                return None
        place = load_gazetteer().lookup(text)
        return span if place is None or place.precision not in ("town", "region", "country") else None

    def generic_references(self, heads: frozenset[str]) -> None:
        """'the ministry' → the latest ministry; 'The Department' → the latest department, or the publisher."""
        doc = self.doc
        for tok in doc:
            if tok.text not in heads or tok.i in self.claimed or tok.i == 0 \
                    or doc[tok.i - 1].lower_ not in ("the", "our"):
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
                continue
            span = doc[tok.i - 1:tok.i + 1]
            if not self.body.is_content(span.start_char, span.end_char):
                continue
            if doc[tok.i - 1].lower_ == "our":  # the publisher's own voice: "information gathered by our Office"
                if self.publisher:
                    self._publisher(span)
                continue
            word = tok.lower_
            target = self.latest(tok.idx, lambda a, word=word: word in a.name.lower().split())
            if target is not None:
                self.add(target.key, target.name, target.kind, target.country_code, span)
            elif tok.is_title and self.publisher and tok.text in self.publisher.split():
                self._publisher(span)

    def _publisher(self, span) -> None:
        kind = self.kind_from_head(self.publisher.split(" of ")[0]) or "other"
        if kind == "government_body" and not self.publisher_iso and _international(self.publisher):
            kind = "international_org"
        self.add(("publisher",), self.publisher, kind, self.publisher_iso, span)

    def acronyms(self) -> None:
        """An all-capitals word that spells an actor's initials ("ISF" for Iraqi Security Forces)."""
        initials = {}
        for record in self.actors.values():
            words = [w for w in record.name.split() if w.lower() not in _CONNECTORS]
            if len(words) >= 2:
                initials.setdefault("".join(w[0] for w in words).upper(), record)
            if record.name.split("-")[0].isupper() and "-" in record.name:  # "CJTF" for CJTF-OIR
                initials.setdefault(record.name.split("-")[0], record)
        for tok in self.doc:
            if tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6 and tok.i not in self.claimed \
                    and tok.text in initials and self.body.is_content(tok.idx, tok.idx + len(tok)):
                record = initials[tok.text]
                self.add(record.key, record.name, record.kind, record.country_code, self.doc[tok.i:tok.i + 1])

    def _by_suffix(self, text: str) -> ActorRecord | None:
        key = name_key(text)
        if len(key.split()) < 2:
            return None
        for record in self.actors.values():
            names = [record.name, *record.texts]
            if any(name_key(n) == key or name_key(n).endswith(" " + key) for n in names):
                return record
        return None

    # -- result ---------------------------------------------------------------------------------
    def _resolve_regimes(self) -> None:
        if not self._regimes:
            return
        flagged = [r.country_code for r in self.actors.values() if r.kind == "state" and r.regime]
        ranked = [iso for iso, _ in self.nation_counts.most_common() if iso != self.publisher_iso]
        iso = (flagged or ranked or [None])[0]
        for span in self._regimes:
            military = self._ruling_military(iso) if span[-1].lower_ == "junta" else None
            if military is not None:  # a junta is the military in power: "the junta" is its armed forces
                self.add(military.key, military.name, military.kind, military.country_code, span)
            elif iso is not None:
                self.state(iso, span, regime=True)

    def _ruling_military(self, iso: str | None) -> ActorRecord | None:
        armies = [r for r in self.actors.values() if r.kind == "military" and r.mentions
                  and (iso is None or r.country_code in (iso, self.publisher_iso))]
        return max(armies, key=lambda r: len(r.mentions), default=None)

    def _merge_national_military(self) -> None:
        """'the U.S. military said' in an article naming U.S. Central Command: the one command named is the military."""
        for key, record in list(self.actors.items()):
            if key[:1] != ("military",) or key[2] != "army":
                continue
            commands = [r for r in self.actors.values() if r.kind == "military" and r.key[0] == "org"
                        and r.country_code == record.country_code and r.mentions]
            if len(commands) == 1:
                for mention, text in zip(record.mentions, record.texts, strict=True):
                    if mention not in commands[0].mentions:
                        commands[0].mentions.append(mention)
                        commands[0].texts.append(text)
                del self.actors[key]

    def table(self) -> ActorTable:
        self._resolve_regimes()
        self._merge_national_military()
        records = sorted((r for r in self.actors.values() if r.mentions), key=lambda r: min(r.mentions))
        ids = {r.key: f"a{i}" for i, r in enumerate(records, 1)}
        results = []
        for record in records:
            aliases = [t for t in dict.fromkeys(_clean(t) for t in record.texts) if t and t != record.name]
            results.append(ActorResult(
                id=ids[record.key], name=record.name, kind=record.kind, country_code=record.country_code,
                mentions=sorted(record.mentions), aliases=aliases, parent_id=ids.get(record.parent_key)))
        total = sum(self.nation_counts.values()) or 1
        weights = {iso: n / total for iso, n in self.nation_counts.items()}
        blocked = [m for r in records if r.kind != "state" for m in r.mentions] + self.portfolios
        return ActorTable(results, country_weights=weights, blocked_spans=blocked)


def _international(name: str) -> bool:
    """A publisher named after an international organisation ("UN Human Rights Office")."""
    words = actor_words().organisations
    return any(org.kind == "international_org" for w in name.split() for org in [words.get(w)] if org)


def _trim(span):
    """Drop a leading article and a trailing possessive from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end - 1 > start and doc[end - 1].text in _POSSESSIVE:
        end -= 1
    return doc[start:end]


def _clean(name: str) -> str:
    name = name.strip()
    for suffix in _POSSESSIVE:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip()


def _nation_in(text: str) -> str | None:
    gaz = load_gazetteer()
    words = text.split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i:i + n])
            iso = gaz.country(phrase) or gaz.demonym(phrase)
            if iso:
                return iso
    return None
