"""Encryption at rest: a random database key, wrapped under a key derived from the person's passphrase.

The database key (32 random bytes) never changes when the passphrase does; only its wrapping does. It is
given to SQLCipher in raw form (`PRAGMA key = "x'<hex>'"`), so SQLCipher's own PBKDF2 is skipped and the
deliberately slow step is scrypt here (n=2**17, r=8: about 128 MiB and a quarter of a second, stronger
than SQLCipher 4's default PBKDF2-HMAC-SHA512 with 256,000 iterations). AES-GCM's tag tells a wrong
passphrase from a damaged file before the database is touched. Both scrypt and AES-GCM come from
pycryptodomex.
"""
from __future__ import annotations

import base64
import contextlib
import os
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage._driver import driver, encryption_available

KEY_BYTES = 32
_AAD = b"sb-desktop database key v1"
_TAG_BYTES = 16
MIN_PASSPHRASE_LENGTH = 8


class WrongPassphrase(UserError):
    """The passphrase does not unlock this profile. The message says nothing else."""


class EncryptionUnavailable(UserError):
    pass


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost. Stored beside each wrapped key so stronger settings can be adopted later."""

    n: int = 2 ** 17
    r: int = 8
    p: int = 1

    def check(self) -> None:
        """Refuses costs no version of the app writes, so an altered profile.json cannot make unlocking
        allocate gigabytes or run for hours (scrypt needs 128 * n * r bytes)."""
        if not (2 ** 10 <= self.n <= 2 ** 20 and self.n & (self.n - 1) == 0 and 1 <= self.r <= 16
                and 1 <= self.p <= 4):
            raise ValueError("scrypt cost outside what this app writes")


DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def normalise_passphrase(passphrase: str) -> bytes:
    # NFC so the same passphrase typed on another keyboard layout or OS derives the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE_LENGTH:
        raise UserError(_("Choose a passphrase of at least {n} characters (a few unrelated words work well).")
                        .format(n=MIN_PASSPHRASE_LENGTH))


def derive_wrapping_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """scrypt (RFC 7914) from pycryptodomex, the library that also does the AES-GCM: the same bytes as
    hashlib.scrypt, which version 0.1.0 used, without loading OpenSSL (and without shipping it)."""
    from Cryptodome.Protocol.KDF import scrypt

    key = scrypt(normalise_passphrase(passphrase), salt, KEY_BYTES, N=params.n, r=params.r,  # type: ignore[arg-type]
                 p=params.p)  # (the library's stubs say str; it takes bytes, as tested against RFC 7914)
    if not isinstance(key, bytes):
        raise TypeError("scrypt gave more than one key")
    return key


def new_database_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _aes_gcm(key: bytes, nonce: bytes):
    """AES-256-GCM over the key envelope, bound to this app's purpose by the associated data.

    The envelope is ciphertext followed by the 16-byte tag (the layout every AES-GCM library uses), so
    profiles created with earlier versions, which used the `cryptography` package, open unchanged.
    pycryptodomex is used because the bundle needs only its AES and GHASH modules (~0.3 MB) where
    `cryptography` ships a 14 MB library of everything."""
    from Cryptodome.Cipher import AES

    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce, mac_len=_TAG_BYTES)
    cipher.update(_AAD)
    return cipher


def wrap_key(database_key: bytes, passphrase: str, params: KdfParams | None = None) -> dict:
    """The JSON-ready envelope stored in profile.json: KDF settings, salt, nonce and wrapped key."""
    params = params or DEFAULT_KDF
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping_key = derive_wrapping_key(passphrase, salt, params)
    ciphertext, tag = _aes_gcm(wrapping_key, nonce).encrypt_and_digest(database_key)
    wrapped = ciphertext + tag
    return {"kdf": "scrypt", **asdict(params), "salt": _b64(salt), "nonce": _b64(nonce), "wrapped_key": _b64(wrapped)}


def unwrap_key(envelope: dict, passphrase: str) -> bytes:
    """The database key, or WrongPassphrase. A tampered envelope also reads as a wrong passphrase."""
    try:
        if envelope.get("kdf") != "scrypt":
            raise ValueError("unknown kdf")
        params = KdfParams(n=int(envelope["n"]), r=int(envelope["r"]), p=int(envelope["p"]))
        params.check()
        salt, nonce, wrapped = (_unb64(envelope[k]) for k in ("salt", "nonce", "wrapped_key"))
        wrapping_key = derive_wrapping_key(passphrase, salt, params)
        if len(wrapped) <= _TAG_BYTES:
            raise ValueError("wrapped key too short")
        key = _aes_gcm(wrapping_key, nonce).decrypt_and_verify(wrapped[:-_TAG_BYTES], wrapped[-_TAG_BYTES:])
    except (KeyError, ValueError, TypeError):  # pycryptodome reports a wrong tag as ValueError
        raise WrongPassphrase(_("That passphrase does not unlock this profile.")) from None
    if len(key) != KEY_BYTES:
        raise WrongPassphrase(_("That passphrase does not unlock this profile."))
    return key


def key_pragma_value(key: bytes) -> str:
    """SQLCipher's raw-key literal. Built from hex digits only: no passphrase text ever reaches SQL."""
    if len(key) != KEY_BYTES:
        raise ValueError("database key must be 32 bytes")
    return "x'" + key.hex() + "'"


def _quiet(conn) -> None:
    # SQLCipher logs decryption failures on stderr; the app reports them itself, in one sentence.
    with contextlib.suppress(Exception):  # older SQLCipher without log levels: its messages stay on stderr
        conn.execute("PRAGMA cipher_log_level = NONE")


def connect_unkeyed(path: Path):
    """A connection to an unencrypted database, through the same driver as encrypted ones."""
    conn = driver.connect(str(path), check_same_thread=False)
    if encryption_available():
        _quiet(conn)
    return conn


def connect_encrypted(path: Path, key: bytes):
    if not encryption_available():
        raise EncryptionUnavailable(_("This installation cannot open encrypted profiles (SQLCipher is missing)."))
    conn = driver.connect(str(path), check_same_thread=False)
    _quiet(conn)
    conn.execute(f'PRAGMA key = "{key_pragma_value(key)}"')
    return conn


def connector(key: bytes | None):
    """A `connect(path)` function for open_database: keyed for encrypted profiles, plain otherwise."""
    if key is None:
        return connect_unkeyed
    return lambda path: connect_encrypted(path, key)


def export_database(source_conn, target: Path, key: bytes | None) -> None:
    """Copy an open database into a new file under another key (or none): SQLCipher's sqlcipher_export."""
    secret = key_pragma_value(key) if key is not None else ""
    source_conn.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(target), secret))
    try:
        source_conn.execute("SELECT sqlcipher_export('rekeyed')")
        version = source_conn.execute("PRAGMA main.user_version").fetchone()[0]
        source_conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        source_conn.commit()
    finally:
        source_conn.execute("DETACH DATABASE rekeyed")
