"""Unread comments, counted by the annotation the coach dashboard uses."""

from goals.comments import unread_count
from visions.models import Vision


def unread(user, *visions) -> dict[int, int]:
    """{vision id: comments new to `user`} for these visions, those with none left out."""
    rows = (
        Vision.objects.filter(pk__in=[vision.pk for vision in visions])
        .annotate(n=unread_count(user, "pk"))
        .filter(n__gt=0)
        .values_list("pk", "n")
    )
    return dict(rows)
