"""Reading form state out of rendered HTML, as a browser would."""

from html.parser import HTMLParser


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.inputs.append(dict(attrs))
        elif tag == "textarea":
            self._textarea = {**dict(attrs), "value": ""}
            self.inputs.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # Browsers drop one newline right after <textarea>, and so do we.
            self._textarea["value"] = self._textarea["value"].removeprefix("\n")
            self._textarea = None


def inputs(html: str) -> list[dict[str, str | None]]:
    parser = _Inputs()
    parser.feed(html)
    return parser.inputs


def checked(html: str, name: str) -> list[str]:
    """Values of the checked radio buttons or checkboxes called `name`."""
    return [i["value"] for i in inputs(html) if i.get("name") == name and "checked" in i]


def value(html: str, name: str) -> str | None:
    """The value a text input or textarea called `name` shows."""
    found = [i.get("value") for i in inputs(html) if i.get("name") == name]
    return found[0] if found else None


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None


def table_rows(html: str) -> list[list[str]]:
    """The text of each cell of each table row, header rows included, with
    white space collapsed as a browser shows it."""
    parser = _Table()
    parser.feed(html)
    return parser.rows
