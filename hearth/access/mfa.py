"""Second factor: time-based one-time passwords (TOTP, RFC 6238) through django-otp.

Setting up creates an unconfirmed device and shows its key as a QR code (segno, as an SVG data
URI, so the strict CSP needs no exception); the first correct code confirms it.
"""

import base64

import segno
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access import audit
from hearth.access.middleware import MFA_VERIFIED
from hearth.access.models import Account, AuditAction


def confirmed_device(account: Account) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=account, confirmed=True).order_by("pk").first()


def pending_device(account: Account) -> TOTPDevice:
    """The account's unconfirmed device, made on first need (one at a time)."""
    device = TOTPDevice.objects.filter(user=account, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=account, name="Authenticator app", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, grouped in fours, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def verify(request: HttpRequest, account: Account, token: str) -> bool:
    """Check a code against the confirmed device, or confirm the pending one; audited either way."""
    token = "".join(ch for ch in token if ch.isdigit())
    device = confirmed_device(account)
    confirming = device is None
    if device is None:
        device = pending_device(account)
    ok = len(token) == 6 and device.verify_token(token)
    if ok:
        if confirming:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        request.session[MFA_VERIFIED] = True
    audit.record(
        AuditAction.SIGN_IN if ok else AuditAction.SIGN_IN_FAILED,
        actor=audit.Actor.from_request(request),
        object_type="access.Account",
        object_id=str(account.pk),
        detail={"second_factor": "confirmed" if ok and confirming else ("ok" if ok else "wrong code")},
    )
    return bool(ok)
