from visions.values import NEEDS, WORK_VALUES, values_profile


def ratings(default: int, **overrides: int) -> dict[str, int]:
    return {need.slug: overrides.get(need.slug, default) for need in NEEDS}


def scores(profile) -> dict[str, int]:
    return {item.value.slug: item.score for item in profile.scores}


def test_there_are_twenty_one_needs_over_the_six_values():
    per_value = {
        value.slug: [n.slug for n in NEEDS if n.value == value.slug] for value in WORK_VALUES
    }
    assert {slug: len(needs) for slug, needs in per_value.items()} == {
        "achievement": 2,
        "independence": 3,
        "recognition": 4,
        "relationships": 3,
        "support": 3,
        "working_conditions": 6,
    }
    assert per_value["independence"] == ["creativity", "responsibility", "autonomy"]


def test_scale_runs_from_zero_for_not_important_to_a_hundred_for_essential():
    assert set(scores(values_profile(ratings(1), [])).values()) == {0}
    assert set(scores(values_profile(ratings(5), [])).values()) == {100}
    assert set(scores(values_profile(ratings(3), [])).values()) == {50}


def test_a_value_scores_the_mean_importance_of_its_needs():
    profile = values_profile(ratings(1, ability_utilization=5, achievement=4), [])
    # (5 + 4) / 2 = 4.5 -> (4.5 - 1) * 25
    assert scores(profile)["achievement"] == 88
    assert scores(profile)["support"] == 0


def test_needs_picked_as_most_important_count_twice():
    base = ratings(3, creativity=5, responsibility=1, autonomy=3)
    assert scores(values_profile(base, []))["independence"] == 50
    # (5*2 + 1 + 3) / 4 = 3.5 -> 62.5, rounded to even
    assert scores(values_profile(base, ["creativity"]))["independence"] == 62


def test_top_values_are_the_two_strongest():
    profile = values_profile(
        ratings(2, social_service=5, moral_values=5, co_workers=5, creativity=4, responsibility=4),
        [],
    )
    assert [value.slug for value in profile.top] == ["relationships", "independence"]


def test_ties_with_the_second_value_are_all_top_values():
    profile = values_profile(
        ratings(
            1,
            ability_utilization=5,
            achievement=5,
            company_policies=4,
            supervision_human_relations=4,
            supervision_technical=4,
            creativity=4,
            responsibility=4,
            autonomy=4,
        ),
        [],
    )
    assert [value.slug for value in profile.top] == ["achievement", "independence", "support"]


def test_picks_break_a_tie_in_the_ranking():
    flat = ratings(4)
    profile = values_profile(flat, ["co_workers"])
    assert [item.value.slug for item in profile.ranked][:2] == ["relationships", "achievement"]
    assert scores(profile)["relationships"] == 75


def test_nothing_important_means_no_top_value():
    assert values_profile(ratings(1), []).top == []


def test_no_profile_until_every_need_is_rated():
    incomplete = ratings(3)
    del incomplete["autonomy"]
    assert values_profile(incomplete, []) is None
    assert values_profile({**ratings(3), "autonomy": 9}, []) is None
