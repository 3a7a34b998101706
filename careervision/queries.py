"""Pieces of queries for any app, and fetch() for the few queries written in
SQL because the ORM's building cost more than running them."""

from datetime import UTC, datetime
from math import ceil

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Func, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset) -> Coalesce:
    """The number of rows of `queryset` (which refers to the outer query
    with OuterRef) as an annotation: a correlated COUNT per outer row, so a
    list costs one query whether it has ten rows or five hundred. A plain
    function, not Django's Count aggregate, so no GROUP BY is added."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def counted_page(rows, number, per_page: int) -> Page:
    """Paginator(...).get_page(number) in one query instead of two.
    `rows(limit, offset)` gives that slice of the rows in order, each row
    ending with the number of rows in all (COUNT(*) OVER ()); the page's
    rows come without it. A page number out of range, which get_page()
    answers with the last page, costs two more queries: one row, for the
    count, and the last page (the first try is saved when the number is
    below 1)."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    found = rows(per_page, (number - 1) * per_page) if number >= 1 else []
    if not found and number != 1:
        first = rows(1, 0)
        number = max(1, ceil(first[0][-1] / per_page)) if first else 1
        found = rows(per_page, (number - 1) * per_page) if first else []
    paginator = Paginator([], per_page)
    paginator.count = found[0][-1] if found else 0  # Paginator's cached count, known already
    return Page([row[:-1] for row in found], number, paginator)


def fetch(sql: str, params: list) -> list[tuple]:
    """The rows of one SQL query written by hand. Only for the few narrow
    queries every request of a page makes before anything else, where the
    ORM's building and compiling would cost more than the query itself
    (0.7 of 1.0 ms for one vision, bench/results.md). Plain SQL that
    SQLite and PostgreSQL both read; the tests run it on both."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def moment(value) -> datetime:
    """A timestamp column as fetch() gives it, as the ORM would: SQLite
    gives a naive datetime (stored in UTC), PostgreSQL an aware one."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
