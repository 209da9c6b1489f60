"""Hashed exports: American Soundex codes and the SHA-256 forms of names and SSNs (FMT-16)."""

import hashlib

import pytest

from hearth.interchange.hashing import hash_name, hash_ssn, soundex


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Robert", "R163"),
        ("Rupert", "R163"),
        ("Rubin", "R150"),
        ("Ashcraft", "A261"),
        ("Tymczak", "T522"),
        ("Pfister", "P236"),
        ("Honeyman", "H555"),
        ("Lee", "L000"),
        ("o'brien-smith", "O165"),
        ("  José ", "J200"),
    ],
)
def test_soundex_codes(name, code):
    assert soundex(name) == code


def test_names_without_letters_have_no_code_and_no_hash():
    assert soundex("") == ""
    assert soundex("123 -") == ""
    assert hash_name("123") is None
    assert hash_name(None) is None


def test_name_hash_is_sha256_of_the_soundex_code():
    expected = hashlib.sha256(b"R163").hexdigest()
    assert hash_name("Robert") == hash_name("Rupert") == expected
    assert len(expected) == 64


def test_ssn_hash_keeps_the_last_four():
    assert hash_ssn("123456789") == "6789" + hashlib.sha256(b"123456789").hexdigest()
    assert hash_ssn("xxxxx6789") == "6789" + hashlib.sha256(b"xxxxx6789").hexdigest()
    assert len(hash_ssn("123456789") or "") == 68
    assert hash_ssn(None) is None
    assert hash_ssn("") is None
