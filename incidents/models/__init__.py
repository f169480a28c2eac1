"""The domain's models, one module per concept, re-exported here."""
from incidents.models.actors import Actor, ActorMention
from incidents.models.articles import Article
from incidents.models.casualties import CasualtyFigure
from incidents.models.claims import Claim, ClaimLink
from incidents.models.incidents import Incident, IncidentPairRejection
from incidents.models.locations import Location, LocationMention
from incidents.models.publishers import Publisher
from incidents.models.saved_searches import SavedSearch
from incidents.models.sync import Deletion
from incidents.models.undo import ReversibleChange
from incidents.models.visits import ListVisit

__all__ = [
    "Actor", "ActorMention", "Article", "CasualtyFigure", "Claim", "ClaimLink", "Deletion", "Incident",
    "IncidentPairRejection", "ListVisit", "Location", "LocationMention", "Publisher", "ReversibleChange",
    "SavedSearch",
]
