"""One router per resource: articles, events, series (timeline, dyad), stories, ingest,
meta (stats, codes, facets). :func:`dateline.server.api.create_app` includes them all."""
