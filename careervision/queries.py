"""Query pieces more than one app uses."""

from django.db.models import F, Func, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset) -> Coalesce:
    """The number of rows of `queryset` (which refers to the outer query
    with OuterRef) as an annotation: a correlated COUNT per outer row, so a
    list costs one query whether it has ten rows or five hundred. A plain
    function, not Django's Count aggregate, so no GROUP BY is added."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
