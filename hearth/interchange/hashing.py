"""Hashed HMIS CSV exports (HashStatus 4, SHA-256): how names and SSNs are hashed.

FY2026 HMIS CSV specification, Client.csv and rule FMT-16: in a SHA-256 hashed export

* FirstName, MiddleName and LastName hold the SHA-256 digest (64 hexadecimal characters) of the
  name's American Soundex code, so that names that sound alike still match across systems;
* SSN holds the last four characters of the SSN followed by the SHA-256 digest of the whole SSN
  (68 characters), so that the last four stay usable for matching.

Digests are written in lower-case hexadecimal.  A missing value stays missing.
"""

import hashlib

SOUNDEX_LENGTH = 4
_SOUNDEX_CODES = {
    **dict.fromkeys("BFPV", "1"),
    **dict.fromkeys("CGJKQSXZ", "2"),
    **dict.fromkeys("DT", "3"),
    "L": "4",
    **dict.fromkeys("MN", "5"),
    "R": "6",
}
# H and W do not separate two letters with the same code; vowels (and Y) do.
_TRANSPARENT = frozenset("HW")


def soundex(name: str | None) -> str:
    """The American Soundex code of a name (letter + three digits), or "" when it has no letter.

    Letters other than A-Z (spaces, hyphens, apostrophes, accents) are ignored.
    """
    letters = [ch for ch in (name or "").upper() if "A" <= ch <= "Z"]
    if not letters:
        return ""
    first = letters[0]
    digits: list[str] = []
    previous = _SOUNDEX_CODES.get(first, "")
    for letter in letters[1:]:
        code = _SOUNDEX_CODES.get(letter)
        if code is None:
            if letter not in _TRANSPARENT:
                previous = ""  # a vowel separates equal codes
            continue
        if code != previous:
            digits.append(code)
            if len(digits) == SOUNDEX_LENGTH - 1:
                break
        previous = code
    return (first + "".join(digits)).ljust(SOUNDEX_LENGTH, "0")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_name(name: str | None) -> str | None:
    """SHA-256 of the name's Soundex code; None for a missing name or one without letters."""
    code = soundex(name)
    return sha256_hex(code) if code else None


def hash_ssn(ssn: str | None) -> str | None:
    """The last four characters of the SSN followed by the SHA-256 of the whole SSN."""
    if not ssn:
        return None
    return ssn[-4:] + sha256_hex(ssn)
