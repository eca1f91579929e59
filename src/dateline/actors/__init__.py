"""actors stage: find the entities that act and are acted on, and resolve them to PLOVER
actor codes (country or IGO/UNO/NGO/MNC..., sector, canonical name, span, how).

Entry points: ``stage.actors_stage(document)``, ``resolve.actors_in_span(document, s, e)``,
``resolve.resolve_phrase(text, date)``. Knowledge is data: ``data/*.tsv``.
"""
