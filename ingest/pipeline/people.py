"""People: PERSON entities and titled names, their country, and the later mentions that refer back to them.

"Armenian Foreign Minister Ararat Mirzoyan" is a person of AM (the nationality before the title);
"his Azerbaijani counterpart, Jeyhun Bayramov" of AZ; "Secretary Kerry" is a person even when the
model misses the name, with the country of the publisher or, failing that, the article's main one.
A surname alone ("Aliyev") and a bare title ("The Foreign Secretary said") refer back to the
full person, even where the model tags it ORG or it comes first in the headline. Names the model
tags PERSON that the gazetteer knows as places in the article's countries ("Jermuk", "Lachin"),
that a place noun heads ("Tha Byay Hla village"), that lie inside an organisation's name or that
are a people ("Tuareg") are not people.
"""
from __future__ import annotations

import re

from ingest.pipeline.gazetteer import load_gazetteer
from ingest.pipeline.lexicon import actor_words
from ingest.pipeline.nlp import doc_text
from ingest.pipeline.sources import speaks

NATION = ("COUNTRY", "CAPITAL", "DEMONYM")
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "de", "da", "der", "la", "le", "abu", "du"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
INTERNATIONAL = "international"  # marks a person titled by an international body: no country


def find_people(builder, doc, hits) -> None:
    """Add every person the article names to the builder, with mentions and country."""
    by_end = {h.end: h for h in hits}
    hit_tokens = {i for h in hits for i in range(h.start, h.end)}
    candidates = _person_spans(builder, doc, hits, hit_tokens)
    full = [s for s in candidates if len(s) >= 2]
    surnames = {s[-1].text: s for s in full}
    for span in sorted(candidates, key=lambda s: (-len(s), s.start)):
        if not builder.body.is_content(span.start_char, span.end_char):
            continue
        title, iso = _title_and_country(doc, span.start, by_end)
        if len(span) == 1:
            named = surnames.get(span.text)
            if named is not None:
                span_name = named.text
            elif title is not None or speaks(span.root):
                span_name = span.text  # "…,” said Russell.": a lone name that speaks is a person all the same
            else:
                continue
        else:
            span_name = span.text
        if _only_in_headline(builder, doc, span, candidates):
            continue
        record = builder.actors.get(("person", span_name))
        country = iso or (record.country_code if record else None)
        record = builder.add(("person", span_name), span_name, "person", country, span)
        if iso and not record.country_code:
            record.country_code = iso
        if title:
            record.titles.add(title)
    for record in builder.actors.values():
        if record.kind == "person" and record.country_code == INTERNATIONAL:
            record.country_code = None
        elif record.kind == "person" and not record.country_code:
            record.country_code = _home_of_publisher(builder) or _main_nation(builder)
    _surname_references(builder, doc)
    _title_references(builder, doc, hits, hit_tokens)
    _portfolios(builder, doc, hits)


def _portfolios(builder, doc, hits) -> None:
    """"Minister for the Middle East, Tobias Ellwood,": the region after a title and 'for' is an office's brief,
    not a place the article names."""
    for hit in hits:
        if hit.label != "TITLE" or hit.end + 1 >= len(doc) or doc[hit.end].lower_ != "for":
            continue
        start = hit.end + 1 + (doc[hit.end + 1].lower_ == "the")
        end = start
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end > start:
            builder.portfolios.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))


def _surname_references(builder, doc) -> None:
    """'Saree also claimed …' after 'Yahya Saree' (or in the headline): a person's last name alone."""
    by_surname: dict[str, list] = {}
    for record in builder.actors.values():
        words = record.name.split()
        if record.kind == "person" and len(words) >= 2 and words[-1][:1].isupper():
            by_surname.setdefault(words[-1], []).append(record)
    for tok in doc:
        owners = by_surname.get(tok.text)
        if not owners or len(owners) > 1 or tok.i in builder.claimed or _inside_longer_entity(tok):
            continue
        record = owners[0]
        after = tok.idx > min(s for s, _ in record.mentions) or _in_headline(builder, tok)  # "Türk condemns …"
        if after and builder.body.is_content(tok.idx, tok.idx + len(tok)):
            builder.add(record.key, record.name, record.kind, record.country_code, doc[tok.i:tok.i + 1])


