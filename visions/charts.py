"""The values profile as a horizontal bar chart, drawn as SVG on the server so
the same chart appears in the browser and in the PDF."""

from dataclasses import dataclass

from visions.values import ValuesProfile

LABEL_WIDTH = 170
BAR_MAX_WIDTH = 300
ROW_HEIGHT = 34
BAR_HEIGHT = 20
TOP = 8


@dataclass(frozen=True)
class Bar:
    name: str
    score: int
    is_top: bool
    y: int
    text_y: int
    width: int
    number_x: int


def chart_bars(profile: ValuesProfile) -> list[Bar]:
    bars = []
    for row, item in enumerate(profile.ranked):
        y = TOP + row * ROW_HEIGHT
        width = round(BAR_MAX_WIDTH * item.score / 100)
        bars.append(
            Bar(
                name=str(item.value.name),
                score=item.score,
                is_top=item.value in profile.top,
                y=y,
                text_y=y + BAR_HEIGHT - 5,
                width=width,
                number_x=LABEL_WIDTH + width + 8,
            )
        )
    return bars


def chart_geometry() -> dict[str, int]:
    return {
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "width": LABEL_WIDTH + BAR_MAX_WIDTH + 50,
        "height": TOP * 2 + 6 * ROW_HEIGHT,
    }
