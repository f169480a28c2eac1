"""Writes to the knowledge base: every change an analyst or the ingest pipeline makes goes through here.

Each service is a keyword-only, typed function under one transaction. Edits of incidents and
claims are optimistic: the caller says which `version` it saw, a stale version raises
`StaleEditError`, a successful edit bumps it. django-simple-history records every save (with the
user and a reason); deleted or merged-away rows leave a `Deletion` tombstone for API mirrors.
Bad input raises Django's `ValidationError` with a message a person can read.
"""
from incidents.services._common import deletion_tombstones_record
from incidents.services.concurrent import Rebased, edit_rebase
from incidents.services.describe import incidents_describe
from incidents.services.editing import (
    claim_link_create,
    claim_link_delete,
    claim_links_create_missing,
    claim_move,
    claim_update,
    incident_update,
)
from incidents.services.merging import actor_merge, incident_merge, incident_pair_reject, incident_split, location_merge
from incidents.services.review import incidents_claims_credibility_set, incidents_review_set
from incidents.services.rollup import incident_rollup_casualties, incident_search_refresh, incidents_rollup_casualties
from incidents.services.saved_searches import saved_search_delete, saved_search_save
from incidents.services.undo import change_undo

__all__ = [
    "Rebased", "actor_merge", "change_undo", "claim_link_create", "claim_link_delete", "claim_links_create_missing",
    "claim_move", "claim_update", "deletion_tombstones_record", "edit_rebase", "incident_merge",
    "incident_pair_reject", "incident_rollup_casualties", "incident_search_refresh", "incident_split",
    "incident_update", "incidents_claims_credibility_set", "incidents_describe", "incidents_review_set",
    "incidents_rollup_casualties", "location_merge", "saved_search_delete", "saved_search_save",
]
