"""Reading stored questionnaire answers safely: a step's answers, a choice
code, the person's own words. Shared by the draft suggester and the goal
suggester, which both turn answers into sentences."""


def step_answers(answers: dict, slug: str) -> dict:
    stored = answers.get(slug) if isinstance(answers, dict) else None
    return stored if isinstance(stored, dict) else {}


def answer_code(step: dict, field: str) -> str:
    value = step.get(field)
    return "" if value is None else str(value)


def own_words(value: object) -> str:
    """The person's text on one line, trimmed, without the trailing full stop
    (or stray comma) that would double the punctuation of our sentence."""
    if not isinstance(value, str):
        return ""
    return " ".join(value.split()).rstrip(".,;: ")
