"""Printable, pre-filled Consent to Share and Client Revocation forms, in English and Spanish (PDF).

The text is the CoC's plain-language form; the client's name, date of birth and the agency are
filled in, and the choices (who, what, how long) are printed as boxes to tick.
"""

import datetime
from dataclasses import dataclass

from fpdf import FPDF


@dataclass(frozen=True)
class FormFacts:
    client_name: str
    date_of_birth: datetime.date | None
    agency_name: str
    coc_code: str
    today: datetime.date


TEXT = {
    "en": {
        "consent_title": "Consent to Share Information",
        "revocation_title": "Revocation of Consent to Share Information",
        "coc": "Continuum of Care {coc}: Homeless Management Information System (HMIS)",
        "client": "Client name",
        "dob": "Date of birth",
        "agency": "Agency",
        "consent_body": (
            "The agencies of our Continuum of Care use a shared database, the HMIS, to coordinate "
            "housing and services and to report to funders. With your permission, the agencies you "
            "choose below may see the information this agency records about you and your household. "
            "You may receive services whether or not you sign. You may revoke this consent at any time "
            "in writing; revocation stops future sharing but does not recall what was already shared. "
            "Information from substance use treatment programs (42 CFR Part 2) is never shared under "
            "this form. Victim service providers do not enter your identifying information in the HMIS."
        ),
        "who": "Who may see my information",
        "who_none": "No other agency (my information is not shared)",
        "who_named": "Only these agencies:",
        "who_all": "All partner agencies of the Continuum of Care",
        "what": "What may be shared",
        "what_profile": (
            "Only my basic profile (name, date of birth, last four of SSN) to avoid duplicate records"
        ),
        "what_full": "My full record (profile, enrollments, assessments and services)",
        "until": "This consent ends",
        "until_1y": "One year after I sign",
        "until_2y": "Two years after I sign",
        "until_date": "On this date:",
        "until_none": "Only when I revoke it",
        "signature": "Signature of client (or Head of Household / guardian for a minor)",
        "relationship": "If not the client, relationship to the client",
        "date": "Date",
        "witness": "Staff witness",
        "revocation_body": (
            "I revoke my consent to share my information in the HMIS. From today, the agencies that "
            "do not serve me will no longer see my information. I understand that information shared "
            "before today is not recalled, and that this agency keeps the records it needs to serve me."
        ),
        "reason": "Reason (optional)",
    },
    "es": {
        "consent_title": "Consentimiento para compartir información",
        "revocation_title": "Revocación del consentimiento para compartir información",
        "coc": (
            "Continuo de Atención {coc}: Sistema de Información para la Gestión de Personas sin Hogar (HMIS)"
        ),
        "client": "Nombre del cliente",
        "dob": "Fecha de nacimiento",
        "agency": "Agencia",
        "consent_body": (
            "Las agencias de nuestro Continuo de Atención usan una base de datos compartida, el HMIS, "
            "para coordinar vivienda y servicios e informar a quienes los financian. Con su permiso, "
            "las agencias que usted elija abajo podrán ver la información que esta agencia registra "
            "sobre usted y su hogar. Puede recibir servicios firme o no este formulario. Puede revocar "
            "este consentimiento en cualquier momento por escrito; la revocación detiene lo que se "
            "comparta en adelante, pero no recupera lo ya compartido. La información de programas de "
            "tratamiento por uso de sustancias (42 CFR Parte 2) nunca se comparte con este formulario. "
            "Los proveedores de servicios a víctimas no ingresan sus datos de identificación en el HMIS."
        ),
        "who": "Quién puede ver mi información",
        "who_none": "Ninguna otra agencia (mi información no se comparte)",
        "who_named": "Solo estas agencias:",
        "who_all": "Todas las agencias asociadas del Continuo de Atención",
        "what": "Qué se puede compartir",
        "what_profile": (
            "Solo mi perfil básico (nombre, fecha de nacimiento, últimos cuatro del SSN) "
            "para evitar registros duplicados"
        ),
        "what_full": "Mi expediente completo (perfil, inscripciones, evaluaciones y servicios)",
        "until": "Este consentimiento termina",
        "until_1y": "Un año después de firmarlo",
        "until_2y": "Dos años después de firmarlo",
        "until_date": "En esta fecha:",
        "until_none": "Solo cuando yo lo revoque",
        "signature": "Firma del cliente (o del jefe de hogar / tutor si es menor de edad)",
        "relationship": "Si no es el cliente, relación con el cliente",
        "date": "Fecha",
        "witness": "Testigo del personal",
        "revocation_body": (
            "Revoco mi consentimiento para compartir mi información en el HMIS. Desde hoy, las agencias "
            "que no me atienden dejarán de ver mi información. Entiendo que la información compartida "
            "antes de hoy no se recupera y que esta agencia conserva los registros que "
            "necesita para atenderme."
        ),
        "reason": "Motivo (opcional)",
    },
}


class _Form(FPDF):
    def __init__(self) -> None:
        super().__init__(format="Letter")
        self.set_compression(False)  # plain text streams: small forms, and searchable by tests and tools
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()

    def heading(self, text: str, size: int = 16) -> None:
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 10.5)
        self.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def field(self, label: str, value: str = "") -> None:
        self.set_font("Helvetica", "B", 10.5)
        self.cell(55, 7, f"{label}:")
        self.set_font("Helvetica", "", 10.5)
        self.cell(0, 7, value or "_" * 45, new_x="LMARGIN", new_y="NEXT")

    def box(self, text: str) -> None:
        self.set_font("Helvetica", "", 10.5)
        x, y = self.get_x(), self.get_y()
        self.rect(x + 1, y + 1.5, 4, 4)
        self.set_x(x + 8)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")


def _header(pdf: _Form, t: dict[str, str], title: str, facts: FormFacts) -> None:
    pdf.heading(title)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, t["coc"].format(coc=facts.coc_code), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.field(t["client"], facts.client_name)
    pdf.field(t["dob"], facts.date_of_birth.isoformat() if facts.date_of_birth else "")
    pdf.field(t["agency"], facts.agency_name)
    pdf.ln(3)


def _signatures(pdf: _Form, t: dict[str, str], facts: FormFacts) -> None:
    pdf.ln(4)
    pdf.field(t["signature"])
    pdf.field(t["relationship"])
    pdf.field(t["date"], facts.today.isoformat())
    pdf.field(t["witness"])


def consent_form_pdf(facts: FormFacts, language: str = "en") -> bytes:
    t = TEXT[language]
    pdf = _Form()
    _header(pdf, t, t["consent_title"], facts)
    pdf.paragraph(t["consent_body"])
    pdf.heading(t["who"], 12)
    for key in ("who_none", "who_all", "who_named"):
        pdf.box(t[key])
    pdf.cell(0, 7, "      " + "_" * 70, new_x="LMARGIN", new_y="NEXT")
    pdf.heading(t["what"], 12)
    for key in ("what_profile", "what_full"):
        pdf.box(t[key])
    pdf.heading(t["until"], 12)
    for key in ("until_1y", "until_2y", "until_date", "until_none"):
        pdf.box(t[key])
    _signatures(pdf, t, facts)
    return bytes(pdf.output())


def revocation_form_pdf(facts: FormFacts, language: str = "en") -> bytes:
    t = TEXT[language]
    pdf = _Form()
    _header(pdf, t, t["revocation_title"], facts)
    pdf.paragraph(t["revocation_body"])
    pdf.field(t["reason"])
    _signatures(pdf, t, facts)
    return bytes(pdf.output())
