"""An incident told from its accounts: one line per account, and a summary written from the claims."""
from __future__ import annotations

from incidents.casualties import FatalityRange
from incidents.choices import EventType

VERBS = {
    "Shelling/artillery/missile attack": "shelled", "Air/drone strike": "struck", "Armed clash": "fought",
    "Remote explosive/landmine/IED": "bombed", "Suicide bomb": "bombed", "Attack": "attacked",
    "Abduction/forced disappearance": "abducted people of",
}
EVENT_VERBS = {EventType.BATTLES: "fought", EventType.EXPLOSIONS_REMOTE_VIOLENCE: "struck",
               EventType.VIOLENCE_AGAINST_CIVILIANS: "attacked"}


def toll_text(rolled: FatalityRange) -> str:
    """"49 killed (Armenia forces)"; "99 killed (Armenia forces 49, Azerbaijan forces 50)"."""
    if not rolled.groups:
        return ""
    parts = [f"{g.label} {_range(g.low, g.best, g.high)}" for g in rolled.groups]
    total = _range(rolled.low, rolled.best, rolled.high)
    if len(parts) == 1:
        return f"{total} killed ({rolled.groups[0].label})"
    return f"{total} killed ({', '.join(parts)})"


def account_sentence(account, incident) -> str:
    """What one account says happened, in one sentence built from its claims."""
    verb = VERBS.get(incident.sub_event_type) or EVENT_VERBS.get(incident.event_type, "attacked")
    doers = " and ".join(actor.name for actor in account.doers)
    victims = " and ".join(account.victims)
    places = ", ".join(account.places[:3])
    act = ""
    if doers:
        act = f"{doers} {verb}{' ' + victims if victims and verb != 'fought' else ''}"
        if verb == "fought" and victims:
            act = f"{doers} fought {victims}"
    elif victims:
        act = f"{victims} came under attack"
    if act and places:
        act += f" {'near' if account.places_are_towns else 'in'} {places}"
    toll = toll_text(account.fatalities)
    body = "; ".join(part for part in (act, toll) if part) or "gives no account of the act or its toll"
    denials = " It denies " + "; ".join(f"“{_short(text)}”" for text in account.denial_texts[:2]) \
        + "." if account.denials else ""
    who = ", ".join(account.claimants[:3])
    return f"According to {account.name} ({who}): {body}.{denials}"


def incident_summary(accounts, incident) -> str:
    return "\n".join(account_sentence(account, incident) for account in accounts)


def _range(low, best, high) -> str:
    if best is not None and low == best == high:
        return str(best)
    if high is None:
        return f"{low or 0} or more" if best is None else f"{best} (at least {low or 0})"
    return f"{low}–{high}" if best is None else f"{best} ({low}–{high})"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
