"""The demo's privacy notice and accessibility statement (standard pages), re-exported by ``content``."""

PRIVACY_PAGE = {
    "slug": "confidentialite",
    "title": "Politique de confidentialité",
    "intro": "Comment les maisons de l'emploi de la zone sud traitent les données que vous leur confiez.",
    "body": [
        ("heading", {"text": "Qui traite vos données ?", "level": "h2"}),
        (
            "paragraph",
            "<p>Les maisons de l'emploi et de la formation de Saint-Gilles, Forest et Uccle, pour "
            "l'organisation du Trajet emploi et des journées de visites.</p>",
        ),
        ("heading", {"text": "Quelles données et pourquoi ?", "level": "h2"}),
        (
            "paragraph",
            "<p>Quand vous vous inscrivez à une activité : votre nom, votre adresse e-mail et, si vous "
            "le donnez, votre numéro de téléphone. Ils servent uniquement à gérer votre inscription (confirmation, "
            "liste d'attente, annulation) et à vous prévenir d'un changement.</p>",
        ),
        ("heading", {"text": "Combien de temps ?", "level": "h2"}),
        (
            "paragraph",
            "<p>Le nom, l'adresse e-mail et le téléphone sont effacés 90 jours après la fin de "
            "l'activité. Seul le nombre de participants est conservé, pour l'évaluation du trajet.</p>",
        ),
        ("heading", {"text": "Vos droits", "level": "h2"}),
        (
            "paragraph",
            "<p>Vous pouvez annuler votre inscription à tout moment par le lien reçu dans l'e-mail de "
            "confirmation, et demander l'accès à vos données ou leur effacement à la maison de l'emploi qui organise "
            "l'activité.</p>",
        ),
    ],
}

ACCESSIBILITY_PAGE = {
    # The model statement of the EU implementing decision 2018/1523: status, what is not accessible, how and when
    # the statement was drawn up, how to report a problem, where to turn next. (Not in the minutes.)
    "slug": "accessibilite",
    "title": "Déclaration d'accessibilité",
    "intro": "Nous voulons que chacun puisse utiliser ce site, quel que soit son équipement ou son handicap.",
    "body": [
        ("heading", {"text": "État de conformité", "level": "h2"}),
        (
            "paragraph",
            "<p>Les maisons de l'emploi et de la formation de Saint-Gilles, Forest et Uccle s'engagent à "
            "rendre ce site accessible, conformément à la directive européenne 2016/2102 et à l'ordonnance "
            "bruxelloise du 14 octobre 2018. Le site vise le niveau AA des règles WCAG 2.1. Il est <b>partiellement "
            "conforme</b> : les contenus listés ci-dessous ne le sont pas encore.</p>",
        ),
        ("heading", {"text": "Contenus non accessibles", "level": "h2"}),
        (
            "list",
            [
                "Les annexes des procès-verbaux (PDF, documents bureautiques) fournies par les partenaires peuvent ne "
                "pas être accessibles ; demandez-nous une version accessible.",
                "Les pages de ce site ne sont pas encore toutes traduites en néerlandais et en anglais.",
            ],
        ),
        ("heading", {"text": "Ce que nous avons fait", "level": "h2"}),
        (
            "list",
            [
                "Le site fonctionne entièrement au clavier, avec un lien « Aller au contenu » et un focus visible.",
                "Il s'affiche sans défilement horizontal sur un écran de 320 pixels et reste lisible avec un zoom "
                "de 200 %.",
                "Les filtres de l'agenda fonctionnent sans JavaScript ; avec JavaScript, le nombre de résultats est "
                "annoncé aux lecteurs d'écran.",
                "Les couleurs respectent les contrastes du niveau AA ; chaque image a un texte alternatif.",
                "Le site ne charge rien depuis un autre site et la page de l'agenda pèse moins de 100 ko.",
            ],
        ),
        ("heading", {"text": "Établissement de cette déclaration", "level": "h2"}),
        (
            "paragraph",
            "<p>Cette déclaration a été établie le 30 novembre 2026, par auto-évaluation. Méthode : à "
            "chaque modification du site, chaque type de page (accueil, agenda et ses filtres, trajet, activité, "
            "journée de visites, recherche, connexion, page introuvable, pages d'information) est vérifié "
            "automatiquement dans le navigateur Chromium avec l'outil axe-core (règles WCAG 2.1 A et AA), au "
            "clavier, à 320, 768 et 1280 pixels de large, avec un zoom de 200 % et à l'impression. Les rédacteurs "
            "disposent du vérificateur d'accessibilité de Wagtail sur chaque page qu'ils publient.</p>",
        ),
        ("heading", {"text": "Signaler un problème", "level": "h2"}),
        (
            "paragraph",
            "<p>Si vous ne parvenez pas à accéder à un contenu ou à un service, dites-le-nous : à "
            "l'accueil de la maison de l'emploi de Saint-Gilles, de Forest ou d'Uccle, par téléphone ou par "
            "e-mail. Nous vous répondrons dans les 30 jours et vous fournirons l'information sous une autre "
            "forme (par téléphone, sur papier, en gros caractères).</p>",
        ),
        ("heading", {"text": "Voies de recours", "level": "h2"}),
        (
            "paragraph",
            "<p>Si notre réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès "
            "du Médiateur bruxellois, qui traite gratuitement les plaintes concernant les services publics de la "
            "Région de Bruxelles-Capitale.</p>",
        ),
    ],
}
