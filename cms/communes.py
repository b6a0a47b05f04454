"""The 19 communes of the Brussels-Capital Region: slug, postcode, and their names in French, Dutch, English.

Source: the Region's official bilingual names (brussels.be / be.brussels). The slug is the French name in
lower case without accents; it never changes, so links such as ``?commune=forest`` survive renames.
"""

COMMUNES = [
    # slug, postcode, fr, nl, en
    ("anderlecht", "1070", "Anderlecht", "Anderlecht", "Anderlecht"),
    ("auderghem", "1160", "Auderghem", "Oudergem", "Auderghem"),
    ("berchem-sainte-agathe", "1082", "Berchem-Sainte-Agathe", "Sint-Agatha-Berchem", "Berchem-Sainte-Agathe"),
    ("bruxelles", "1000", "Bruxelles", "Brussel", "City of Brussels"),
    ("etterbeek", "1040", "Etterbeek", "Etterbeek", "Etterbeek"),
    ("evere", "1140", "Evere", "Evere", "Evere"),
    ("forest", "1190", "Forest", "Vorst", "Forest"),
    ("ganshoren", "1083", "Ganshoren", "Ganshoren", "Ganshoren"),
    ("ixelles", "1050", "Ixelles", "Elsene", "Ixelles"),
    ("jette", "1090", "Jette", "Jette", "Jette"),
    ("koekelberg", "1081", "Koekelberg", "Koekelberg", "Koekelberg"),
    ("molenbeek-saint-jean", "1080", "Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean"),
    ("saint-gilles", "1060", "Saint-Gilles", "Sint-Gillis", "Saint-Gilles"),
    ("saint-josse-ten-noode", "1210", "Saint-Josse-ten-Noode", "Sint-Joost-ten-Node", "Saint-Josse-ten-Noode"),
    ("schaerbeek", "1030", "Schaerbeek", "Schaarbeek", "Schaerbeek"),
    ("uccle", "1180", "Uccle", "Ukkel", "Uccle"),
    ("watermael-boitsfort", "1170", "Watermael-Boitsfort", "Watermaal-Bosvoorde", "Watermael-Boitsfort"),
    ("woluwe-saint-lambert", "1200", "Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe", "Woluwe-Saint-Lambert"),
    ("woluwe-saint-pierre", "1150", "Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe", "Woluwe-Saint-Pierre"),
]
