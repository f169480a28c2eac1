"""The sources page: every feed, how its last poll went, and one feed's whole history."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from feeds import selectors
from feeds.models import Feed
from incidents.views.access import viewer_required

ENTRIES_PER_PAGE = 50


@viewer_required
def source_list(request):
    feeds = list(selectors.feed_list())
    failing = [feed for feed in feeds if feed.is_failing]
    return render(request, "feeds/source_list.html", {"nav": "sources", "feeds": feeds, "failing": failing})


@viewer_required
def source_detail(request, pk: int):
    feed = get_object_or_404(Feed.objects.select_related("publisher"), pk=pk)
    entries = Paginator(selectors.feed_entries(feed=feed), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    polls = selectors.feed_polls(feed=feed)[:20]
    return render(request, "feeds/source_detail.html",
                  {"nav": "sources", "feed": feed, "entries": entries, "polls": polls})
