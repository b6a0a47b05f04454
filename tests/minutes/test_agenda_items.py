"""A meeting's agenda items: decisions and actions are optional rows; an empty one is never an error."""

from minutes.blocks import AgendaItemBlock


def test_a_new_item_starts_without_decision_or_action_rows():
    default = AgendaItemBlock().get_default()
    assert list(default["decisions"]) == [] and list(default["actions"]) == []


def test_a_point_without_decision_is_valid_and_blank_rows_are_dropped():
    block = AgendaItemBlock()
    value = block.to_python(
        {
            "title": "Divers",
            "discussion": "",
            "decisions": ["", "  "],
            "actions": [{"what": "", "who": "", "due": None}],
        }
    )
    cleaned = block.clean(value)
    assert cleaned["title"] == "Divers"
    assert list(cleaned["decisions"]) == [] and list(cleaned["actions"]) == []


def test_a_filled_action_still_needs_its_who():
    import pytest
    from django.core.exceptions import ValidationError

    block = AgendaItemBlock()
    value = block.to_python({"title": "Évaluation", "actions": [{"what": "Remplir la fiche", "who": "", "due": None}]})
    with pytest.raises(ValidationError):
        block.clean(value)
