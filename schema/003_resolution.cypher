// Actor resolution (kg.graph.resolution): merged ids, the decision log, folded name search.
// An id merged into another actor lives on as a :MergedEntity node -[:MERGED_INTO]-> the actor.
CREATE CONSTRAINT merged_entity_id IF NOT EXISTS FOR (n:MergedEntity) REQUIRE n.id IS UNIQUE;
// Every merge, split, "not the same" and candidate pair is a :Decision between two ids.
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (n:Decision) REQUIRE n.id IS UNIQUE;
CREATE INDEX decision_left IF NOT EXISTS FOR (n:Decision) ON (n.left);
CREATE INDEX decision_right IF NOT EXISTS FOR (n:Decision) ON (n.right);
CREATE INDEX decision_judgement IF NOT EXISTS FOR (n:Decision) ON (n.judgement);
// Candidates for resolution: names and aliases with accents folded ('Erdoğan' finds 'Erdogan').
CREATE FULLTEXT INDEX actor_names_folded IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliases_text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
