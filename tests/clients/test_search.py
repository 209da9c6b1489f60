"""Client search: reading the box, ranking with reasons, recall on crafted cases, audit, query counts."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from hearth.access.models import AuditEvent
from hearth.access.permissions import Role
from hearth.clients import search_keys
from hearth.clients.models import Client, ClientSearchKey
from hearth.clients.query import parse
from hearth.clients.search import search_clients
from tests.access import world

pytestmark = pytest.mark.django_db

DOB = datetime.date(1985, 3, 12)


def person(first, last, *, dob=None, ssn=None, middle=None, pid=None, agency=None) -> Client:
    """A client with these identifiers and their search keys; created by ``agency`` when given."""
    client = world.client(first)
    Client.objects.filter(pk=client.pk).update(
        first_name=first, middle_name=middle, last_name=last, dob=dob, ssn=f"xxxxx{ssn}" if ssn else None
    )
    if pid:
        Client.objects.filter(pk=client.pk).update(personal_id=pid)
        client = Client.objects.get(pk=pid)
    if agency is not None:
        world.origin(client, agency)
    search_keys.refresh([client.pk])
    return Client.objects.get(pk=client.pk)


@pytest.fixture
def lead():
    return world.account("lee", world.organization("City"), Role.HMIS_LEAD_ADMIN)


def found(user, text):
    return [(m.name, m.reasons) for m in search_clients(user, text).matches]


# -- reading the box ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dob"),
    [
        ("1985-03-12", DOB),
        ("3/12/1985", DOB),
        ("03/12/85", DOB),
        ("03-12-1985", DOB),
        ("03121985", DOB),
        ("19850312", DOB),
        ("March 12, 1985", DOB),
        ("mar 12 1985", DOB),
        ("12 de marzo de 1985", DOB),
        ("12 March 1985", DOB),
    ],
)
def test_dates_of_birth_in_several_formats(text, dob):
    query = parse(text)
    assert (query.dob, query.names, query.problems) == (dob, [], [])


def test_names_ssn_and_personal_id_are_told_apart():
    query = parse("García-López, María  xxx-xx-1234")
    assert query.names == ["garcia", "lopez", "maria"]
    assert query.surname_first is True
    assert query.last_four == "1234"
    assert parse("123-45-6789").last_four == "6789"
    assert parse("4321").last_four == "4321"
    assert parse("4321").birth_year is None
    assert (parse("1985").last_four, parse("1985").birth_year) == ("1985", 1985)
    assert parse("c0a8f3e9b1d2").personal_id == "c0a8f3e9b1d2"
    assert parse("J. Smith").initials == ["j"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("13/45/1990", "“13/45/1990” is not a date: write a date of birth as 1985-03-12 or 03/12/1985."),
        ("2999-01-01", "“2999-01-01” cannot be a date of birth: it is in the future or before 1900."),
        (
            "Smith 12ab34 x",
            "“12ab34” is not a name, a date of birth, the last four digits of an SSN or a PersonalID.",
        ),
    ],
)
def test_what_cannot_be_read_is_named(text, problem):
    assert parse(text).problems == [problem]


# -- ranking and reasons --------------------------------------------------------------------------


def test_ranked_with_why_each_matched(lead):
    person("William", "Smith", dob=DOB, ssn="1234")
    person("Bill", "Smyth", dob=datetime.date(1990, 1, 1))
    person("Wilma", "Smithers", dob=datetime.date(1970, 5, 5))
    person("Maria", "Lopez", dob=DOB)

    assert found(lead, "Bill Smith 3/12/1985") == [
        ("William Smith", ["nickname Bill = William", "same date of birth"]),
        ("Bill Smyth", ["sounds like Smith ~ Smyth"]),
        ("Maria Lopez", ["same date of birth"]),
    ]


def test_typos_nicknames_and_order(lead):
    person("Jonathan", "Whitfield")
    person("Katherine", "Oduya")
    person("Francisco", "Herrera")

    assert found(lead, "Jonathon Whitfeild") == [
        ("Jonathan Whitfield", ["nickname Jonathon = Jonathan", "sounds like Whitfeild ~ Whitfield"])
    ]
    assert found(lead, "Whitfield Jonathan") == [
        ("Jonathan Whitfield", ["first and last names in the other order"])
    ]
    assert found(lead, "Whitfield, Jonathan") == [("Jonathan Whitfield", ["same name"])]
    assert found(lead, "Kathryn Oduya") == [("Katherine Oduya", ["sounds like Kathryn ~ Katherine"])]
    assert found(lead, "Paco Herrera") == [("Francisco Herrera", ["nickname Paco = Francisco"])]
    assert found(lead, "Frncisco Herrera") == [("Francisco Herrera", ["sounds like Frncisco ~ Francisco"])]
    assert found(lead, "Francisco Herreda") == [("Francisco Herrera", ["similar spelling Herreda ~ Herrera"])]


def test_double_surnames_hyphens_and_accents(lead):
    person("María", "García-López")
    person("María", "García")

    assert found(lead, "Maria Garcia Lopez") == [
        ("María García-López", ["same name"]),
        ("María García", ["recorded with one surname, García"]),
    ]
    assert found(lead, "maria garcialopez") == [("María García-López", ["same name"])]
    assert found(lead, "Maria Garcia") == [
        ("María García", ["same name"]),
        ("María García-López", ["one of the surnames García-López"]),
    ]
    assert found(lead, "Maria Lopez") == [("María García-López", ["one of the surnames García-López"])]
    assert found(lead, "Maria Garcia Perez") == [
        ("María García", ["recorded with one surname, García"]),
        ("María García-López", ["similar spelling Garciaperez ~ Garcialopez"]),
    ]


def test_date_of_birth_ssn_and_personal_id_alone(lead):
    exact = person("Ana", "Reyes", dob=DOB, ssn="4321", pid="c0a8f3e9b1d2")
    person("Tomás", "Reyes", dob=datetime.date(1985, 12, 3))
    person("Ruth", "Ng", ssn="9999")

    assert found(lead, "3/12/1985") == [
        ("Ana Reyes", ["same date of birth"]),
        ("Tomás Reyes", ["date of birth with day and month swapped"]),
    ]
    assert found(lead, "4321") == [("Ana Reyes", ["same SSN last four"])]
    assert found(lead, exact.pk) == [("Ana Reyes", ["PersonalID"])]
    # A name word with an SSN or a date looks only among the clients with that SSN or date.
    assert found(lead, "Reyes 4321") == [("Ana Reyes", ["same SSN last four"])]


def test_a_name_alone_finds_given_names_and_surnames(lead):
    person("Shorty", "Jones")
    person("Ann", "Shorty")
    # Equally good matches come in surname order.
    assert [name for name, _why in found(lead, "Shorty")] == ["Shorty Jones", "Ann Shorty"]


def test_reasons_in_spanish(lead):
    person("William", "Smith", dob=DOB)
    with override("es"):
        result = search_clients(lead, "Bill Smith 1985-03-12")
    assert result.matches[0].reasons == ["apodo Bill = William", "misma fecha de nacimiento"]


def test_recall_on_crafted_cases(lead):
    """Every crafted query finds its client first, among 40 others with close names."""
    targets = {
        "Bill Smith": person("William", "Smith", dob=DOB),
        "Wiliam Smith": person("William", "Smith", dob=datetime.date(1970, 1, 1)),
        "Lupe Martinez Soto": person("Guadalupe", "Martínez-Soto"),
        "Jose Hernandes": person("José", "Hernández", ssn="5555"),
        "Nguyen Tran": person("Tran", "Nguyen", dob=datetime.date(2001, 7, 4)),
        "Dolores O'Brian": person("Dolores", "O'Brien"),
        "Cristopher Jonson": person("Christopher", "Johnson"),
    }
    for first, last in [("Will", "Smart"), ("Wilma", "Smith"), ("Lupita", "Soto"), ("Josefa", "Hernández")]:
        person(first, last)
    for n in range(30):
        person(f"Name{chr(97 + n % 26)}", f"Surname{chr(97 + n % 26)}")
    for text, client in targets.items():
        matches = search_clients(lead, text).matches
        assert matches, text
        assert client.pk in [m.personal_id for m in matches[:2]], text
    assert (
        search_clients(lead, "Lupe Martinez Soto").matches[0].personal_id == targets["Lupe Martinez Soto"].pk
    )


# -- audit and visibility -------------------------------------------------------------------------


def test_every_search_is_audited_with_the_query_not_the_results(lead):
    person("William", "Smith", dob=DOB)
    search_clients(lead, "Bill Smith")
    search_clients(lead, "no one by this name")
    events = list(AuditEvent.objects.filter(action="search").values("username", "personal_id", "detail"))
    assert events == [
        {"username": "lee", "personal_id": "", "detail": {"query": "Bill Smith"}},
        {"username": "lee", "personal_id": "", "detail": {"query": "no one by this name"}},
    ]


def test_another_agency_never_sees_a_client_without_consent():
    shelter, clinic = world.organization("Shelter"), world.organization("Clinic")
    mine = person("William", "Smith", dob=DOB, agency=clinic)
    theirs = person("William", "Smith", dob=DOB, agency=shelter)
    restricted = person("William", "Smith", dob=DOB, agency=shelter)
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    world.consent(theirs, by=casey, scope="coc", signed_on=timezone.localdate())
    world.consent(restricted, by=casey, scope="coc", signed_on=timezone.localdate())
    world.restrict(restricted, by=casey)
    dana = world.account("dana", clinic, Role.CASE_MANAGER)

    assert {m.personal_id for m in search_clients(dana, "William Smith").matches} == {mine.pk, theirs.pk}
    assert {m.personal_id for m in search_clients(casey, "William Smith").matches} == {
        theirs.pk,
        restricted.pk,
    }


def test_keys_follow_the_client(lead):
    client = person("William", "Smith", dob=DOB, ssn="1234")
    keys = set(ClientSearchKey.objects.filter(client=client).values_list("key", flat=True))
    assert {"d:1985-03-12", "s:1234", "n:WLM:SM0", "f:WLM", "l:SM0", "a:WLM:5:p:sm", "a:WLM:5:x:th"} <= keys
    Client.objects.filter(pk=client.pk).update(date_deleted=timezone.now())
    search_keys.refresh([client.pk])
    assert not ClientSearchKey.objects.filter(client=client).exists()
    assert search_keys.rebuild() == 0


# -- the page -------------------------------------------------------------------------------------


@pytest.fixture
def page():
    shelter = world.organization("Shelter")
    casey = world.account("casey", shelter, Role.CASE_MANAGER)
    return shelter, casey, world.browser(casey)


def test_search_page_lists_matches_with_reasons(page):
    shelter, _casey, browser = page
    client = person("William", "Smith", dob=DOB, ssn="1234", agency=shelter)
    body = browser.get("/clients/", {"q": "Bill Smith 1234"}).content.decode()
    assert f'href="/clients/{client.pk}/"' in body
    assert "nickname Bill = William" in body
    assert "same SSN last four" in body
    assert "***-**-1234" in body
    assert "None of these: create a new client" in body


def test_search_page_names_what_it_cannot_read(page):
    _shelter, _casey, browser = page
    response = browser.get("/clients/", {"q": "13/45/1990"})
    assert response.status_code == 200
    assert "is not a date: write a date of birth as 1985-03-12 or 03/12/1985." in response.content.decode()
    assert "No client you may see matches" in response.content.decode()


def test_search_page_refuses_roles_without_search():
    shelter = world.organization("Shelter")
    analyst = world.browser(world.account("rae", shelter, Role.REPORT_ANALYST))
    assert analyst.get("/clients/", {"q": "Smith"}).status_code == 403
    assert not AuditEvent.objects.filter(action="search").exists()


@pytest.mark.parametrize("matches", [1, 12])
def test_search_page_runs_a_fixed_number_of_queries(page, django_assert_num_queries, matches):
    shelter, _casey, browser = page
    for n in range(matches):
        person("William", "Smith", dob=DOB + datetime.timedelta(days=n), agency=shelter)
    browser.get("/clients/", {"q": "x"})  # the session and viewer are read once per request
    # session, account, second-factor check, role; audit entry (savepoint, chain head, insert, update,
    # release); search keys; clients; the agency acted as and its list (layout); session save (3)
    with django_assert_num_queries(16):
        response = browser.get("/clients/", {"q": "William Smith"})
    assert response.content.decode().count('href="/clients/c') == matches