def _person_spans(builder, doc, hits, hit_tokens) -> list:
    from ingest.pipeline.places import PLACE_PREPS, SITE_WORDS

    gaz = load_gazetteer()
    peoples = actor_words().peoples
    countries = builder.nation_counts
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        span = _strip(ent)
        if len(span) > 1 and span[0].lower_ in PLACE_PREPS:  # "Near Al Shadaddi, one strike …" is a place
            continue
        if len(span) > 1 and (span[0].text in SITE_WORDS or span[-1].text in SITE_WORDS):
            continue  # "Samarra Barrage", "Lake Tharthar": a site or a natural feature

        if not span.text or any(not (t.is_title or t.is_upper or t.lower_ in _PARTICLES or t.text == "-"
                                     or _after_hyphen(t)) for t in span):
            continue
        if hit_tokens.intersection(range(span.start, span.end)) and len(span) == 1:
            continue
        if builder.claimed.intersection(range(span.start, span.end)) or _names_a_place(doc, span) \
                or _called_a_place(doc_text(doc), span.text):
            continue
        text = span.text
        if gaz.country(text) or gaz.demonym(text) or gaz.capital(text) or all(t.text in peoples for t in span):
            continue
        if gaz.in_countries(text, countries) or _town_in_place_context(gaz, span):
            continue
        spans.append(span)
    taken = {i for s in spans for i in range(s.start, s.end)}
    for hit in hits:
        if hit.label != "TITLE" or not str(hit.value)[:1].isupper():
            continue
        start = _after_portfolio(doc, hit.end, gaz)
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and end not in hit_tokens \
                and end not in taken and end - start < 3:
            end += 1
        if end > start:
            spans.append(doc[start:end])
            taken.update(range(start, end))
    return spans


def _after_portfolio(doc, start: int, gaz) -> int:
    """Where the name starts after a title's portfolio: "Minister for the Middle East Alistair Burt", "Minister of
    Defence Benny Gantz". The portfolio's capitalised words run into the name, so the name is its last two words
    (with a particle before them), unless those name a place ("Minister for Europe and North America")."""
    if start >= len(doc) or doc[start].lower_ not in ("for", "of"):
        return start
    end = start + 1
    while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in ("the", "and", "of", "for")
                                                     and end + 1 < len(doc) and doc[end + 1].is_title)):
        end += 1
    name = end - 2
    if name > 0 and doc[name - 1].lower_ in _PARTICLES:
        name -= 1
    words = doc[name:end]
    if end - start < 4 or not all(t.pos_ == "PROPN" for t in words[-2:]) or gaz.is_known(words.text) \
            or any(gaz.demonym(t.text) or gaz.country(t.text) for t in words):
        return start
    return name


def _after_hyphen(tok) -> bool:
    """"Ban Ki-moon": the lower-case part of a hyphenated given name."""
    return tok.i > 0 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_ and tok.is_lower


def _inside_longer_entity(tok) -> bool:
    """Part of a longer name the model found ("Saree Street"); a lone, mislabelled token is fine."""
    if not tok.ent_type_:
        return False
    doc = tok.doc
    return tok.ent_iob_ == "I" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")


def _called_a_place(text: str, name: str) -> bool:
    """"stormed Wad al-Noura" after "the village of Wad al-Noura": a name the article once calls a place is one."""
    from ingest.pipeline.places import PLACE_NOUNS

    return re.search(rf"\b(?:{'|'.join(sorted(PLACE_NOUNS))}) of {re.escape(name)}\b", text) is not None


def _names_a_place(doc, span) -> bool:
    """'Tha Byay Hla village', 'the village of Tha Byay Hla': a name a place noun heads is a place, not a person."""
    from ingest.pipeline.places import PLACE_NOUNS

    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 2:span.start] if span.start >= 2 else None
    return (after is not None and after.lower_ in PLACE_NOUNS) or (
        before is not None and before[1].lower_ == "of" and before[0].lower_ in PLACE_NOUNS)


def _town_in_place_context(gaz, span) -> bool:
    """'killed 12 people in Khan Younis': a sizeable town where places stand is not a person."""
    from ingest.pipeline.places import in_place_context

    place = gaz.lookup(span.text, variants=False)
    return place is not None and place.population >= 10000 and in_place_context(span[0])


def _strip(span):
    doc, start, end = span.doc, span.start, span.end
    while end - 1 > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _title_and_country(doc, start: int, by_end) -> tuple[str | None, str | None]:
    """The title right before a name (allowing an appositive comma) and the nationality before that title."""
    end = start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    title_hit = by_end.get(end)
    if title_hit is None or title_hit.label != "TITLE":
        if end != start:
            return None, None
        nation = by_end.get(end)
        return None, nation.value if nation is not None and nation.label in NATION else None
    before = title_hit.start
    if before > 0 and doc[before - 1].text in _POSSESSIVE:
        before -= 1
    nation = by_end.get(before)
    if nation is not None and nation.label == "ORG":
        return str(title_hit.value), nation.value.country_code or INTERNATIONAL
    if nation is not None and nation.label == "SEAT":
        return str(title_hit.value), nation.value[0]
    iso = nation.value if nation is not None and nation.label in NATION else None
    return str(title_hit.value), iso


