"""Finding what an extraction holds, for the pipeline tests: an actor or place by the text of one of its
mentions, a claim by its words, an actor's name by its id."""


def mentioned_as(text, table, mention):
    """The actor or place of `table` one of whose mentions reads `mention`."""
    for result in table.results:
        if any(text[start:end] == mention for start, end in result.mentions):
            return result
    raise AssertionError(f"nothing mentioned as {mention!r}: {[r.name for r in table.results]}")


def claim_saying(result, words):
    """The first claim of an extraction whose text contains `words`."""
    return next(c for c in result.claims if words in c.text)


def actor_name(result, actor_id):
    """The name of an extraction's actor, None for None (the article's own voice)."""
    return next((a.name for a in result.actors if a.id == actor_id), None)
