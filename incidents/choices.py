"""Enumerations of the domain; values are the strings of ../shared/eval/extraction.schema.json."""
from django.db import models


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    GOVERNMENT_BODY = "government_body", "Government body"
    MILITARY = "military", "Military"
    ARMED_GROUP = "armed_group", "Armed group"
    POLITICAL_PARTY = "political_party", "Political party"
    INTERNATIONAL_ORG = "international_org", "International organisation"
    PERSON = "person", "Person"
    CIVILIANS = "civilians", "Civilians"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class EventType(models.TextChoices):
    """ACLED event types."""

    BATTLES = "battles", "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "explosions_remote_violence", "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians", "Violence against civilians"
    PROTESTS = "protests", "Protests"
    RIOTS = "riots", "Riots"
    STRATEGIC_DEVELOPMENTS = "strategic_developments", "Strategic developments"


# ACLED sub-event types, by event type (values as ACLED spells them).
SUB_EVENT_TYPES: dict[str, list[str]] = {
    EventType.BATTLES: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: [
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ],
    EventType.VIOLENCE_AGAINST_CIVILIANS: ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    EventType.PROTESTS: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    EventType.RIOTS: ["Violent demonstration", "Mob violence"],
    EventType.STRATEGIC_DEVELOPMENTS: [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}
SUB_EVENT_TYPE_CHOICES = sorted({(name, name) for names in SUB_EVENT_TYPES.values() for name in names})


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class LocationPrecision(models.TextChoices):
    POINT = "point", "Point"
    TOWN = "town", "Town"
    REGION = "region", "Region"
    COUNTRY = "country", "Country"
    UNKNOWN = "unknown", "Unknown"


class ClaimKind(models.TextChoices):
    ATTACK = "attack", "Attack"
    CASUALTIES = "casualties", "Casualties"
    ACCUSATION = "accusation", "Accusation"
    DENIAL = "denial", "Denial"
    STATEMENT = "statement", "Statement"


class LinkRelation(models.TextChoices):
    CONTRADICTS = "contradicts", "Contradicts"
    CORROBORATES = "corroborates", "Corroborates"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    REVIEWED = "reviewed", "Reviewed"
    VERIFIED = "verified", "Verified"
    DISPUTED = "disputed", "Disputed"
    REJECTED = "rejected", "Rejected"


class IngestStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Ownership(models.TextChoices):
    STATE_RUN = "state_run", "State-run"
    PUBLIC_BROADCASTER = "public_broadcaster", "Public broadcaster"
    PRIVATE = "private", "Private"
    PARTY_OR_ARMED_GROUP = "party_or_armed_group", "Party or armed-group outlet"
    GOVERNMENT_OFFICE = "government_office", "Government office"
    NGO = "ngo", "NGO"
    UNKNOWN = "unknown", "Unknown"


class Reliability(models.TextChoices):
    """Admiralty source reliability."""

    A = "A", "A – completely reliable"
    B = "B", "B – usually reliable"
    C = "C", "C – fairly reliable"
    D = "D", "D – not usually reliable"
    E = "E", "E – unreliable"
    F = "F", "F – cannot be judged"


class Credibility(models.IntegerChoices):
    """Admiralty information credibility."""

    CONFIRMED = 1, "1 – confirmed by other sources"
    PROBABLY_TRUE = 2, "2 – probably true"
    POSSIBLY_TRUE = 3, "3 – possibly true"
    DOUBTFUL = 4, "4 – doubtful"
    IMPROBABLE = 5, "5 – improbable"
    CANNOT_BE_JUDGED = 6, "6 – cannot be judged"


class Origin(models.TextChoices):
    """Where a row came from: the extraction pipeline or an analyst's hand."""

    EXTRACTED = "extracted", "Extracted"
    ANALYST = "analyst", "Analyst"


class CasualtyKind(models.TextChoices):
    """What a casualty figure counts."""

    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"


class CasualtyGroup(models.TextChoices):
    """Whose people a casualty figure counts: one side's forces, civilians, or people the text does not place."""

    CIVILIANS = "civilians", "Civilians"
    FORCES = "forces", "Forces of a named actor"
    UNKNOWN = "unknown", "Unknown"
