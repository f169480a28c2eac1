"""Template tags of the analysts' workflow controls: review choices and a user's saved searches."""
from django import template

from incidents import workflow
from incidents.choices import Credibility, ReviewStatus

register = template.Library()


@register.simple_tag
def review_status_choices():
    return ReviewStatus.choices


@register.simple_tag
def credibility_choices():
    return Credibility.choices


@register.simple_tag
def saved_searches_of(user):
    """The signed-in user's saved searches (one query), for the list page's saved-searches box."""
    return list(workflow.saved_searches(user=user))
