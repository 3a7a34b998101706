from visions.diffs import ADDED, REMOVED, SAME, ListItemDiff, Piece, list_diff, word_diff


def test_a_changed_word_shows_as_removed_then_added():
    assert word_diff("I want to lead a team.", "I want to coach a team.") == [
        Piece(SAME, "I want to "),
        Piece(REMOVED, "lead "),
        Piece(ADDED, "coach "),
        Piece(SAME, "a team."),
    ]


def test_joining_the_pieces_gives_back_both_texts_exactly():
    old, new = "One line.\n\nTwo  lines here.", "One line.\nThree lines\there, now."
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.kind != ADDED) == old
    assert "".join(p.text for p in pieces if p.kind != REMOVED) == new


def test_identical_texts_have_no_change_and_empty_texts_no_pieces():
    assert word_diff("Same words.", "Same words.") == [Piece(SAME, "Same words.")]
    assert word_diff("", "") == []
    assert word_diff("", "New.") == [Piece(ADDED, "New.")]


def test_list_items_are_kept_added_removed_or_changed():
    old = ["Publish a book", "Speak twice a year", "Run a workshop"]
    new = ["Publish a book", "Speak four times a year", "Launch an online course"]
    assert list_diff(old, new) == [
        ListItemDiff(SAME, [Piece(SAME, "Publish a book")]),
        ListItemDiff(
            "changed",
            [
                Piece(SAME, "Speak "),
                Piece(REMOVED, "twice "),
                Piece(ADDED, "four times "),
                Piece(SAME, "a year"),
            ],
        ),
        ListItemDiff(
            "changed",
            [Piece(REMOVED, "Run a workshop"), Piece(ADDED, "Launch an online course")],
        ),
    ]


def test_list_items_only_added_or_removed():
    assert list_diff(["A", "B"], ["B", "C"]) == [
        ListItemDiff(REMOVED, [Piece(REMOVED, "A")]),
        ListItemDiff(SAME, [Piece(SAME, "B")]),
        ListItemDiff(ADDED, [Piece(ADDED, "C")]),
    ]
