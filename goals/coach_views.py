"""The coach's dashboard: the clients who shared a vision with them."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone

from goals.comments import unread_comment_counts
from goals.models import Action, Goal, GoalStatus
from visions.models import Share, ShareStatus
from visions.steps import questionnaire_progress

DASHBOARD_PAGE_SIZE = 25


def _count(queryset) -> Coalesce:
    """A correlated COUNT per vision, so the page costs the same number of
    queries whether the coach has ten clients or five hundred. (A plain
    function, not Django's Count aggregate, so no GROUP BY is added.)"""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def coach_shares(user, query: str = ""):
    today = timezone.localdate()
    goals = Goal.objects.filter(vision=OuterRef("vision")).exclude(status=GoalStatus.DROPPED)
    actions = Action.objects.filter(
        goal__vision=OuterRef("vision"), done_on__isnull=True, due_date__lt=today
    ).exclude(goal__status__in=[GoalStatus.DROPPED, GoalStatus.DONE])
    shares = (
        Share.objects.filter(coach=user, status=ShareStatus.ACTIVE)
        .select_related("vision__owner")
        .annotate(
            goals_total=_count(goals),
            goals_done=_count(goals.filter(status=GoalStatus.DONE)),
            overdue=_count(actions),
        )
        .order_by("-vision__updated_at", "-pk")
    )
    if query:
        shares = shares.filter(
            Q(vision__owner__display_name__icontains=query)
            | Q(vision__owner__email__icontains=query)
            | Q(vision__title__icontains=query)
        )
    return shares


@login_required
def coach_dashboard(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(coach_shares(request.user, query), DASHBOARD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shares = list(page.object_list)
    unread = unread_comment_counts(request.user, [share.vision_id for share in shares])
    rows = [
        {
            "share": share,
            "progress": questionnaire_progress(share.vision.answers),
            "unread": unread.get(share.vision_id, 0),
        }
        for share in shares
    ]
    invitations = Share.objects.filter(
        email=request.user.email.lower(),
        status=ShareStatus.PENDING,
        expires_at__gt=timezone.now(),
    ).select_related("vision__owner")
    return render(
        request,
        "goals/coach_dashboard.html",
        {"rows": rows, "page": page, "query": query, "invitations": invitations},
    )
