"""Unread comments, counted by the SQL the coach dashboard uses."""

from careervision.queries import fetch
from goals.comments import unread_sql


def unread(user, *visions) -> dict[int, int]:
    """{vision id: comments new to `user`} for these visions, those with none left out."""
    ids = [vision.pk for vision in visions]
    rows = fetch(
        f"SELECT v.id, ({unread_sql('v.id')}) FROM visions_vision v"  # noqa: S608 -- ours
        f" WHERE v.id IN ({', '.join(['%s'] * len(ids))})",
        [user.pk, user.pk, *ids],
    )
    return {pk: n for pk, n in rows if n > 0}
