"""Template tags the incident list borrows from the feeds app: its per-feed filter, without importing feeds."""
from django import template

from feeds.models import Feed

register = template.Library()


@register.inclusion_tag("feeds/_feed_filter.html", takes_context=True)
def feed_filter_field(context):
    """The incident list's "From feed" select, the feed in the query string chosen."""
    chosen = context["request"].GET.get("feed", "")
    feeds = Feed.objects.order_by("name").values_list("pk", "name")
    return {"feeds": [(str(pk), name, str(pk) == chosen) for pk, name in feeds]}
