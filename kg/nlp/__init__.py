"""Reading news text: actors, events and typed relations with their evidence.

Entry point: :class:`kg.nlp.extractor.Extractor`. Nothing here loads a model at import time;
the spaCy pipeline and its components are built by ``Extractor.from_settings``.
"""
