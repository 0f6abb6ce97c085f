"""Kept for the complaints migrations and imports: the helper now lives in accounts.crypto."""

from accounts.crypto import EncryptedTextField, decrypt, encrypt, fernet, rotate

__all__ = ["EncryptedTextField", "decrypt", "encrypt", "fernet", "rotate"]