def _only_in_headline(builder, doc, span, candidates) -> bool:
    """A 'person' seen only in a title-case headline is usually capitalised words ("Rocket Attack")."""
    title = builder.body.title_span
    if title is None or not (title[0] <= span.start_char and span.end_char <= title[1]):
        return False
    return not any(c.text == span.text or c[-1].text == span[-1].text for c in candidates
                   if not (title[0] <= c.start_char < title[1]))


def _home_of_publisher(builder) -> str | None:
    """A government's statement names its own officials without their country ("Secretary Kerry"); a news
    outlet's reports name foreign ones ("spokesman Andriy Lysenko" in a Voice of America report)."""
    org = actor_words().organisations.get(builder.publisher or "")
    return None if org is not None and org.kind == "media" else builder.publisher_iso


def _main_nation(builder) -> str | None:
    """The country the article is mostly about, when one clearly leads (≥ 40% of country words)."""
    return builder.main_nation()


def _title_references(builder, doc, hits, hit_tokens) -> None:
    """'The Foreign Secretary said', 'the regional governor said', '…, governor says': the one holder of that title.

    A person holds the titles before the name ("Police spokesman Yazid Abubakar") and in an apposition
    after it ("Oleksandr Prokudin, governor of the Kherson region,").
    """
    titles = [h for h in hits if h.label == "TITLE"]
    _appositive_titles(builder, doc, titles)
    people = [r for r in builder.actors.values() if r.kind == "person" and r.titles]
    for hit in titles:
        if hit.end < len(doc) and doc[hit.end].pos_ == "PROPN":
            continue
        start = hit.start
        while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_lower:  # "the regional governor"
            start -= 1
        definite = start > 0 and doc[start - 1].lower_ == "the"
        lower = not str(hit.value)[:1].isupper()
        if not definite and not (doc[hit.end - 1].dep_ == "nsubj" and start == hit.start):
            continue  # a bare title only as a subject: "…, governor says"
        if lower and not definite and not _in_headline(builder, doc[hit.start]):
            continue
        span = doc[start - 1 if definite else start:hit.end]
        if not builder.body.is_content(span.start_char, span.end_char) or builder.claimed.intersection(
                range(hit.start, hit.end)):
            continue
        holders = [p for p in people if str(hit.value).lower() in p.titles]
        if len(holders) == 1:
            p = holders[0]
            builder.add(p.key, p.name, p.kind, p.country_code, span)
        elif not holders and definite and " " in str(hit.value) and not lower and doc[hit.end - 1].dep_ in (
                "nsubj", "nsubjpass", "dobj"):  # "The Foreign Secretary met …": one office, its holder unnamed
            builder.add(("title", str(hit.value)), str(hit.value), "person", None, span)
    _copular_titles(builder, doc, titles)


def _copular_titles(builder, doc, titles) -> None:
    """'His Chief of Staff is Major General Hassan', 'Hassan is the chief of plans': the title names that person."""
    for hit in titles:
        head = next((t for t in doc[hit.start:hit.end] if not hit.start <= t.head.i < hit.end), None)
        if head is None or head.dep_ not in ("nsubj", "attr") or head.head.lemma_ != "be":
            continue
        other_dep = "attr" if head.dep_ == "nsubj" else "nsubj"
        other = next((c for c in head.head.children if c.dep_ == other_dep), None)
        person = _person_at(builder, other.idx) if other is not None else None
        span = doc[head.left_edge.i:head.right_edge.i + 1]
        if person is None or len(span) > 6 or builder.claimed.intersection(range(span.start, span.end)) \
                or not builder.body.is_content(span.start_char, span.end_char):
            continue
        builder.add(person.key, person.name, person.kind, person.country_code, span)


def _person_at(builder, char: int):
    return next((r for r in builder.actors.values() if r.kind == "person"
                 and any(s <= char < e for s, e in r.mentions)), None)


def _appositive_titles(builder, doc, titles) -> None:
    """Record the titles people carry, in lower case, including ', governor of …' after the name."""
    title_at = {h.start: h for h in titles}
    for record in builder.actors.values():
        if record.kind != "person":
            continue
        record.titles |= {t.lower() for t in record.titles}
        for _, end_char in record.mentions:
            span = doc.char_span(end_char, end_char, alignment_mode="expand")
            i = span.start if span is not None else None
            if i is None or i >= len(doc) - 2 or doc[i].text != ",":
                continue
            j = i + 1 + (doc[i + 1].lower_ in ("the", "a"))
            while j < len(doc) and doc[j].pos_ == "ADJ" and j not in title_at:
                j += 1
            if j in title_at:
                record.titles.add(str(title_at[j].value).lower())


def _in_headline(builder, tok) -> bool:
    title = builder.body.title_span
    return title is not None and title[0] <= tok.idx < title[1]
