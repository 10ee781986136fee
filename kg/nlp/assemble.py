"""Document-level assembly: one canonical entity per actor, relations with evidence and dates.

The components see one spaCy Doc (a document, or one chunk of a very long one). Here the
mentions of all chunks of a document are unified: "Varga" joins "Anna Varga", a
surname the model mistook for an organisation becomes the person, "the defense ministry" joins
the one "Defense Ministry of X" of the document. Ids are stable across documents
(``slugify`` of the canonical name) except for generic events and unqualified groups ("the
ceasefire", "protesters"), which are scoped to the document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.model import (
    MAX_ID_CHARS,
    MAX_NAME_CHARS,
    DocumentInfo,
    Entity,
    EntityKind,
    Evidence,
    Extraction,
    Relation,
    RelationType,
    SourceDocument,
    slugify,
)
from kg.nlp.dates import resolve_date
from kg.nlp.mentions import Mention, surnames
from kg.nlp.relations import RawRelation


@dataclass(slots=True)
class _Placed:
    mention: Mention
    start_char: int


def assemble(source: SourceDocument, chunks: list[tuple[Doc, int]], extractor: str) -> Extraction:
    placed: list[list[_Placed | None]] = []
    for doc, offset in chunks:
        row: list[_Placed | None] = []
        for m in doc._.kg_mentions or []:
            row.append(_Placed(m, doc[m.start].idx + offset) if m.start >= 0 else None)
        placed.append(row)
    all_mentions = [p.mention for row in placed for p in row if p is not None]
    # "the parliament" may point back to the one "Parliament of X" of the document; a bare
    # "parliament's committee" (no article) is some parliament the text did not name.
    definite = {
        id(m)
        for doc, _ in chunks
        for m in doc._.kg_mentions or []
        if m.start > 0 and doc[m.start - 1].lower_ in ("the", "its", "this", "that")
    }
    remap = _unify(all_mentions, definite)

    def key_of(m: Mention) -> str:
        return remap.get(m.key, m.key)

    # Entities: canonical name, kind and surface forms per key.
    kinds: dict[str, Counter[EntityKind]] = {}
    names: dict[str, str] = {}
    surfaces: dict[str, list[str]] = {}
    named: dict[str, bool] = {}
    countries: dict[str, Counter[str]] = {}
    sectors: dict[str, str] = {}
    fixed_ids: dict[str, str] = {}
    for m in all_mentions:
        k = key_of(m)
        kinds.setdefault(k, Counter())[m.kind] += 1
        if m.country:
            countries.setdefault(k, Counter())[m.country] += 1
        if m.sector:
            sectors.setdefault(k, m.sector)
        if m.entity_id:
            fixed_ids.setdefault(k, m.entity_id)
        if k not in names or (m.kind is EntityKind.PERSON and len(m.name) > len(names[k])):
            names[k] = m.name
        if m.key == k and m.kind is not EntityKind.PERSON:
            names[k] = m.name
        named[k] = named.get(k, True) and m.named
        forms = surfaces.setdefault(k, [])
        for form in (m.text, m.acronym, m.name if m.key != k else None):
            if form and form not in forms:
                forms.append(form)

    doc_id = source.id
    ids: dict[str, str] = {}
    entities: list[Entity] = []
    for k, counter in kinds.items():
        kind = counter.most_common(1)[0][0]
        if k.startswith("person:"):
            kind = EntityKind.PERSON
        name = names[k]
        if len(name) > MAX_NAME_CHARS:
            continue  # not an actor (a run of text without spaces); its relations go with it
        slug = slugify(name)
        scoped = (
            (kind is EntityKind.EVENT and not named[k])
            or (kind is EntityKind.GROUP and not named[k])
            # "parliament", "the eastern government": an organ the text did not name is this
            # document's, not one node shared by every article that says "parliament"
            or (kind is EntityKind.ORGANIZATION and name == name.lower())
        )
        entity_id = fixed_ids.get(k) or (f"{slug}--{doc_id}" if scoped else slug)
        if len(entity_id) > MAX_ID_CHARS:
            continue  # a name whose folded form is that long is no actor's either
        ids[k] = entity_id
        aliases = tuple(sorted({s for s in surfaces[k] if s != name and len(s) <= MAX_NAME_CHARS}))
        country = (
            countries[k].most_common(1)[0][0] if k in countries and kind is not EntityKind.PERSON else None
        )
        entities.append(
            Entity(
                id=entity_id, name=name, kind=kind, aliases=aliases, country=country, sector=sectors.get(k)
            )
        )

    relations: list[Relation] = []
    seen: set[tuple[str, RelationType, str, int]] = set()
    text = source.text
    for doc, offset in chunks:
        mentions = doc._.kg_mentions or []
        for r in doc._.kg_relations or []:
            relation = _relation(r, doc, mentions, ids, key_of, text, offset, source)
            if relation is None:
                continue
            dedupe = (relation.subject, relation.type, relation.object, relation.evidence.start)
            if dedupe in seen:
                continue
            seen.add(dedupe)
            relations.append(relation)

    info = DocumentInfo(
        id=doc_id,
        sha256=source.sha256,
        source=source.source,
        title=source.title,
        author=source.author,
        url=source.url,
        published=source.published,
    )
    return Extraction(
        document=info, entities=tuple(entities), relations=tuple(relations), extractor=extractor
    )


def _relation(
    r: RawRelation,
    doc: Doc,
    mentions: list[Mention],
    ids: dict[str, str],
    key_of: object,
    text: str,
    offset: int,
    source: SourceDocument,
) -> Relation | None:
    assert callable(key_of)
    subject = ids.get(key_of(mentions[r.subject]))
    obj = ids.get(key_of(mentions[r.object]))
    if subject is None or obj is None or subject == obj:
        return None
    attributed = ids.get(key_of(mentions[r.attributed_to])) if r.attributed_to is not None else None
    if attributed == subject:
        attributed = None
    start, end = r.sent_start + offset, r.sent_end + offset
    # Furniture was blanked before parsing, so a sentence can run on into it ("...\n\nbottom of
    # page"); the evidence stops where the furniture starts.
    for skip_start, skip_end in source.skip:
        if start < skip_start < end:
            end = skip_start
        elif skip_start <= start < skip_end:
            start = min(skip_end, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Relation(
        subject=subject,
        type=r.type,
        object=obj,
        evidence=Evidence(text=text[start:end], start=start, end=end),
        date=resolve_date(r.date_text, source.published, future=_planned(r, doc)),
        confidence=r.confidence,
        attributed_to=attributed,
        negated=r.negated,
        role=r.role,
        # a negated claim says the event did not happen: PLOVER codes events, it has none
        plover=None if r.negated else r.plover or r.type.plover,
        predicate=r.predicate,
    )


def _ships_by_bare_name(
    mentions: list[Mention], remap: dict[str, str], by_surname: dict[str, list[str]]
) -> None:
    """A ship's name without its navy's prefix ("Forbin" after "FS Forbin") is that ship, not a person."""
    ships: dict[str, set[str]] = {}
    for m in mentions:
        words = m.name.split()
        prefixed = len(words) == 2 and words[0].isupper() and words[1].istitle()
        if m.kind is EntityKind.ORGANIZATION and prefixed:
            ships.setdefault(words[1], set()).add(m.key)
    for m in mentions:
        keys = ships.get(m.name)
        if m.kind is EntityKind.PERSON and m.name not in by_surname and keys is not None and len(keys) == 1:
            remap[m.key] = next(iter(keys))
            m.kind = EntityKind.ORGANIZATION


def _unify(mentions: list[Mention], definite: set[int] | None = None) -> dict[str, str]:
    """Map mention keys to the canonical key of the same actor within the document."""
    remap: dict[str, str] = {}
    counts = Counter(m.key for m in mentions)
    first_seen: dict[str, int] = {}
    for i, m in enumerate(mentions):
        first_seen.setdefault(m.key, i)

    def rank(name: str) -> tuple[int, int]:
        # the most mentioned full name; on a tie the one introduced first ("Haftar" is Khalifa
        # Haftar, not "Haftar's son Saddam Haftar" introduced later)
        return counts[f"person:{name}"], -first_seen.get(f"person:{name}", 0)

    persons = sorted({m.name for m in mentions if m.kind is EntityKind.PERSON}, key=lambda n: -len(n.split()))
    full_names = [n for n in persons if len(n.split()) > 1]
    by_surname: dict[str, list[str]] = {}
    for n in full_names:
        for surname in surnames(n.split()):
            by_surname.setdefault(surname, []).append(n)
    for n in persons:
        parts = n.split()
        if len(parts) > 1:
            # "Vladimir Vladimirovich Putin" and "Vladimir Putin": same first and last name.
            for other in full_names:
                o = other.split()
                if other != n and len(o) > len(parts) and o[0] == parts[0] and o[-1] == parts[-1]:
                    remap[f"person:{n}"] = f"person:{other}"
            continue
        candidates = by_surname.get(n, [])
        if candidates:
            best = max(candidates, key=rank)
            remap[f"person:{n}"] = f"person:{best}"
    # A surname the model tagged as something else ("Varga's declaration" as ORG).
    for m in mentions:
        if (
            m.kind in (EntityKind.ORGANIZATION, EntityKind.LOCATION)
            and " " not in m.text
            and m.text in by_surname
        ):
            best = max(by_surname[m.text], key=rank)
            remap[m.key] = f"person:{best}"
            m.kind = EntityKind.PERSON
        elif m.kind in (EntityKind.ORGANIZATION, EntityKind.LOCATION) and f"person:{m.text}" in counts:
            remap[m.key] = remap.get(f"person:{m.text}", f"person:{m.text}")
            m.kind = EntityKind.PERSON
    _ships_by_bare_name(mentions, remap, by_surname)
    # "the defense ministry" -> the only "Defense Ministry of <Country>" in the document.
    bodies: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind is EntityKind.ORGANIZATION and " of " in m.name and m.country:
            bodies.setdefault(m.name.rsplit(" of ", 1)[0].lower(), set()).add(m.key)
    for m in mentions:
        if m.kind is EntityKind.ORGANIZATION and m.key not in remap:
            if definite is not None and id(m) not in definite and not m.name.lower().startswith("the "):
                continue
            bare = m.name.lower().removeprefix("the ")
            targets = bodies.get(bare)
            if targets and len(targets) == 1 and m.key not in targets:
                remap[m.key] = next(iter(targets))
    # Follow chains.
    for k in list(remap):
        seen = {k}
        v = remap[k]
        while v in remap and v not in seen:
            seen.add(v)
            v = remap[v]
        remap[k] = v
    return remap


# Heads that put the verb they govern in the future: "is scheduled to meet", "plans to travel".
_PLANNED = {"schedule", "due", "set", "plan", "expect", "slate", "intend", "go", "prepare", "agree"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}


def _planned(r: RawRelation, doc: Doc) -> bool:
    """Whether the date phrase of a relation dates something still to come: the verb it
    hangs on is in the future ("will meet on Friday") or planned ("is due to sign on Monday")."""
    if r.date_root is None:
        return False
    cur = doc[r.date_root]
    for _ in range(5):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cur.children):
                return True
            return cur.dep_ == "xcomp" and cur.head.lemma_.lower() in _PLANNED
    return False
