"""Search through the permission matrix's viewers: a client appears exactly for the viewers that may
see it, and for the others the page is the page of a search that found no one."""

import re

import pytest

from hearth.access.models import AuditEvent
from hearth.clients import search_keys
from tests.access.test_permission_matrix import VIEWERS, build, counts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_shows_the_client_only_to_viewers_who_may_see_it(viewer):
    person, browser = build(viewer)
    search_keys.refresh([person.pk])
    before = counts()
    response = browser.get("/clients/", {"q": f"Alexandra {person.last_name}"})
    if viewer == "anonymous":
        assert response.status_code == 302
        assert counts() == before
        return
    if viewer == "same agency without the role":
        assert response.status_code == 403
        assert counts() == before
        return
    body = response.content.decode()
    searches = AuditEvent.objects.filter(action="search").values_list("detail", flat=True)
    assert list(searches) == [{"query": f"Alexandra {person.last_name}"}]
    assert counts() == {**before, "access.AuditEvent": before["access.AuditEvent"] + 1}
    if VIEWERS[viewer]:
        assert f'href="/clients/{person.pk}/"' in body
        return
    assert person.pk not in body
    assert "No client you may see matches “Alexandra " in body
    nobody = browser.get("/clients/", {"q": "Alexandra Doe999999"}).content.decode()
    assert without_tokens(body.replace(person.last_name, "Doe999999")) == without_tokens(nobody)


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
