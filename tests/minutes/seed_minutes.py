"""The committee minutes of the seed, as written (the text of the Word file the import tests build)."""

SEED_MINUTES = """\
 Ordre du Jour :
1. Retour sur le Partner Day – Evaluation, synthèse et perspectives
2. Etat des lieux du Trajet emploi 2017
3. Présentation des discussions relatives à la journée de rencontre autour de l’économie sociale, du jeudi 18 mai avec les Français d’Interm’aide
4. Divers
- - -
1. Retour partner day
Discussions sur le déroulement du Partner Day (voir document résumant le Partner Day rédigé par Guillaume).
Comment faire en sorte que les travailleurs participants puissent utiliser dans leur travail quotidien les réflexions menées durant cette journée ?
Par exemple, en organisant des ateliers tous les trimestres, sur le temps de midi, ou des demi-journées, sur base d’une participation volontaire.
Philippe de FIJ avait aussi proposé des « midis de la guidance » pour amener les agents de guidance à échanger sur leurs pratiques et sur des cas emblématiques.
L’idée de ces journées étant une sorte d’Intervision entre membres de différentes structures. A ce niveau, les travailleurs ont été, dans l’ensemble, satisfaits et ont trouvé cette journée enrichissante. Il peut être intéressant de réfléchir ensemble à la forme que peut prendre la poursuite de ces réflexions. Eventuellement, organiser une journée sur une des thématiques abordées, pour pouvoir la travailler plus en profondeur.
Présentation des différentes thématiques de la journée (cf. document fourni en annexes).
Luc présente le livre « Le secteur non-marchand au cœur du changement », Hamzaoui, Artois, Melon.
Réflexions diverses :
· Sur le rôle et la parole des usagers au sein de ces réflexions : comment leur donner cette parole ? Quel cadre créer pour que cette parole puisse être réfléchie et pas juste instantanée ? Que faire de cette parole, vers qui la porter ? Nécessité de prendre le temps d’y réfléchir.
· Sur la question du double subventionnement et de la phobie subséquente des pouvoirs subsidiant.
· De cette question découle également la mise en réseau des compétences-structures, afin d’éviter cette double subvention tout en permettant une mise en commun des savoir-faire, au bénéfice du public accompagné.
· A qui en parler ? Au ministre compétent ?
2. Etat des lieux du Trajet emploi 2017
Le TE démarre lundi 24-04.
Le processus de développement a été validé par la CZS il y a environ six mois. Il y a un comité de pilotage conjoint qui chapeaute le projet.
Le projet a été découpé en trois pôles, sous forme de trajet à part entière.
· Trajet pour le chercheur d’emploi en trois phases : orientations, découvertes des métiers et outillage.
· Ensuite, cela a été décliné en activités par communes, selon ces trois phases.
· Chaque commune a ensuite organisé un événement sur son territoire pour s’intégrer au sein de ce parcours.
C’est la quatrième année de suite qu’a lieu le trajet emploi. Détail pôle par pôle :
· Orientation :
· Saint-Gilles : conférence avec Smart : refaire le monde du travail. Réflexion sur la valeur travail au sein de notre société. En présence du nouveau directeur de Smart. L’événement aura lieu à la maison communale de St-Gilles.
· Forest : create your job. Faire découvrir de manière ludique et interactive le dispositif d’accompagnement à la création d’emploi à Bruxelles. Les partenaires actifs dans le domaine seront présents. Il s’agira de voir, pour les participants, quelle structure d’accompagnement est la plus à même de répondre à leurs attentes.
· Uccle : ouvrir le champ des possibles (Déclic en perspectives, asbl) : permettre aux DE d’aborder leur recherche par différents prismes auxquels ils n’auraient pas nécessairement pensé. Aborder sa recherche d’emploi autrement, valoriser d’autres ressources, éviter de voir la recherche d’emploi comme une ligne droite pleine d’obstacles, etc.
· Découverte des métiers :
· St-Gilles : Start-Job au CCJF. Art et culture. Différents partenaires présents avec leur stand. Présence d’une photographe professionnelle pour aider les participants. Aider à la promotion des activités des participants. Présence aussi de la validation des compétences. Speed coaching sur l’entrepreneuriat collectif. Séance d’info sur le crowdfunding. Etc.
· Uccle : Aide aux seniors : faire découvrir les différents métiers de l’aide aux personnes âgées, rencontrer les associations actives dans le secteur, etc. Présentation par deux directrices de maison de repos. Tables rondes où seront présents des professionnels du secteur, pour répondre aux questions des participants. Différents aspects traités : aide-soignant/médical, horéca, administratif, ouvrier logistique ou d’entretien, etc. En fin de journée, visite du home avec ceux qui le souhaitent.
· Forest (mais aussi sur les deux autres communes) : Horéca : découverte des métiers : on commence à l’EFP à Uccle (grand panel de formations horéca), présentation des formations ; à midi, direction au restaurant social de l’asbl For.E.T., rencontre avec les stagiaires et formateurs ; après-midi, Ateliers du midi (Cenforgil), rencontre stagiaires et formateurs.
· Outillage :
· Uccle : Job Day : coaching express avant l’événement, par rapport aux profils recherchés durant le job day ; accueil des participants à partir de 13h. Ensuite, événement « Oui, mais » ayant pour but de lutter contre les croyances limitantes, afin d’encourager les participants à ne pas se limiter à ce qu’ils pensent pouvoir faire.
· Forest : Atelier de découverte des méthodes ludiques d’apprentissage du NL à la Maison de l’emploi, en collaboration avec la Huis van het Nederlands. Ensuite, explication du dispositif des chèques-langues.
· Saint-Gilles : événement réseaux sociaux, comment les utiliser dans une perspective de recherche d’emploi ? Cela s’adresse à un public déjà familiarisé à l’usage des réseaux sociaux. A la MEF de Saint-Gilles, sur inscription.
Quid de l’évaluation ? Une fiche d’évaluation a été partagée. Il faut veiller à ce que chaque organisateur d’événement remplisse cette fiche, qu’on puisse avoir une vision a posteriori du déroulement de chaque activité.
3. Journée de rencontre économie sociale du 18 mai
L’année passée, on avait visité un centre d’économie sociale près de Lille (Interm’aide) et nous avions souhaité les inviter à Bruxelles. Il s’agit de leur montrer des projets innovants en RBC.
Stéphane avait été l’organisateur de cette journée.
La visite est ouverte aux partenaires de la zone sud (2 personnes max par structure).
Programme disponible en annexes.
Départ à 8h30 à la MEF de Molenbeek. Visite de la crèche.
Ensuite, départ 9h30 vers PermaFunghi à Tour & Taxis (entreprise à visée sociale).
11h – Ateliers Groot Eiland et découverte de leurs différentes initiatives. Entreprise de travail adapté (courrier, transformation du pain, petite épicerie, potager urbain, etc).
13h – Déjeuner au restaurant collectif des ateliers Groot Eiland.
14h30 – Visite du Brussels Beer Project, rue Dansaert.
Fin et retour vers Gare du Midi pour ceux qui veulent.
Tarifs repas du midi – plat du jour à 8 euros ou lunch à 11 euros.
4. Divers
Prochaine réunion de la CZS le 16-06-2017. 9h30 à la MEF de Forest ou de St-Gilles (à confirmer asap).
OJ : feedback trajet emploi, journée 18 mai et rentrée 2017.
"""
