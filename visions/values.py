"""The six work values and the needs behind them, and the profile scoring.

The six values and which need belongs to which value follow O*NET's work
values (O*NET is sponsored by the U.S. Department of Labor, Employment and
Training Administration; used under CC BY 4.0). The need statements are our
own wording. Scoring is a pure function of the ratings, tested on its own.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

IMPORTANCE_CHOICES = [
    (1, _("Not important")),
    (2, _("A little important")),
    (3, _("Important")),
    (4, _("Very important")),
    (5, _("Essential")),
]
MOST_IMPORTANT_LIMIT = 5


@dataclass(frozen=True)
class WorkValue:
    slug: str
    name: str
    meaning: str


@dataclass(frozen=True)
class Need:
    slug: str
    value: str
    statement: str


WORK_VALUES = [
    WorkValue(
        "achievement",
        _("Achievement"),
        _("Work that makes use of your abilities and gives you a feeling of accomplishment."),
    ),
    WorkValue(
        "independence",
        _("Independence"),
        _("Room to work on your own, try your own ideas and make your own decisions."),
    ),
    WorkValue(
        "recognition",
        _("Recognition"),
        _("Chances to advance, lead, and be seen and respected for your work."),
    ),
    WorkValue(
        "relationships",
        _("Relationships"),
        _("Good colleagues, work that fits your sense of right and wrong, and serving others."),
    ),
    WorkValue(
        "support",
        _("Support"),
        _("An employer that stands behind you: fair policies and managers who back and train you."),
    ),
    WorkValue(
        "working_conditions",
        _("Working conditions"),
        _("Pay, security, variety, a steady flow of work and good conditions to do it in."),
    ),
]
WORK_VALUES_BY_SLUG = {value.slug: value for value in WORK_VALUES}

# "On my ideal job it is important that ..."
NEEDS = [
    Need("ability_utilization", "achievement", _("I make full use of my abilities.")),
    Need("achievement", "achievement", _("my work gives me a sense of accomplishment.")),
    Need("activity", "working_conditions", _("there is always enough to keep me busy.")),
    Need("compensation", "working_conditions", _("my pay compares well with similar work.")),
    Need("independence", "working_conditions", _("I can get on with my work by myself.")),
    Need("security", "working_conditions", _("the job is steady, with little risk of losing it.")),
    Need("variety", "working_conditions", _("the work brings something different most days.")),
    Need(
        "working_conditions",
        "working_conditions",
        _("the place, hours and tools I work with are good."),
    ),
    Need("advancement", "recognition", _("there is a clear way to move up.")),
    Need("authority", "recognition", _("I get to direct the work of others.")),
    Need("recognition", "recognition", _("people notice and credit the work I do.")),
    Need("social_status", "recognition", _("my work is looked up to by people around me.")),
    Need("co_workers", "relationships", _("my colleagues are easy to get along with.")),
    Need(
        "moral_values",
        "relationships",
        _("I am never asked to do something I believe is wrong."),
    ),
    Need("social_service", "relationships", _("my work helps other people.")),
    Need("company_policies", "support", _("the organisation treats its people fairly.")),
    Need(
        "supervision_human_relations",
        "support",
        _("my manager backs me up and looks after the team."),
    ),
    Need(
        "supervision_technical",
        "support",
        _("my manager knows the work well and helps me learn it."),
    ),
    Need("creativity", "independence", _("I can try out ideas of my own.")),
    Need("responsibility", "independence", _("I can make decisions on my own.")),
    Need("autonomy", "independence", _("I can plan my work with little supervision.")),
]
NEEDS_BY_SLUG = {need.slug: need for need in NEEDS}


@dataclass(frozen=True)
class ValueScore:
    value: WorkValue
    score: int  # 0 to 100
    picked: int  # how many of this value's needs were among the most important


@dataclass(frozen=True)
class ValuesProfile:
    scores: list[ValueScore]  # in the fixed order of WORK_VALUES
    top: list[WorkValue]  # the values that matter most, strongest first

    @property
    def ranked(self) -> list[ValueScore]:
        return sorted(self.scores, key=_rank_key)


def _rank_key(item: ValueScore) -> tuple[int, int, int]:
    return (-item.score, -item.picked, WORK_VALUES.index(item.value))


def _as_rating(value) -> int | None:
    # Stored answers are ints; older or hand-made data may hold "4".
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def values_profile(ratings: dict[str, int], most_important: list[str]) -> ValuesProfile | None:
    """Scores each work value from 0 to 100 from the 1-5 importance ratings.

    A value's score is the mean importance of its needs, scaled so that "not
    important" is 0 and "essential" is 100. A need picked as one of the most
    important counts twice in that mean, which separates values rated alike.
    The top values are the two strongest, plus any tied with the second.
    Returns None when not every need has been rated.
    """
    ratings = {slug: _as_rating(value) for slug, value in ratings.items()}
    if any(ratings.get(need.slug) not in range(1, 6) for need in NEEDS):
        return None
    picked = set(most_important)
    scores = []
    for value in WORK_VALUES:
        total = weight = picks = 0
        for need in NEEDS:
            if need.value != value.slug:
                continue
            times = 2 if need.slug in picked else 1
            total += ratings[need.slug] * times
            weight += times
            picks += need.slug in picked
        mean = total / weight
        scores.append(ValueScore(value=value, score=round((mean - 1) * 25), picked=picks))
    ranked = sorted(scores, key=_rank_key)
    cut = ranked[1].score
    top = [item.value for item in ranked if item.score >= cut and item.score > 0]
    return ValuesProfile(scores=scores, top=top)


@dataclass(frozen=True)
class Coverage:
    value: WorkValue
    goals: int  # how many goals serve it


def values_coverage(top: list[WorkValue], goal_values: list[list[str]]) -> list[Coverage]:
    """For each top value, how many goals serve it. A top value no goal
    serves is a gap in the plan worth pointing out."""
    return [
        Coverage(value=value, goals=sum(value.slug in served for served in goal_values))
        for value in top
    ]
