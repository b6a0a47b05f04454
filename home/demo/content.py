"""The demo content, taken from the zone committee's minutes (``shared/seeds/000_e4588a72d4deeed9.txt``).

Dates are those of 2017 as the minutes give them. Where the minutes are silent, the choices are ours and are
marked "(not in the minutes)" here:
- the meeting's own date: Tuesday 18 April 2017 at 9:30 (the minutes speak of the trajet starting "lundi
  24-04" in the future tense and of 18 May as to come);
- each activity's day and hours inside the trajet (the minutes give the phase and the commune of each, not
  the day): orientation in the first week, discovery of trades in the second and third, tooling after;
- the visit day's end time (16:30) and the trajet's last day.
People's first names are replaced by their role or organisation.

Actions are ``(what, who, due)``; ``due`` is ``None`` or the name of a timeline date (``"trajet_start"``,
``"next_meeting"``). The demo's actions of the coordination are the CZS's ("CZS – zone sud"), the partners' own
role otherwise. The meeting after this one (16 June 2017) is prepared as a draft, as "Préparer la prochaine
réunion" does in the admin: its planned agenda and the open actions.

Texts may name dates as ``{trajet_start}``, ``{visit}``, ``{visit_short}``, ``{meeting}``, ``{next_meeting}``,
``{year}`` (the trajet's) and ``{rentree_year}``: the loader writes them in French from the (possibly shifted)
timeline, whose days are working days (``loader.Timeline``). The trajet's slug carries its year too. The home
page says "chaque année", not a season: shifted, the trajet may run in any month.

All times are local (Europe/Brussels) wall-clock times; the loader makes them aware.
"""

import datetime as dt

TRAJET_START = dt.date(2017, 4, 24)  # "Le TE démarre lundi 24-04."

ORGANISATIONS = [
    # name, short name, website
    ("Maison de l'emploi et de la formation de Saint-Gilles", "MEF Saint-Gilles", ""),
    ("Maison de l'emploi et de la formation de Forest", "MEF Forest", ""),
    ("Maison de l'emploi et de la formation d'Uccle", "MEF Uccle", ""),
    ("Maison de l'emploi de Molenbeek", "MEF Molenbeek", ""),
    ("Smart", "", "https://smartbe.be"),
    ("Déclic en perspectives asbl", "Déclic en perspectives", ""),
    ("Centre culturel Jacques Franck", "CCJF", ""),
    ("efp – centre de formation des PME", "EFP", ""),
    ("For.E.T. asbl (restaurant social)", "For.E.T.", ""),
    ("Cenforgil – Ateliers du midi", "Cenforgil", ""),
    ("Huis van het Nederlands Brussel", "Huis van het Nederlands", ""),
    ("Interm'aide", "", ""),
    ("FIJ", "", ""),
    ("CZS – zone sud", "CZS", ""),
]

VENUES = [
    # key, name, street, commune slug
    ("maison-communale-st-gilles", "Maison communale de Saint-Gilles", "Place Maurice Van Meenen 39", "saint-gilles"),
    ("ccjf", "Centre culturel Jacques Franck", "Chaussée de Waterloo 94", "saint-gilles"),
    ("mef-st-gilles", "Maison de l'emploi de Saint-Gilles", "", "saint-gilles"),
    ("mef-forest", "Maison de l'emploi de Forest", "", "forest"),
    ("efp-uccle", "efp – centre de formation des PME", "", "uccle"),
    ("mef-molenbeek", "Maison de l'emploi de Molenbeek (crèche)", "", "molenbeek-saint-jean"),
]

HOME = {
    "title": "Trajet emploi – zone sud de Bruxelles",
    "intro": (
        "<p>Les maisons de l'emploi et de la formation (MEF) de <b>Saint-Gilles</b>, <b>Forest</b> et "
        "<b>Uccle</b> et leurs associations partenaires proposent chaque année un <b>Trajet emploi</b> : "
        "des activités gratuites pour s'orienter, découvrir des métiers et s'outiller dans sa recherche "
        "d'emploi.</p>"
    ),
}

