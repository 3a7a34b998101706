"""A first draft of the vision statement, put together from the person's own answers.

The vision page offers it as a starting point to edit, not as the answer. Each
sentence is plain, in the first person, and names the step it came from, so
the person can see why it is there and change it. Pure functions of the
answers: no network and no AI, so the same answers always give the same
draft.

Free text goes in as the person wrote it (escaping is the template's job). It
always stands after a colon or inside brackets, so it never needs re-casing
and names like "Porto" stay as they were typed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from visions.money import pay_text
from visions.reading import answer_code, own_words, step_answers
from visions.steps import STEPS_BY_SLUG, answers_profile, step_number

SKILLS_NAMED = 5
# The second paragraph of the text: the life around the work, after the work itself.
LIFE_STEPS = ("environment", "life", "pay", "success")
# What people type to start a list line: hyphen, star, bullet, en and em dashes.
BULLETS = "-*\u2022\u2013\u2014 \t"


@dataclass(frozen=True)
class DraftSentence:
    text: str  # one plain sentence, in the first person
    source: str  # where it came from, for the person: "From Direction (step 9)"


def draft_suggest(answers: dict, *, horizon_years: int) -> list[DraftSentence]:
    """The draft, sentence by sentence: direction and horizon first, then
    values, skills and style, environment and place, pay and security, and
    what success means last. Unanswered questions are left out."""
    sections = [
        (_source("direction"), _direction_texts(step_answers(answers, "direction"), horizon_years)),
        (_source("values", "most-important"), _values_texts(answers)),
        (_source("skills"), _skills_texts(step_answers(answers, "skills"))),
        (_source("environment"), _environment_texts(step_answers(answers, "environment"))),
        (_source("life"), _life_texts(step_answers(answers, "life"))),
        (_source("pay"), _pay_texts(step_answers(answers, "pay"))),
        (_source("success"), _success_texts(step_answers(answers, "success"))),
    ]
    return [DraftSentence(text, source) for source, texts in sections for text in texts]


def draft_text(sentences: list[DraftSentence]) -> str:
    """The sentences as text for the statement's textarea: the work in one
    paragraph, the life around it (from the environment step on) in a second."""
    life_sources = {_source(slug) for slug in LIFE_STEPS}
    split = next(
        (i for i, sentence in enumerate(sentences) if sentence.source in life_sources),
        len(sentences),
    )
    paragraphs = [sentences[:split], sentences[split:]]
    return "\n\n".join(" ".join(s.text for s in part) for part in paragraphs if part)


def _source(*slugs: str) -> str:
    steps = [STEPS_BY_SLUG[slug] for slug in slugs]
    if len(steps) == 1:
        return _("From %(step)s (step %(number)d)") % {
            "step": steps[0].title,
            "number": step_number(steps[0]),
        }
    first, second = steps
    return _("From %(first)s and %(second)s (steps %(first_number)d and %(second_number)d)") % {
        "first": first.title,
        "second": second.title,
        "first_number": step_number(first),
        "second_number": step_number(second),
    }


def _fill(template: str, **params: str) -> str:
    text = template % params
    # Their words may end with their own question or exclamation mark.
    if text.endswith(("?.", "!.")):
        text = text[:-1]
    return text


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _when(years: int) -> str:
    if years == 1:
        return _("In a year")
    return ngettext("In %(years)d year", "In %(years)d years", years) % {"years": years}


def _direction_texts(direction: dict, years: int) -> list[str]:
    ways = {
        "upward": _("%(when)s, I have moved up to a more senior role, with more responsibility."),
        "lateral": _(
            "%(when)s, I have widened my skills at a similar level, or moved into a new specialism."
        ),
        "own_business": _("%(when)s, I run a business of my own."),
        "several_jobs": _("%(when)s, I combine several jobs that together make my working life."),
        "deepen": _("%(when)s, I have stayed where I am and grown deeper in my work."),
        "unsure": _("%(when)s, I have found the direction that suits me."),
    }
    kinds = {
        "roles": _("roles (%(text)s)"),
        "domains": _("domains (%(text)s)"),
        "industries": _("industries (%(text)s)"),
    }
    texts = []
    if way := ways.get(answer_code(direction, "direction")):
        texts.append(way % {"when": _when(years)})
    explore = [
        kind % {"text": words}
        for field, kind in kinds.items()
        if (words := own_words(direction.get(field)))
    ]
    if explore:
        texts.append(_("I want to explore %(what)s.") % {"what": _join(explore)})
    return texts


def _as_int(rating: object) -> object:
    if isinstance(rating, str) and rating.strip().isdigit():
        return int(rating)
    return rating


def _values_texts(answers: dict) -> list[str]:
    # Fresh answers hold the ratings as ints, hand-made or older ones as
    # strings; the scoring only counts ints.
    ratings = {slug: _as_int(rating) for slug, rating in step_answers(answers, "values").items()}
    picked = step_answers(answers, "most-important")
    profile = answers_profile({"values": ratings, "most-important": picked})
    if profile is None or not profile.top:
        return []
    names = _join([str(value.name) for value in profile.top])
    return [_("What I value most is at the centre of my work: %(values)s.") % {"values": names}]


def _skill_names(text: object) -> list[str]:
    if not isinstance(text, str):
        return []
    names: list[str] = []
    for line in text.splitlines():
        name = own_words(line.lstrip(BULLETS))
        if name and name not in names:
            names.append(name)
    return names[:SKILLS_NAMED]


def _skills_texts(skills: dict) -> list[str]:
    creativity = {
        "a_lot": _("My work gives me plenty of room to be creative."),
        "some": _("My work leaves some room to be creative."),
        "little": _("I prefer work that is practical rather than creative."),
    }
    autonomy = {
        "autonomy": _("I am given the goal and trusted to find my own way there."),
        "mix": _("I have freedom in how I work, with regular check-ins."),
        "direction": _("I know clearly what is expected of me."),
    }
    manage_others = {
        "yes": _("I lead and manage other people."),
        "maybe": _("Managing other people may come later, when the time is right."),
        "no": _("I focus on my own work rather than managing people."),
    }
    help_others = {
        "yes": _("I teach, mentor or help others as part of my work."),
        "maybe": _("Teaching or mentoring others may become part of my work later."),
        "no": _("I leave teaching and mentoring to others."),
    }
    texts = []
    if names := _skill_names(skills.get("skills")):
        sentence = _("I use and grow the skills I care about: %(skills)s.")
        texts.append(_fill(sentence, skills=_join(names)))
    for field, sentences in [
        ("creativity", creativity),
        ("autonomy", autonomy),
        ("manage_others", manage_others),
        ("help_others", help_others),
    ]:
        if sentence := sentences.get(answer_code(skills, field)):
            texts.append(sentence)
    return texts


def _environment_texts(environment: dict) -> list[str]:
    extras = {"flexible_hours": _("flexible hours"), "training": _("access to training")}
    where = {
        "remote": _("I do my work from home."),
        "hybrid": _("I split my week between home and the workplace."),
        "onsite": _("I spend my working days on site, alongside my colleagues."),
    }
    sizes = {
        "small": _("a small organisation"),
        "medium": _("a medium-sized organisation"),
        "large": _("a large organisation"),
    }
    paces = {
        "calm": _("at a calm, steady pace"),
        "varied": _("with busy spells and quiet ones"),
        "fast": _("at a fast pace"),
    }
    texts = []
    musts = [label for field, label in extras.items() if answer_code(environment, field) == "must"]
    if musts:
        texts.append(_("My job gives me %(things)s.") % {"things": _join(musts)})
    nices = [label for field, label in extras.items() if answer_code(environment, field) == "nice"]
    if nices:
        texts.append(_("I would welcome %(things)s.") % {"things": _join(nices)})
    if place := where.get(answer_code(environment, "work_from")):
        texts.append(place)
    size = sizes.get(answer_code(environment, "size"))
    pace = paces.get(answer_code(environment, "pace"))
    if size and pace:
        texts.append(_("I work in %(size)s, %(pace)s.") % {"size": size, "pace": pace})
    elif size:
        texts.append(_("I work in %(size)s.") % {"size": size})
    elif pace:
        texts.append(_("I work %(pace)s.") % {"pace": pace})
    if values := own_words(environment.get("company_values")):
        texts.append(_fill(_("My workplace shares what matters to me: %(values)s."), values=values))
    return texts


def _life_texts(life: dict) -> list[str]:
    first = {
        "work": _("My career comes first, and I arrange my life around it."),
        "life": _("My life comes first, and my work fits around it."),
        "balance": _("My work and my life are in balance."),
    }
    needs = {
        "income": _("enough income for the life I want"),
        "time": _("time for the people who matter to me"),
        "flexibility": _("a flexible schedule"),
        "stability": _("stability I can plan around"),
        "location": _("the freedom to live where I want"),
        "meaning": _("a sense of meaning"),
    }
    texts = []
    if location := own_words(life.get("location")):
        texts.append(_fill(_("I live and work where I want to be: %(place)s."), place=location))
    if sentence := first.get(answer_code(life, "work_or_life_first")):
        texts.append(sentence)
    stored = life.get("life_needs")
    picked = {str(code) for code in stored} if isinstance(stored, list) else set()
    if wanted := [phrase for code, phrase in needs.items() if code in picked]:
        sentence = _("My work gives my life what it needs: %(needs)s.")
        texts.append(sentence % {"needs": _join(wanted)})
    return texts


def _pay_texts(pay: dict) -> list[str]:
    security = {
        "high": _("My job is steady and secure."),
        "medium": _("I can live with change, as long as there is a safety net."),
        "low": _("I am comfortable taking risks for the right opportunity."),
    }
    texts = []
    if amount := pay_text(pay):
        texts.append(_("I earn %(pay)s.") % {"pay": amount})
    if sentence := security.get(answer_code(pay, "security")):
        texts.append(sentence)
    return texts


def _success_texts(success: dict) -> list[str]:
    if meaning := own_words(success.get("success_meaning")):
        return [_fill(_("Success, for me, means this: %(meaning)s."), meaning=meaning)]
    return []
