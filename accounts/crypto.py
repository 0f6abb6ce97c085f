"""Encryption at rest for personal data: the complainant's identity (Luật Tố cáo 2018: the
denouncer's name, address and handwriting are kept secret) and the nominees' citizen ID numbers.

Keys come from settings.FIELD_ENCRYPTION_KEYS (newest first). MultiFernet encrypts with the first
key and decrypts with any, so a rotation is: put the new key first, deploy, then run
`manage.py rotate_identity_keys` to re-encrypt every row with it, then drop the old key.
Encrypted columns are never searched or made unique; a keyed hash (`blind_index`) serves where needed.

Blind index: HMAC-SHA256 of the normalised value under a key derived (HKDF, label "blind-index") from
each Fernet key, so there is no extra secret to keep and SECRET_KEY (rotated for other reasons) plays
no part. The index is written with the first key and looked up with every key (`blind_indexes`), as
MultiFernet decrypts with any: after a rotation the old rows still match until `rotate_identity_keys`
rewrites their index with the new key, and dropping a key before that fails loudly on decryption.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models


@lru_cache(maxsize=1)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: set it in the environment.")
    try:
        return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])
    except ValueError as exc:  # never echo the key itself
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a malformed Fernet key.") from exc


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def _reset(**kwargs):
    if kwargs.get("setting") == "FIELD_ENCRYPTION_KEYS":
        _fernet_for.cache_clear()
        _index_keys_for.cache_clear()


setting_changed.connect(_reset)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted identity field cannot be decrypted with FIELD_ENCRYPTION_KEYS "
            "(a key was removed before `rotate_identity_keys` ran?)."
        ) from exc


def is_token(value: str) -> bool:
    """Whether `value` is a Fernet token under one of the configured keys (not plaintext)."""
    try:
        fernet().decrypt(value.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


@lru_cache(maxsize=1)
def _index_keys_for(keys: tuple[str, ...]) -> tuple[bytes, ...]:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    _fernet_for(keys)  # the same checks and messages as encryption
    return tuple(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"blind-index").derive(
        base64.urlsafe_b64decode(key)) for key in keys)


def _index(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def blind_index(value: str) -> str:
    """A keyed hash of `value` for equality look-ups on an encrypted column (HMAC-SHA256 under a key
    derived from the newest FIELD_ENCRYPTION_KEYS key): equal plaintexts give equal hashes, and the
    hash reveals nothing without the key. Normalise `value` first: the hash sees every character."""
    return _index(_index_keys_for(tuple(settings.FIELD_ENCRYPTION_KEYS))[0], value)


def blind_indexes(value: str) -> list[str]:
    """`value`'s index under every configured key, newest first: what a look-up compares with, so
    rows indexed before a key rotation are still found."""
    return [_index(key, value) for key in _index_keys_for(tuple(settings.FIELD_ENCRYPTION_KEYS))]


def rotate(token: str) -> str:
    """The same plaintext, re-encrypted with the first (newest) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """Text held as a Fernet token in the database and as plaintext on the instance.

    Not searchable and not orderable by design: the identity must never be a search key.
    An empty value is stored empty (so "no name given" is visible without decrypting).
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)
