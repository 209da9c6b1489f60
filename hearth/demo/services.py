"""Services, bed nights (HUD 4.14, P1, P2, R14, W1, W2, V2, V3, V8, C2) and contacts (4.12).

TypeProvided comes from the list that goes with each RecordType (list_rules.csv conditional
lists); dependent fields (amounts, sub-types, "other" text, referral outcomes) are filled only for
the record types and answers that trigger them.  Bed nights (RecordType 200) exist only in
night-by-night shelters: one on the entry date, the others before the exit date.
"""

import datetime as dt
from decimal import Decimal

from hearth.demo import programs
from hearth.demo.codes import answers
from hearth.demo.draws import Draws, Weights
from hearth.demo.enrollments import Member, last_day
from hearth.demo.households import Stay
from hearth.demo.streams import Streams
from hearth.enrollments.models import CurrentLivingSituation, Services
from hearth.hud.generated.lists import RecordType

SERVICE_FIELDS = (
    "services_id",
    "enrollment_id",
    "client_id",
    "date_provided",
    "record_type",
    "type_provided",
    "other_type_provided",
    "moving_on_other_type",
    "sub_type_provided",
    "fa_amount",
    "fa_start_date",
    "fa_end_date",
    "referral_outcome",
    "date_created",
    "date_updated",
    "user_id",
)
BED_NIGHT_FIELDS = (
    "services_id",
    "enrollment_id",
    "client_id",
    "date_provided",
    "record_type",
    "type_provided",
    "date_created",
    "date_updated",
    "user_id",
)
_SSVF_SUBTYPE_LISTS = {3: "V2.A", 4: "V2.B", 5: "V2.C"}
_STREET = Weights({116: 78, 101: 6, 118: 2, 336: 4, 335: 3, 314: 2, 207: 1, 206: 1, 17: 1, 37: 1, 99: 1})
# 4.12.B is asked when the client is not homeless on the contact date (list_rules.csv).
LEAVE_SITUATION_ASKED = frozenset(
    {215, 206, 207, 225, 204, 205, 302, 329, 314, 332, 336, 335, 410, 435, 421, 411}
)
_LOCATIONS = (
    "Under the Jones Falls Expressway",
    "Mount Vernon Place",
    "Penn Station",
    "Lexington Market",
    None,
)
_VERIFIERS = ("Coordinated entry specialist", "Street outreach worker", "Shelter case manager")


def write_bed_nights(draws: Draws, streams: Streams, stay: Stay, members: list[Member]) -> None:
    rows = streams.open(Services, BED_NIGHT_FIELDS)
    staff = stay.project.staff
    for night in stay.bed_nights:
        user_id = draws.pick(staff)
        created = draws.stamp(night)
        for member in members:
            rows.add(
                (
                    draws.new_id(),
                    member.enrollment_id,
                    member.personal_id,
                    night,
                    200,
                    200,
                    created,
                    created,
                    user_id,
                )
            )


def write_services(draws: Draws, streams: Streams, stay: Stay, members: list[Member], as_of: dt.date) -> None:
    """Program services for the stay, about one a fortnight to one a month per person served."""
    project = stay.project
    type_ = project.project_type
    kinds: list[tuple[int, bool]] = []  # (RecordType, whether every member receives it)
    if programs.funded_by(project, programs.PATH) and type_ in {4, 6}:
        kinds += [(RecordType.PATH_SERVICE, False), (RecordType.PATH_REFERRAL, False)]
    if programs.funded_by(project, programs.RHY) and type_ in {0, 2, 6, 12}:
        kinds.append((RecordType.RHY_SERVICE_CONNECTIONS, False))
    if programs.funded_by(project, programs.HOPWA) and type_ in {0, 2, 3, 6, 12}:
        kinds.append((RecordType.HOPWA_SERVICE, False))
        if type_ in {6, 12}:
            kinds.append((RecordType.HOPWA_FINANCIAL_ASSISTANCE, False))
    if programs.funded_by(project, programs.SSVF) and type_ in {12, 13}:
        kinds += [(RecordType.SSVF_SERVICE, True), (RecordType.SSVF_FINANCIAL_ASSISTANCE, False)]
    if programs.funded_by(project, programs.VASH) and type_ == 3:
        kinds.append((RecordType.HUD_VASH_OTH_VOUCHER_TRACKING, False))
    if programs.funded_by(project, programs.COC_PSH) and type_ == 3 and draws.chance(0.1):
        kinds.append((RecordType.MOVING_ON_ASSISTANCE_PROVIDED, False))
    if not kinds:
        return
    end = last_day(stay, as_of)
    span = (end - stay.entry).days
    rows = streams.open(Services, SERVICE_FIELDS)
    for record_type, for_everyone in kinds:
        count = _service_count(draws, record_type, span)
        for member in members:
            if not (member.is_head or (for_everyone or (member.is_adult and record_type in {141, 161, 142}))):
                continue
            for _ in range(count):
                day = draws.day_between(stay.entry, end)
                rows.add(_service_row(draws, stay, member, record_type, day, end))


