"""Template filters of the analyst pages: small display helpers (role checks come from `kb_roles`)."""
from pathlib import PurePosixPath

from django import template
from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from incidents.accounts import side_of
from incidents.casualties import group_label
from incidents.choices import CasualtyKind
from incidents.naming import neutral_place_name

register = template.Library()


@register.filter
def figure_range(low, high) -> str:
    """A casualty range as a reader says it: '2', '1 or more', '3–5', 'unknown'."""
    if low is None and high is None:
        return "unknown"
    if high is None:
        return f"{low} or more"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low}–{high}"


@register.filter
def grade_meaning(label: str) -> str:
    """What a grade's label says without its letter: 'D – not usually reliable' → 'not usually reliable'."""
    return str(label).partition(" – ")[2] or str(label)


@register.simple_tag
def map_tiles_url() -> str:
    """The tile URL template of the maps; with no internet the tiles fail and the markers still show."""
    return settings.KB_MAP_TILES


@register.filter
def claimant_label(claim) -> str:
    """Who makes the claim: its claimant, or the publisher when the article speaks in its own voice."""
    if claim.claimant_id:
        return claim.claimant.name
    publisher = claim.article.publisher
    return f"{publisher.name} (own voice)" if publisher else "The article itself"


@register.filter
def search_marks(snippet: str) -> str:
    """A search snippet with its matched words (between ts_headline's \\x02 and \\x03 markers) in <mark>."""
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace("\x02", "<mark>").replace("\x03", "</mark>"))


@register.filter
def neutral_place(place) -> str:
    """A place under every side's name when it is contested ("Lachin/Berdzor")."""
    return neutral_place_name(place)


@register.filter
def figure_whose(figure) -> str:
    """Whose people a casualty figure counts: "Armenia forces", "Civilians", "Unknown (not placed by the text)"."""
    return group_label(figure.group, side_of(figure.actor).name if figure.actor_id else "")


def figure_text(*, kind: str, group: str, actor, low, high) -> str:
    """One casualty figure in words, as the claim card shows it: "Killed: 2 (India forces)"."""
    whose = group_label(group, side_of(actor).name if actor is not None else "")
    return f"{CasualtyKind(kind).label}: {figure_range(low, high)} ({whose})"


@register.filter
def file_name(path: str) -> str:
    """The file's own name, never the folders it came from on the server ('/srv/in/voa.html' → 'voa.html')."""
    return PurePosixPath(str(path).replace("\\", "/")).name if path else ""


@register.filter
def when_published(moment) -> str:
    """A publication time as the source gave it: a date given without a time reads '13 Sep 2022', not '… 00:00'."""
    if not moment:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return dateformat.format(local, "j M Y")
    return dateformat.format(local, "j M Y H:i")
