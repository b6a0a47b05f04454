"""The evaluations report: one row per trajet × commune × phase, whatever the number of activities in it."""

from evaluations.models import Evaluation
from evaluations.reports import completion_rows
from tests.factories import EventPageFactory, TrajetPageFactory, brussels, commune


def test_one_row_per_group_with_mixed_evaluations(agenda):
    trajet = TrajetPageFactory(parent=agenda, title="Trajet emploi 2017")
    forest_orientation = [
        EventPageFactory(parent=trajet, title=f"Orientation {n}", start=brussels(2017, 4, 24 + n, 9, 30))
        for n in range(3)
    ]
    EventPageFactory(parent=trajet, title="Job Day", start=brussels(2017, 5, 16, 10, 0), commune=commune("uccle"))
    Evaluation.objects.create(page=forest_orientation[0], participants_present=10, satisfaction=4)
    Evaluation.objects.create(page=forest_orientation[2], participants_present=12, satisfaction=5)

    rows = [
        (r.commune, r.phase, r.activities, r.ended, r.evaluated, r.completion, r.satisfaction)
        for r in completion_rows([trajet])
    ]

    assert rows == [("Forest", "Orientation", 3, 3, 2, 67, 4.5), ("Uccle", "Orientation", 1, 1, 0, 0, None)]
