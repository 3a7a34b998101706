"""The coach's dashboard: the clients who shared a vision with them."""

from bisect import bisect_right

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import OuterRef
from django.utils import timezone

from careervision.fragments import RECENT, fragment, naturaltime_step, render_around
from careervision.queries import count_of, counted_page, fetch, moment
from goals.comments import unread_sql
from goals.models import Action, Goal, GoalStatus
from visions.models import Share, ShareStatus
from visions.steps import questionnaire_progress

DASHBOARD_PAGE_SIZE = 25


def pending_invitations(user):
    return Share.objects.filter(
        email=user.email.lower(), status=ShareStatus.PENDING, expires_at__gt=timezone.now()
    )


def shares_with_counts(shares, today):
    """The shares with their vision and client, and the counts a row shows:
    goals (dropped ones left out), goals done, and overdue actions (open
    actions of open goals whose date has passed)."""
    goals = Goal.objects.filter(vision=OuterRef("vision")).exclude(status=GoalStatus.DROPPED)
    actions = Action.objects.filter(
        goal__vision=OuterRef("vision"), done_on__isnull=True, due_date__lt=today
    ).exclude(goal__status__in=[GoalStatus.DROPPED, GoalStatus.DONE])
    return shares.select_related("vision__owner").annotate(
        goals_total=count_of(goals),
        goals_done=count_of(goals.filter(status=GoalStatus.DONE)),
        overdue=count_of(actions),
    )


# The page's rows, the vision changed last first: each active share of the
# coach, its vision's last change, the client's name and email, the comments
# new to the coach, the number of invitations waiting (as
# pending_invitations() finds them, which loads them when there are some)
# and the number of rows in all. The client is read for the page's rows only, after the sort: a
# join would read the client of every share first (2.8 of 3.9 ms with 500
# clients, bench/results.md).
_ROWS_SQL = """
    SELECT s.id, v.updated_at,
        (SELECT o.display_name FROM accounts_user o WHERE o.id = v.owner_id),
        (SELECT o.email FROM accounts_user o WHERE o.id = v.owner_id),
        ({unread}),
        (
            SELECT COUNT(*) FROM visions_share p
            WHERE p.email = %s AND p.status = %s AND p.expires_at > %s
        ),
        COUNT(*) OVER ()
    FROM visions_share s JOIN visions_vision v ON v.id = s.vision_id {join}
    WHERE s.coach_id = %s AND s.status = %s {search}
    ORDER BY v.updated_at DESC, s.id DESC
    LIMIT %s OFFSET %s
"""
# With a query: the shares whose client's name or email or vision's title
# holds it, whatever the case (as Django's icontains finds it), among the
# shares `_search_candidates` found when they are few enough to name.
_SEARCH_JOIN = "JOIN accounts_user c ON c.id = v.owner_id"
_SEARCH_SQL = r"""
    {among}
    AND (
        UPPER(c.display_name) LIKE UPPER(%s) ESCAPE '\'
        OR UPPER(c.email) LIKE UPPER(%s) ESCAPE '\'
        OR UPPER(v.title) LIKE UPPER(%s) ESCAPE '\'
    )
"""

# What a search reads of the coach's clients: each active share, with its
# client's name and email and its vision's title in capitals, as the
# database's UPPER makes them.
_DIRECTORY_SQL = """
    SELECT s.id, UPPER(c.display_name), UPPER(c.email), UPPER(v.title)
    FROM visions_share s JOIN visions_vision v ON v.id = s.vision_id
        JOIN accounts_user c ON c.id = v.owner_id
    WHERE s.coach_id = %s AND s.status = %s
"""
# The query in capitals, and a stamp of the directory above: which shares
# are active (their number, which a share that ends lowers, and their last
# acceptance, which a share that starts moves: visions.sharing.share_accept),
# the last change to their visions (titles among them) and the last change
# of anyone's name or email (User.updated_at). Reading it skips the 500
# look-ups of clients that made a search cost 2.2 ms with 500 clients
# (bench/results.md).
_DIRECTORY_STAMP_SQL = """
    SELECT UPPER(%s), COUNT(*), MAX(s.accepted_at), MAX(v.updated_at),
        (SELECT MAX(u.updated_at) FROM accounts_user u)
    FROM visions_share s JOIN visions_vision v ON v.id = s.vision_id
    WHERE s.coach_id = %s AND s.status = %s
"""
# Past this many matches, the rows query reads every share of the coach
# rather than name them all (a database takes only so many parameters).
SEARCH_NAMED_AT_MOST = 1000