def _service_count(draws: Draws, record_type: int, span_days: int) -> int:
    if record_type in {RecordType.HUD_VASH_OTH_VOUCHER_TRACKING, RecordType.MOVING_ON_ASSISTANCE_PROVIDED}:
        return 1
    if record_type in {RecordType.HOPWA_FINANCIAL_ASSISTANCE, RecordType.SSVF_FINANCIAL_ASSISTANCE}:
        return draws.integer(1, 1 + min(span_days // 45, 6))
    return draws.integer(1, 1 + min(span_days // 14, 24))


def _service_row(
    draws: Draws, stay: Stay, member: Member, record_type: int, day: dt.date, end: dt.date
) -> tuple[object, ...]:
    other = moving_on_other = sub_type = amount = fa_start = fa_end = outcome = None
    if record_type == RecordType.PATH_SERVICE:
        provided = draws.pick(answers("P1.2"))
    elif record_type == RecordType.PATH_REFERRAL:
        provided = draws.pick(answers("P2.2"))
        outcome = draws.pick(answers("P2.A"))
    elif record_type == RecordType.RHY_SERVICE_CONNECTIONS:
        provided = draws.pick(answers("R14.2"))
    elif record_type == RecordType.HOPWA_SERVICE:
        provided = draws.pick(answers("W1.2"))
    elif record_type == RecordType.HOPWA_FINANCIAL_ASSISTANCE:
        provided = draws.pick(answers("W2.2"))
        amount = Decimal(draws.money(150, 2500))
    elif record_type == RecordType.SSVF_SERVICE:
        provided = draws.pick(answers("V2.2"))
        if provided in _SSVF_SUBTYPE_LISTS:
            sub_type = draws.pick(answers(_SSVF_SUBTYPE_LISTS[provided]))
        elif provided == 6:
            other = "Transportation to VA appointment"
    elif record_type == RecordType.SSVF_FINANCIAL_ASSISTANCE:
        provided = draws.pick(answers("V3.4"))
        amount = Decimal(draws.money(100, 3000))
        fa_start = day
        fa_end = min(day + dt.timedelta(days=draws.integer(0, 60)), end)
    elif record_type == RecordType.HUD_VASH_OTH_VOUCHER_TRACKING:
        day = stay.entry
        provided = draws.pick(answers("V8.2"))
        if provided == 12:
            other = "Voucher transferred from another PHA"
    else:  # Moving On Assistance (C2)
        provided = draws.pick(answers("C2.2"))
        if provided == 5:
            moving_on_other = "Security deposit for a new apartment"
    created = draws.stamp(day)
    return (
        draws.new_id(),
        member.enrollment_id,
        member.personal_id,
        day,
        record_type,
        provided,
        other,
        moving_on_other,
        sub_type,
        amount,
        fa_start,
        fa_end,
        outcome,
        created,
        created,
        draws.pick(stay.project.staff),
    )


def write_contacts(draws: Draws, streams: Streams, stay: Stay, members: list[Member], as_of: dt.date) -> None:
    """Current living situation (4.12) at contacts: outreach, night-by-night shelter, coordinated entry."""
    type_ = stay.project.project_type
    if type_ not in {1, 4, 14}:
        return
    end = last_day(stay, as_of)
    if type_ == 4:
        days, day = [], stay.entry
        while day <= end:
            days.append(day)
            day += dt.timedelta(days=draws.integer(5, 30))
    elif draws.chance(0.6):
        days = [stay.entry]
    else:
        return
    rows = streams.open(CurrentLivingSituation)
    for day in days:
        user_id = draws.pick(stay.project.staff)
        for member in members:
            if member.is_head_or_adult:
                rows.add_record(_contact(draws, stay, member, day, user_id))


def _contact(draws: Draws, stay: Stay, member: Member, day: dt.date, user_id: str) -> dict[str, object]:
    type_ = stay.project.project_type
    situation = 101 if type_ == 1 else draws.weighted(_STREET)
    created = draws.stamp(day)
    record: dict[str, object] = {
        "current_living_sit_id": draws.new_id(),
        "enrollment_id": member.enrollment_id,
        "client_id": member.personal_id,
        "information_date": day,
        "current_living_situation": situation,
        "date_created": created,
        "date_updated": created,
        "user_id": user_id,
    }
    if situation in LEAVE_SITUATION_ASKED:
        leaving = draws.pick((0, 1, 1, 8))
        record["leave_situation14_days"] = leaving
        if leaving == 1:
            for column in (
                "subsequent_residence",
                "resources_to_obtain",
                "lease_own60_day",
                "moved_two_or_more",
            ):
                record[column] = draws.pick((0, 1))
    if type_ == 14:
        record["verified_by"] = draws.pick(_VERIFIERS)
    if type_ == 4:
        record["location_details"] = draws.pick(_LOCATIONS)
    return record
