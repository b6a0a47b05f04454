"""Demo registrations and evaluations, so that the public pages and the admin screens show real rows.

- "Les réseaux sociaux pour chercher un emploi" (8 places): full, with three people on the waiting list.
- The visit day (20 places, 2 per organisation): people of several partners; a third person of the MEF de
  Forest waits for a place of her organisation while people of other organisations are confirmed after her.
  Each chose a lunch (plat du jour, lunch or none), so that the meals report shows totals per structure.
- Evaluations for the first half of the activities that have ended (with ``load_demo`` at the 2017 dates,
  every activity has ended: five have an evaluation and the others wait in the admin panel "Activités à
  évaluer"; with ``make run`` the trajet starts next Monday, so nothing has ended yet and no evaluation is made).

Idempotent: a person already registered (same e-mail) or an activity already evaluated is left alone (a visit
registration made before meals existed gets its demo meal once). The people are fictitious (``example.org``
addresses); no e-mail is sent for them.
"""

from django.utils import timezone

from evaluations.models import Evaluation
from registrations.allocation import register
from registrations.models import Registration

WORKSHOP_SLUG = "reseaux-sociaux-et-recherche-d-emploi"

WORKSHOP_PEOPLE = [
    "Amina Benali",
    "Marc Dupont",
    "Fatou Diallo",
    "Jan Peeters",
    "Sofia Rossi",
    "Youssef El Amrani",
    "Claire Lambert",
    "Ion Popescu",
    "Nadia Haddad",
    "Pierre Lejeune",
    "Mariam Kone",
]

# (name, organisation short name or name, the lunch's label or None): the third "MEF Forest" person waits for a
# place of her organisation.
VISIT_PEOPLE = [
    ("Isabelle Martin", "MEF Saint-Gilles", "Plat du jour"),
    ("Karim Ouali", "MEF Saint-Gilles", "Lunch"),
    ("Sarah Janssens", "MEF Forest", "Plat du jour"),
    ("Thomas Leroy", "MEF Forest", None),
    ("Laura Mertens", "MEF Forest", "Lunch"),
    ("Hugo Dubois", "MEF Uccle", "Lunch"),
    ("Leila Amrani", "Déclic en perspectives", "Plat du jour"),
]

EVALUATIONS = [
    # participants present, satisfaction, what worked, to improve, follow-up
    (
        42,
        4,
        "Salle comble et débat animé avec le directeur de Smart.",
        "Prévoir plus de temps pour les questions du public.",
        "Envoyer la présentation aux participants.",
    ),
    (
        18,
        5,
        "Format ludique apprécié ; les partenaires présents ont répondu à toutes les questions.",
        "Mieux annoncer l'activité dans les antennes locales.",
        "Rendez-vous individuels proposés à six participants.",
    ),
    (
        15,
        3,
        "Bonne animation par Déclic en perspectives.",
        "Groupe trop hétérogène ; mieux cibler le public.",
        "Atelier de suivi en juin.",
    ),
    (
        25,
        4,
        "Les ateliers pratiques au CCJF ont plu.",
        "Pause de midi trop courte.",
        "Contacts transmis aux partenaires culturels.",
    ),
    (
        12,
        4,
        "Témoignages d'aides-soignantes très concrets.",
        "Peu de participants masculins.",
        "Visite d'une maison de repos à organiser.",
    ),
]


def _email(name):
    return name.lower().replace(" ", ".").replace("'", "") + "@example.org"


def _register(page, name, organisation=None, meal=None):
    email = _email(name)
    active = Registration.objects.filter(page=page, email=email).exclude(status=Registration.Status.CANCELLED)
    if active.exists():
        if meal:  # registered by a load before meals were recorded
            active.filter(meal_label="").update(meal_label=meal.label, meal_price=meal.price)
        return
    register(page, name=name, email=email, organisation=organisation, meal=meal, check_open=False, send_email=False)


def load(activities, visit, orgs, now=None):
    """Add the demo registrations and evaluations (see the module's docstring). ``orgs``: by short name."""
    now = now or timezone.now()
    workshop = next(page for page in activities if page.slug == WORKSHOP_SLUG)
    for name in WORKSHOP_PEOPLE:
        _register(workshop, name)
    meals = {option.label: option for option in visit.meal_options()}
    for name, organisation, meal in VISIT_PEOPLE:
        _register(visit, name, orgs[organisation], meals.get(meal))
    ended = sorted((page for page in activities if page.end < now), key=lambda page: page.start)
    for page, values in zip(ended[: (len(ended) + 1) // 2], EVALUATIONS, strict=False):
        participants, satisfaction, worked, improve, follow_up = values
        Evaluation.objects.get_or_create(
            page=page,
            defaults={
                "participants_present": participants,
                "satisfaction": satisfaction,
                "what_worked": worked,
                "to_improve": improve,
                "follow_up": follow_up,
            },
        )