class _Directory:
    """The coach's clients as a search reads them (_DIRECTORY_SQL's rows),
    in one string, every field ending in a NUL, which no field and no query
    holds (PostgreSQL's text cannot, Django's forms refuse it, the view
    drops it from the query), so that finding the clients who match is a
    few str.find calls rather than 1,500 tests."""

    def __init__(self, rows: list[tuple]):
        self.ids, self.starts, lines = [], [], []
        at = 0
        for pk, *texts in rows:
            self.ids.append(pk)
            self.starts.append(at)
            text = "\0".join(t or "" for t in texts) + "\0"
            lines.append(text)
            at += len(text)
        self.text = "".join(lines)
        self.size = len(self.text) + 8 * len(self.ids)  # for Recent's limit

    def matches(self, needle: str) -> list[int]:
        """The ids whose name, email or title holds `needle` (in capitals)."""
        found, at = [], self.text.find(needle)
        while at >= 0:
            row = bisect_right(self.starts, at) - 1
            found.append(self.ids[row])
            following = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
            at = self.text.find(needle, following)
        return found


def _search_candidates(user, query: str) -> list[int]:
    """The ids of the coach's active shares whose client's name or email or
    vision's title holds `query`, whatever the case, read from the
    directory of the coach's clients this process keeps under its stamp.
    The rows query checks each again, so a change the stamp missed could
    only leave a client out of the results, never show one wrongly."""
    needle, *stamp = fetch(_DIRECTORY_STAMP_SQL, [query, user.pk, ShareStatus.ACTIVE])[0]
    key = f"coach-directory:{user.pk}:{stamp}"
    directory = RECENT.get(key)
    if directory is None:
        directory = _Directory(fetch(_DIRECTORY_SQL, [user.pk, ShareStatus.ACTIVE]))
        RECENT.put(key, directory, size=directory.size)
    return directory.matches(needle)


def dashboard_rows(user, query: str, now):
    """counted_page()'s rows(limit, offset) for the coach's dashboard, in
    SQL: the ORM took 3.6 ms to build and compile this query, the database
    1.6 ms to run it (bench/results.md)."""
    candidates = _search_candidates(user, query) if query else []
    if query and not candidates:
        return lambda limit, offset: []
    if len(candidates) > SEARCH_NAMED_AT_MOST:
        candidates = []
    among = f"AND s.id IN ({', '.join(['%s'] * len(candidates))})" if candidates else ""
    sql = _ROWS_SQL.format(
        unread=unread_sql("s.vision_id"),
        join=_SEARCH_JOIN if query else "",
        search=_SEARCH_SQL.format(among=among) if query else "",
    )
    pattern = f"%{connection.ops.prep_for_like_query(query)}%"
    params = [
        user.pk,
        user.pk,
        user.email.lower(),
        ShareStatus.PENDING,
        connection.ops.adapt_datetimefield_value(now),
        user.pk,
        ShareStatus.ACTIVE,
        *candidates,
        *([pattern] * 3 if query else []),
    ]
    return lambda limit, offset: fetch(sql, [*params, limit, offset])


@login_required
def coach_dashboard(request):
    """The table of clients, cached under a stamp of what it shows (see
    careervision.fragments). One narrow query gives the page's rows: each
    share, its vision's last change (which every write to the vision, its
    answers, goals and actions moves), the client's name and email and the
    unread comments; with the day (overdue actions) and how long ago each
    vision changed, that is everything the table shows. The counts of goals
    and actions are read only when the table is rendered again."""
    user = request.user
    # PostgreSQL's text cannot hold a NUL: a query with one would fail there.
    query = request.GET.get("q", "").replace("\0", "").strip()[:100]
    today, now = timezone.localdate(), timezone.now()
    page = counted_page(
        dashboard_rows(user, query, now), request.GET.get("page"), DASHBOARD_PAGE_SIZE
    )
    page.object_list = [(pk, moment(changed), *rest) for pk, changed, *rest in page.object_list]
    stamp = tuple(
        (pk, changed, name, email, unread, naturaltime_step(changed, now))
        for pk, changed, name, email, unread, _ in page.object_list
    )
    # The same count on every row; with no row, look.
    invited = not page.object_list or page.object_list[0][-1] > 0

    def context() -> dict:
        unread = {pk: count for pk, _, _, _, count, _ in stamp}
        shares = shares_with_counts(Share.objects.filter(pk__in=unread), today)
        by_pk = {share.pk: share for share in shares}
        rows = [
            {
                "share": by_pk[pk],
                "progress": questionnaire_progress(by_pk[pk].vision.answers),
                "unread": unread[pk],
            }
            for pk in unread
            if pk in by_pk  # A share ended between the two queries.
        ]
        return {"rows": rows, "page": page, "query": query}

    body = fragment(
        request,
        "goals/_dashboard_body.html",
        context,
        (query, page.number, page.paginator.count, today, stamp),
    )
    invitations = pending_invitations(user).select_related("vision__owner") if invited else []
    return render_around(
        request,
        "goals/coach_dashboard.html",
        {"query": query, "invitations": invitations},
        body,
        # The invitations above the table are not in its stamp.
        keep=not invitations,
    )
