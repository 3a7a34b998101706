"""Comment threads on the pages that show a vision or its goals.

The whole thread of a vision comes from
`goals.comments.comments_for_page(vision, request.user)` in a fixed number of
queries, however many comments and goals; each tag picks its part of it, so
a page with fifty goals does not query fifty times.
"""

from django import template

from goals.comments import EDIT_WINDOW, comments_for_page

register = template.Library()


def _thread(context, vision, comments: dict, goal) -> dict:
    items = comments["goals"].get(goal.pk, []) if goal is not None else comments["vision"]
    return {
        "vision": vision,
        "goal": goal,
        "items": items,
        "new_count": sum(comment.is_new for comment in items),
        "on_goals": sum(len(each) for each in comments["goals"].values()),
        "new_on_goals": sum(c.is_new for each in comments["goals"].values() for c in each),
        "field_id": f"goal-{goal.pk}" if goal is not None else f"vision-{vision.pk}",
        # Inclusion tags do not pass the request on: the forms need it to come back here.
        "next": context["request"].get_full_path(),
        "edit_minutes": int(EDIT_WINDOW.total_seconds() // 60),
    }


@register.inclusion_tag("goals/comments/_thread.html", takes_context=True)
def vision_comment_thread(context, vision):
    """`{% vision_comment_thread vision %}` on the vision page: a card with
    the comments on the vision itself, a link to the whole conversation when
    goals have some too, and the form. The page is kept under the thread's
    stamp (goals.views.vision_detail), so this runs only when it is
    rendered again."""
    return _thread(context, vision, comments_for_page(vision, context["request"].user), None)


@register.inclusion_tag("goals/comments/_thread.html", takes_context=True)
def comment_thread(context, vision, comments: dict, goal) -> dict:
    """`{% comment_thread vision comments goal=goal %}` under each goal of
    the goals page, `comments` being the view's comments_for_page(): the
    goal's comments and form, folded away while there are none."""
    return _thread(context, vision, comments, goal)


@register.inclusion_tag("goals/comments/_comments.html", takes_context=True)
def comment_items(context, vision, comments: dict, goal=None) -> dict:
    """The comments and the form alone, for a page that frames them itself."""
    return _thread(context, vision, comments, goal)
