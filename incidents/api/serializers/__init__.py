"""How the API shows each model, and the bodies of its writes (which go through `incidents.services`).

Lists are lean (a row and the names it needs); details embed what a reader wants on one page
(an incident embeds its claims with claimant, span, quote, figures and links). Every field says
what it is (help_text) so the OpenAPI schema documents it.
"""
from incidents.api.serializers.articles import (
    ArchiveSubmittedSerializer,
    ArticleConflictSerializer,
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleSubmitSerializer,
    ArticleSubmittedSerializer,
)
from incidents.api.serializers.claims import (
    ClaimLinkCreateSerializer,
    ClaimLinkDeleteSerializer,
    ClaimLinkSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    EmbeddedLinkSerializer,
)
from incidents.api.serializers.incidents import (
    IncidentDetailSerializer,
    IncidentListSerializer,
    IncidentMergeSerializer,
    IncidentSplitSerializer,
    IncidentUpdateSerializer,
)
from incidents.api.serializers.records import (
    ActorRefSerializer,
    ActorSerializer,
    DeletionSerializer,
    LocationRefSerializer,
    LocationSerializer,
    PublisherRefSerializer,
    PublisherSerializer,
)

__all__ = [
    "PublisherSerializer",
    "PublisherRefSerializer",
    "ActorRefSerializer",
    "ActorSerializer",
    "LocationRefSerializer",
    "LocationSerializer",
    "DeletionSerializer",
    "ClaimLinkSerializer",
    "ClaimLinkCreateSerializer",
    "ClaimLinkDeleteSerializer",
    "EmbeddedLinkSerializer",
    "ClaimSerializer",
    "ClaimUpdateSerializer",
    "IncidentListSerializer",
    "IncidentDetailSerializer",
    "IncidentUpdateSerializer",
    "IncidentMergeSerializer",
    "IncidentSplitSerializer",
    "ArticleListSerializer",
    "ArticleDetailSerializer",
    "ArticleSubmitSerializer",
    "ArticleSubmittedSerializer",
    "ArticleConflictSerializer",
    "ArchiveSubmittedSerializer",
]
