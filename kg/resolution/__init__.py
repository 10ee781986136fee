"""Actor resolution: which extracted actors are the same real-world actor (pure, no I/O).

Modelled on nomenklatura's resolver (OpenSanctions):

* :mod:`kg.resolution.names` takes names apart (transliterated, folded, split into words);
* :mod:`kg.resolution.compare` holds the comparison rules, each a small function with a
  weight in :data:`kg.resolution.compare.RULES`: the algorithm is the table;
* :mod:`kg.resolution.resolver` decides, for a batch of new actors against the stored ones,
  which to merge automatically (a score above the threshold and exactly one candidate that
  fits), which pairs to keep as candidates for review, and which pairs a stored decision
  forbids.

The graph side (stored decisions, merges and their undoing) is :mod:`kg.graph.resolution`;
:mod:`kg.ingest` joins the two.
"""
