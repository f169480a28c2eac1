"""Continuous intake: outlets' feeds (RSS, Atom, JSON Feed, sitemaps) and watched folders, polled into articles."""
