"""The request parameters shared by the API and the pages, declared once with their limits and documentation."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from khabar.web.views import (
    DEFAULT_PER_PAGE,
    MAX_FILTER_CHARS,
    MAX_ID_CHARS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
)

Q = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description=(
    "Words to find in the title and body, all required; Arabic spelling variants, diacritics and"
    ' leading clitics are normalised away; "quoted words" must occur close together.'))]
Source = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS,
                                     description="Only articles of this source (newspaper).")]
Since = Annotated[str | None, Query(max_length=10, description="On or after this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(max_length=10, description="On or before this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
EntityFilter = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description=(
    "Only articles mentioning this entity: its id as /api/entities gives it (TYPE:CODE or TYPE:name)."))]
EventType = Annotated[str | None, Query(max_length=20, description="A PLOVER event type, e.g. SANCTION or CONSULT.")]
ArticleEventType = Annotated[str | None, Query(
    max_length=20, description="Only articles reporting an event of this PLOVER type, e.g. ASSAULT.")]
Actor = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description=(
    "An actor: a country or organisation code (RUS, UN) or, for uncoded actors, the name."))]
EntityType = Annotated[str | None, Query(max_length=20, description="An entity type: PER, ORG, LOC, NORP or WEAPON.")]
EntityName = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description=(
    "Part of the entity's name (normalised as search is), or its code."))]
Supplier = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="The supplying country's code.")]
Recipient = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS, description="The receiving country's code.")]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page number, 1 to {MAX_PAGE}.")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description=(
    f"Results per page, 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE})."))]
ArticleId = Annotated[str, Path(max_length=MAX_ID_CHARS, description="The article's record id (as ingested).")]
EntityId = Annotated[str, Path(max_length=MAX_ID_CHARS, description=(
    "The entity's id across articles: TYPE:CODE (LOC:SAU) or TYPE:name for entities without a code."))]
