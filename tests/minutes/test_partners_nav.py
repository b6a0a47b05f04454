"""The header leads partners to their space: through the login when needed, then back there; and stays."""

from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import MinutesIndexPageFactory, UserFactory


def header_link(html):
    header = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return header.split('">Espace partenaires</a>', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]


def test_from_the_header_through_the_login_to_the_minutes(client, home, settings):
    space = MinutesIndexPageFactory(parent=home)
    group = Group.objects.get(name=settings.PARTNERS_GROUP_NAME)
    restriction = PageViewRestriction.objects.create(page=space, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    UserFactory(username="partner", password="partner-pass-123", groups=[settings.PARTNERS_GROUP_NAME])

    link = header_link(client.get("/fr/").text)
    assert link == "/fr/espace-partenaires/"
    response = client.get(link)
    assert response.status_code == 302
    login = response["Location"]
    assert login == "/fr/accounts/login/?next=/fr/espace-partenaires/"
    response = client.post(login, {"username": "partner", "password": "partner-pass-123"})
    assert response.status_code == 302 and response["Location"] == "/fr/espace-partenaires/"
    assert client.get(response["Location"]).status_code == 200
    assert header_link(client.get("/fr/").text) == "/fr/espace-partenaires/"
