"""Word search that stays fast on a big archive: PostgreSQL's full-text search over GIN indexes.

Each typed word is a prefix ("Лавр" finds «Лавров», «Лаврову»), stemmed by the Russian
configuration for Russian text and by the ``simple`` one for Latin transliterations, matched
(``prefix_query``) against a stored document that database triggers keep (``search_document`` of
meetings and bulletins: the migrations that made them say why). SQLite, the embedded default, has
neither: there every word is a case-insensitive substring (``matching``; fine at its sizes).
"""

from __future__ import annotations

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper

RUSSIAN, SIMPLE = "russian", "simple"
_WORD = re.compile(r"\w+")


def full_text() -> bool:
    """Whether the database searches with full-text indexes (PostgreSQL)."""
    return connection.vendor == "postgresql"


def words(value: str) -> list[str]:
    """The words typed, letters and digits only (nothing a tsquery could read as an operator)."""
    return _WORD.findall(value.replace("_", " "))


def stop_word(word: str) -> Q:
    """True where ``word`` is a Russian stop word ("в", "и") on PostgreSQL, whose query is empty
    and matches nothing: OR-ed with a word's matches, a stop word never empties a search."""
    if not full_text():
        return Q(pk__in=[])
    empty = RawSQL("numnode(to_tsquery(%s::regconfig, %s)) = 0", [RUSSIAN, f"{word}:*"], BooleanField())
    return Q(ExpressionWrapper(empty, output_field=BooleanField()))


def vector(*fields: str, config: str = RUSSIAN) -> SearchVector:
    return SearchVector(*fields, config=config)


def prefix_query(word: str, *, config: str = RUSSIAN) -> SearchQuery:
    return SearchQuery(f"{word}:*", config=config, search_type="raw")


def search_index(name: str, *fields: str, config: str = RUSSIAN) -> GinIndex:
    """A GIN index over ``fields``' expression, as migrations made them (PostgreSQL only)."""
    return GinIndex(vector(*fields, config=config), name=name)


def matching(queryset: QuerySet, fields: tuple[str, ...], word: str) -> QuerySet:
    """The rows of ``queryset`` whose ``fields`` hold ``word`` as a substring, in any case (the
    search where there is no full-text index). Called again on its result for another word: each
    call names its own expressions."""
    tag = f"_search{len(queryset.query.annotations)}"
    uppers = {f"{tag}_{field}": Upper(field) for field in fields}
    found = Q()
    for name in uppers:
        found |= Q(**{f"{name}__contains": word.upper()})
    return queryset.alias(**uppers).filter(found)


def add_search_indexes(apps, schema_editor, indexes: dict[str, list[GinIndex]]) -> None:
    """A migration step: create ``indexes`` ({"app.Model": [...]}) on PostgreSQL, nothing elsewhere."""
    _each_index(apps, schema_editor, indexes, schema_editor.add_index)


def remove_search_indexes(apps, schema_editor, indexes: dict[str, list[GinIndex]]) -> None:
    _each_index(apps, schema_editor, indexes, schema_editor.remove_index)


def _each_index(apps, schema_editor, indexes: dict[str, list[GinIndex]], operation) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for label, model_indexes in indexes.items():
        model = apps.get_model(label)
        for index in model_indexes:
            operation(model, index)