AGENDA = {
    "title": "Agenda",
    "slug": "agenda",
    "intro": "<p>Les activités du Trajet emploi et les journées de visites, par commune et par phase.</p>",
}

TRAJET = {
    "title": "Trajet emploi {year}",
    "slug": "trajet-emploi-{year}",
    "end_offset_days": 30,  # last activity on day 30 (Wednesday 24 May 2017) — not in the minutes
    "intro": (
        "<p>C'est la quatrième année de suite qu'a lieu le Trajet emploi. Un trajet pour le chercheur d'emploi "
        "en trois phases : <b>orientation</b>, <b>découverte des métiers</b> et <b>outillage</b>. Chaque phase "
        "est déclinée en activités par commune : chaque commune organise un événement sur son territoire pour "
        "s'intégrer au parcours.</p>"
    ),
    "steering_committee": (
        "<p>Le processus de développement a été validé par la CZS. Un comité de pilotage conjoint des MEF de "
        "Saint-Gilles, Forest et Uccle chapeaute le projet.</p>"
    ),
}

# Each activity: day offset from TRAJET_START and local start/end times are ours (not in the minutes).
ACTIVITIES = [
    {
        "slug": "refaire-le-monde-du-travail",
        "title": "Conférence « Refaire le monde du travail » avec Smart",
        "phase": "orientation",
        "commune": "saint-gilles",
        "other_communes": [],
        "venue": "maison-communale-st-gilles",
        "organisers": ["MEF Saint-Gilles", "Smart"],
        "day": 0,
        "start": (9, 30),
        "end": (12, 30),
        "registration_required": False,
        "summary": "Une réflexion sur la valeur travail au sein de notre société, en présence du nouveau directeur de Smart.",
        "body": [
            (
                "paragraph",
                "<p>Conférence avec Smart : <b>refaire le monde du travail</b>. Réflexion sur la valeur "
                "travail au sein de notre société, en présence du nouveau directeur de Smart.</p>"
                "<p>L'événement a lieu à la maison communale de Saint-Gilles.</p>",
            ),
        ],
    },
    {
        "slug": "create-your-job",
        "title": "Create your job",
        "phase": "orientation",
        "commune": "forest",
        "other_communes": [],
        "venue": None,
        "organisers": ["MEF Forest"],
        "day": 2,
        "start": (9, 30),
        "end": (13, 0),
        "registration_required": False,
        "summary": "Découvrir de manière ludique et interactive l'accompagnement à la création d'emploi à Bruxelles.",
        "body": [
            (
                "paragraph",
                "<p>Faire découvrir de manière ludique et interactive le dispositif d'accompagnement à "
                "la création d'emploi à Bruxelles. Les partenaires actifs dans le domaine seront présents.</p>"
                "<p>Il s'agira de voir, pour les participants, quelle structure d'accompagnement est la plus à même "
                "de répondre à leurs attentes.</p>",
            ),
        ],
    },
    {
        "slug": "ouvrir-le-champ-des-possibles",
        "title": "Ouvrir le champ des possibles",
        "phase": "orientation",
        "commune": "uccle",
        "other_communes": [],
        "venue": None,
        "organisers": ["MEF Uccle", "Déclic en perspectives"],
        "day": 4,
        "start": (9, 30),
        "end": (12, 30),
        "registration_required": False,
        "summary": "Aborder sa recherche d'emploi autrement, avec Déclic en perspectives.",
        "body": [
            (
                "paragraph",
                "<p>Avec <b>Déclic en perspectives asbl</b> : permettre aux demandeurs d'emploi "
                "d'aborder leur recherche par différents prismes auxquels ils n'auraient pas nécessairement "
                "pensé.</p>",
            ),
            (
                "list",
                [
                    "Aborder sa recherche d'emploi autrement",
                    "Valoriser d'autres ressources",
                    "Éviter de voir la recherche d'emploi comme une ligne droite pleine d'obstacles",
                ],
            ),
        ],
    },
    {
        "slug": "start-job-art-et-culture",
        "title": "Start-Job : art et culture",
        "phase": "decouverte-metiers",
        "commune": "saint-gilles",
        "other_communes": [],
        "venue": "ccjf",
        "organisers": ["MEF Saint-Gilles", "CCJF"],
        "day": 8,
        "start": (10, 0),
        "end": (16, 0),
        "registration_required": False,
        "summary": "Les métiers de l'art et de la culture : stands des partenaires, photographe, speed coaching, crowdfunding.",
        "body": [
            (
                "paragraph",
                "<p>Start-Job au CCJF autour de l'art et de la culture. Différents partenaires sont "
                "présents avec leur stand.</p>",
            ),
            (
                "list",
                [
                    "Une photographe professionnelle pour aider les participants et la promotion de leurs activités",
                    "La validation des compétences",
                    "Speed coaching sur l'entrepreneuriat collectif",
                    "Séance d'information sur le crowdfunding",
                ],
            ),
        ],
    },
    {
        "slug": "aide-aux-seniors",
        "title": "Les métiers de l'aide aux seniors",
        "phase": "decouverte-metiers",
        "commune": "uccle",
        "other_communes": [],
        "venue": None,
        "organisers": ["MEF Uccle"],
        "day": 10,
        "start": (9, 30),
        "end": (16, 0),
        "registration_required": False,
        "summary": "Découvrir les métiers de l'aide aux personnes âgées et rencontrer les associations du secteur.",
        "body": [
            (
                "paragraph",
                "<p>Faire découvrir les différents métiers de l'aide aux personnes âgées et rencontrer "
                "les associations actives dans le secteur. Présentation par deux directrices de maison de repos, "
                "puis tables rondes avec des professionnels du secteur pour répondre aux questions des "
                "participants.</p>",
            ),
            ("list", ["Aide-soignant et médical", "Horéca", "Administratif", "Ouvrier logistique ou d'entretien"]),
            ("paragraph", "<p>En fin de journée, visite du home avec celles et ceux qui le souhaitent.</p>"),
        ],
    },
    {
        "slug": "decouverte-des-metiers-horeca",
        "title": "Découverte des métiers de l'horéca",
        "phase": "decouverte-metiers",
        "commune": "uccle",
        "other_communes": ["forest", "saint-gilles"],
        "venue": "efp-uccle",
        "organisers": ["MEF Forest", "EFP", "For.E.T.", "Cenforgil"],
        "day": 15,
        "start": (9, 0),
        "end": (16, 30),
        "registration_required": False,
        "summary": "Une journée dans trois communes : l'EFP à Uccle, le restaurant social de For.E.T. à Forest, les Ateliers du midi à Saint-Gilles.",
        "body": [
            ("paragraph", "<p>Une journée portée par Forest, mais qui traverse les trois communes.</p>"),
            (
                "programme",
                [
                    ((9, 0), "EFP, Uccle", "Grand panel de formations horéca : présentation des formations."),
                    (
                        (12, 0),
                        "Restaurant social de For.E.T., Forest",
                        "Rencontre avec les stagiaires et les formateurs.",
                    ),
                    (
                        (14, 0),
                        "Ateliers du midi (Cenforgil), Saint-Gilles",
                        "Rencontre avec les stagiaires et les formateurs.",
                    ),
                ],
            ),
            ("partners", ["EFP", "For.E.T.", "Cenforgil"]),
        ],
    },
    {
        "slug": "job-day",
        "title": "Job Day",
        "phase": "outillage",
        "commune": "uccle",
        "other_communes": [],
        "venue": None,
        "organisers": ["MEF Uccle"],
        "day": 22,
        "start": (10, 0),
        "end": (17, 0),
        "registration_required": False,
        "summary": "Coaching express avant l'événement, rencontre avec les employeurs, puis « Oui, mais ».",
        "body": [
            (
                "programme",
                [
                    ((10, 0), "Coaching express", "Préparation par rapport aux profils recherchés durant le Job Day."),
                    ((13, 0), "Accueil des participants", ""),
                    (
                        (15, 0),
                        "« Oui, mais »",
                        "Lutter contre les croyances limitantes, pour ne pas se limiter à ce "
                        "qu'on pense pouvoir faire.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "apprendre-le-neerlandais-autrement",
        "title": "Apprendre le néerlandais autrement",
        "phase": "outillage",
        "commune": "forest",
        "other_communes": [],
        "venue": "mef-forest",
        "organisers": ["MEF Forest", "Huis van het Nederlands"],
        "day": 28,
        "start": (9, 30),
        "end": (12, 30),
        "registration_required": False,
        "summary": "Atelier de découverte des méthodes ludiques d'apprentissage du néerlandais, puis les chèques-langues.",
        "body": [
            (
                "paragraph",
                "<p>Atelier de découverte des méthodes ludiques d'apprentissage du néerlandais, en "
                'collaboration avec le <span lang="nl">Huis van het Nederlands</span>. Ensuite, explication du '
                "dispositif des chèques-langues.</p>",
            ),
        ],
    },
    {
        "slug": "reseaux-sociaux-et-recherche-d-emploi",
        "title": "Les réseaux sociaux pour chercher un emploi",
        "phase": "outillage",
        "commune": "saint-gilles",
        "other_communes": [],
        "venue": "mef-st-gilles",
        "organisers": ["MEF Saint-Gilles"],
        "day": 30,
        "start": (9, 30),
        "end": (12, 30),
        "registration_required": True,
        "registration_info": "Auprès de la MEF de Saint-Gilles.",
        "capacity": 8,  # (not in the minutes) a small workshop: the demo fills it and keeps a waiting list
        "registration_open": True,
        "summary": "Comment utiliser les réseaux sociaux dans une recherche d'emploi ? Pour un public qui les utilise déjà.",
        "body": [
            (
                "paragraph",
                "<p>Comment utiliser les réseaux sociaux dans une perspective de recherche d'emploi ? "
                "Cet atelier s'adresse à un public déjà familiarisé à l'usage des réseaux sociaux.</p>"
                "<p>À la MEF de Saint-Gilles, <b>sur inscription</b>.</p>",
            ),
        ],
    },
]

VISIT = {
    "slug": "journee-economie-sociale",
    "title": "Journée de rencontre autour de l'économie sociale",
    "date": dt.date(2017, 5, 18),  # "jeudi 18 mai"
    "start": (8, 30),
    "end": (16, 30),  # (not in the minutes)
    "commune": "molenbeek-saint-jean",
    "other_communes": ["bruxelles"],
    "venue": "mef-molenbeek",
    "meeting_point": "MEF de Molenbeek, à 8 h 30 (visite de la crèche)",
    "organisers": ["CZS"],
    "max_per_organisation": 2,
    "audience": "Les partenaires de la zone sud (2 personnes maximum par structure)",
    "registration_required": True,
    "registration_info": "Auprès de la coordination de la zone sud.",
    "capacity": 20,  # (not in the minutes) one coach
    "registration_open": True,
    "summary": "Avec nos invités d'Interm'aide (près de Lille) : des projets d'économie sociale innovants à Bruxelles.",
    "intro": (
        "<p>L'année passée, nous avions visité un centre d'économie sociale près de Lille (Interm'aide) et "
        "souhaité les inviter à Bruxelles. Il s'agit de leur montrer des projets innovants en Région de "
        "Bruxelles-Capitale.</p>"
    ),
    "itinerary": [
        ((8, 30), "MEF de Molenbeek", "", "Départ. Visite de la crèche."),
        ((9, 30), "PermaFunghi", "Tour & Taxis, 1000 Bruxelles", "Entreprise à visée sociale."),
        (
            (11, 0),
            "Ateliers Groot Eiland",
            "1080 Molenbeek-Saint-Jean",
            "Découverte de leurs différentes initiatives : entreprise de travail adapté (courrier, transformation du "
            "pain, petite épicerie, potager urbain, etc.).",
        ),
        ((13, 0), "Restaurant collectif des ateliers Groot Eiland", "1080 Molenbeek-Saint-Jean", "Déjeuner."),
        ((14, 30), "Brussels Beer Project", "Rue Antoine Dansaert, 1000 Bruxelles", "Visite."),
        ((16, 30), "Gare du Midi", "1060 Saint-Gilles", "Fin et retour vers la Gare du Midi pour ceux qui veulent."),
    ],
    "meals": [("Plat du jour", "8.00"), ("Lunch", "11.00")],
}

MINUTES_INDEX = {
    "title": "Espace partenaires",
    "slug": "espace-partenaires",
    "intro": "<p>Les procès-verbaux de la commission, réservés aux partenaires de la zone sud.</p>",
}

MEETING = {
    "slug": "reunion-czs",
    "title": "Réunion de la CZS du {meeting}",
    "date": dt.date(2017, 4, 18),  # (not in the minutes)
    "time": (9, 30),
    "organisations_present": ["MEF Saint-Gilles", "MEF Forest", "MEF Uccle"],  # (not in the minutes)
    "agenda": [
        {
            "title": "Retour sur le Partner Day – évaluation, synthèse et perspectives",
            "discussion": (
                "<p>Discussions sur le déroulement du Partner Day (voir le document de synthèse rédigé par la "
                "coordination).</p>"
                "<p>Comment faire en sorte que les travailleurs participants puissent utiliser dans leur travail "
                "quotidien les réflexions menées durant cette journée ? Par exemple en organisant des ateliers "
                "tous les trimestres, sur le temps de midi, ou des demi-journées, sur base d'une participation "
                "volontaire. Le représentant de FIJ avait aussi proposé des « midis de la guidance » pour amener "
                "les agents de guidance à échanger sur leurs pratiques et sur des cas emblématiques : une sorte "
                "d'intervision entre membres de différentes structures.</p>"
                "<p>Les travailleurs ont été, dans l'ensemble, satisfaits et ont trouvé cette journée "
                "enrichissante. Présentation des différentes thématiques de la journée (cf. document fourni en "
                "annexe).</p>"
                "<p>Un membre de la commission présente le livre « Le secteur non-marchand au cœur du "
                "changement » (Hamzaoui, Artois, Melon).</p>"
                "<p>Réflexions diverses :</p><ul>"
                "<li>Sur le rôle et la parole des usagers : comment leur donner cette parole ? Quel cadre créer "
                "pour qu'elle puisse être réfléchie et pas juste instantanée ? Que faire de cette parole, vers qui "
                "la porter ? Nécessité de prendre le temps d'y réfléchir.</li>"
                "<li>Sur la question du double subventionnement et de la phobie subséquente des pouvoirs "
                "subsidiants.</li>"
                "<li>De cette question découle la mise en réseau des compétences-structures, afin d'éviter la "
                "double subvention tout en permettant une mise en commun des savoir-faire, au bénéfice du public "
                "accompagné.</li>"
                "<li>À qui en parler ? Au ministre compétent ?</li></ul>"
            ),
            "decisions": [],
            "actions": [
                (
                    "Réfléchir ensemble à la forme que peut prendre la poursuite des réflexions du Partner Day "
                    "(ateliers trimestriels, midis de la guidance, journée thématique)",
                    "Les partenaires de la CZS",
                    None,
                ),
            ],
        },
        {
            "title": "État des lieux du Trajet emploi {year}",
            "discussion": (
                "<p>Le Trajet emploi démarre le {trajet_start}. Le processus de développement a été validé par la "
                "CZS il y a environ six mois ; un comité de pilotage conjoint chapeaute le projet. C'est la "
                "quatrième année de suite qu'a lieu le trajet.</p>"
                "<p>Le projet a été découpé en trois pôles : un trajet pour le chercheur d'emploi en trois phases "
                "(orientation, découverte des métiers, outillage), décliné en activités par commune ; chaque "
                "commune organise un événement sur son territoire pour s'intégrer au parcours.</p><ul>"
                "<li><b>Orientation</b> : Saint-Gilles, conférence avec Smart « Refaire le monde du travail » à "
                "la maison communale ; Forest, « Create your job » ; Uccle, « Ouvrir le champ des possibles » "
                "(Déclic en perspectives).</li>"
                "<li><b>Découverte des métiers</b> : Saint-Gilles, Start-Job au CCJF (art et culture) ; Uccle, "
                "l'aide aux seniors ; Forest (mais aussi sur les deux autres communes), l'horéca : EFP à Uccle, "
                "restaurant social de For.E.T., Ateliers du midi (Cenforgil).</li>"
                "<li><b>Outillage</b> : Uccle, Job Day et « Oui, mais » ; Forest, atelier de néerlandais avec le "
                "Huis van het Nederlands et les chèques-langues ; Saint-Gilles, les réseaux sociaux dans la "
                "recherche d'emploi, sur inscription.</li></ul>"
                "<p>Quid de l'évaluation ? Une fiche d'évaluation a été partagée.</p>"
            ),
            "decisions": ["Une fiche d'évaluation commune est utilisée pour chaque activité du trajet."],
            "actions": [
                (
                    "Remplir la fiche d'évaluation après chaque activité, pour avoir une vision a posteriori du "
                    "déroulement de chacune",
                    "Chaque organisateur d'activité",
                    None,
                ),
                (
                    "Envoyer la fiche d'évaluation partagée aux organisateurs des activités du trajet",
                    "La coordination",
                    "trajet_start",  # before the trajet starts
                ),
            ],
        },
        {
            "title": "Journée de rencontre autour de l'économie sociale du {visit}, avec Interm'aide",
            "discussion": (
                "<p>L'année passée, la commission avait visité un centre d'économie sociale près de Lille "
                "(Interm'aide) et souhaité les inviter à Bruxelles, pour leur montrer des projets innovants en "
                "Région de Bruxelles-Capitale. La journée a été organisée par l'un des partenaires.</p>"
                "<p>Programme (disponible en annexe) : départ à 8 h 30 à la MEF de Molenbeek et visite de la "
                "crèche ; 9 h 30, PermaFunghi à Tour &amp; Taxis ; 11 h, Ateliers Groot Eiland ; 13 h, déjeuner "
                "au restaurant collectif de Groot Eiland ; 14 h 30, Brussels Beer Project, rue Dansaert ; fin et "
                "retour vers la Gare du Midi. Repas : plat du jour à 8 euros ou lunch à 11 euros.</p>"
            ),
            "decisions": ["La visite est ouverte aux partenaires de la zone sud, 2 personnes maximum par structure."],
            "actions": [],
        },
        {
            "title": "Divers",
            "discussion": "<p>Prochaine réunion de la CZS le {next_meeting}.</p>",
            "decisions": [
                "La prochaine réunion de la CZS a lieu le {next_meeting} à 9 h 30, à la MEF de Forest ou de "
                "Saint-Gilles (à confirmer).",
            ],
            "actions": [
                (
                    "Confirmer au plus vite le lieu de la prochaine réunion (MEF de Forest ou de Saint-Gilles)",
                    "La coordination",
                    "next_meeting",  # before the next meeting
                ),
            ],
        },
    ],
    "next_meeting": {
        "date": dt.date(2017, 6, 16),
        "time": (9, 30),
        "place": "MEF de Forest ou de Saint-Gilles",
        "to_be_confirmed": True,
        "agenda": "<ul><li>Feedback Trajet emploi</li><li>Journée du {visit_short}</li><li>Rentrée {rentree_year}</li></ul>",
    },
}

# The privacy notice and the accessibility statement: a module of their own (long texts).
from .standard_pages import ACCESSIBILITY_PAGE, PRIVACY_PAGE  # noqa: E402, F401
