"""The analyst web pages, one module per page family; incidents/urls.py routes to them."""
