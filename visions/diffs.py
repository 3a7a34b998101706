"""Readable differences between two revisions, word by word (difflib)."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class Piece:
    kind: str  # SAME, ADDED or REMOVED
    text: str


def _tokens(text: str) -> list[str]:
    # Words keep the white space that follows them, so joining the pieces
    # gives back the text exactly, line breaks included.
    return re.findall(r"\S+\s*|\s+", text)


def word_diff(old: str, new: str) -> list[Piece]:
    """`new` compared with `old`: runs of unchanged, removed and added words."""
    a, b = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece(SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece(REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(ADDED, "".join(b[j1:j2])))
    return pieces


@dataclass(frozen=True)
class ListItemDiff:
    kind: str  # SAME, ADDED, REMOVED, or "changed" with word pieces
    pieces: list[Piece]


def list_diff(old: list[str], new: list[str]) -> list[ListItemDiff]:
    """Item by item: kept, added, removed, or changed (an edited item in place)."""
    items: list[ListItemDiff] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            items.extend(ListItemDiff(SAME, [Piece(SAME, text)]) for text in old[i1:i2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            items.extend(
                ListItemDiff("changed", word_diff(before, after))
                for before, after in zip(old[i1:i2], new[j1:j2], strict=True)
            )
        else:
            items.extend(ListItemDiff(REMOVED, [Piece(REMOVED, text)]) for text in old[i1:i2])
            items.extend(ListItemDiff(ADDED, [Piece(ADDED, text)]) for text in new[j1:j2])
    return items


def has_changes(pieces: list[Piece]) -> bool:
    return any(piece.kind != SAME for piece in pieces)
