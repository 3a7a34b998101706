"""Query pieces more than one app uses."""

from datetime import UTC, datetime

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Func, IntegerField, Subquery, Value, Window
from django.db.models.functions import Coalesce


def count_of(queryset) -> Coalesce:
    """The number of rows of `queryset` (which refers to the outer query
    with OuterRef) as an annotation: a correlated COUNT per outer row, so a
    list costs one query whether it has ten rows or five hundred. A plain
    function, not Django's Count aggregate, so no GROUP BY is added."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def counted_page(queryset, fields: list[str], number, per_page: int) -> Page:
    """Paginator(...).get_page(number) over `queryset.values_list(*fields)`
    in one query instead of two: each row of the page carries the number of
    rows in all (COUNT(*) OVER ()). A page number out of range, which
    get_page() answers with the last page, costs get_page()'s two queries
    (plus the first try, past the end)."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(_total=Window(Count("pk"))).values_list(*fields, "_total")
    rows = list(counted[(number - 1) * per_page : number * per_page]) if number >= 1 else []
    if not rows and number != 1:
        return Paginator(queryset.values_list(*fields), per_page).get_page(number)
    paginator = Paginator(counted, per_page)
    paginator.count = rows[0][-1] if rows else 0  # Paginator's cached count, known already
    return Page([row[:-1] for row in rows], number, paginator)


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
