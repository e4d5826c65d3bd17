"""Moving a profile to another computer: one encrypted, checksummed file holding the whole journal.

The file:  MAGIC | header length (4 bytes) | header JSON | AES-256-GCM ciphertext + tag | SHA-256 of all before.

The header holds the scrypt settings, salt and nonce (as in storage.crypto's key envelope). The key comes
from the passphrase through the same scrypt; the header is the cipher's associated data, so neither can be
altered. The SHA-256 at the end tells a damaged file (checksum wrong) from a wrong passphrase (checksum
right, tag wrong). Inside: a JSON description (name, the database key, the schema's migrations) and the
database itself, copied with SQLite's backup API under its own key, so an encrypted journal is never
plaintext on disk on either computer.

Importing into a profile that exists merges: rows the profile lacks are added, nothing it holds is changed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import struct
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage import backups, crypto, schema
from sb_desktop.storage.database import COMPANION_SUFFIXES, DATABASE_ERRORS, Database, open_database
from sb_desktop.storage.files import atomic_write_bytes
from sb_desktop.storage.migrations import MIGRATIONS_TABLE

MAGIC = b"SupportBack-Desktop-profile\x00v1\n"
_AAD_PREFIX = b"sb-desktop profile transfer v1"
MAX_FILE_BYTES = 2 * 2**30
_INTERNAL = {MIGRATIONS_TABLE, "sqlite_sequence", "sqlite_stat1"}
# Integer ids that point at another table's rows without a declared foreign key; remapped when merging.
_ID_REFERENCES = {("goal_reviews", "new_goal_id"): "goals", ("goal_reviews", "safety_check_id"): "safety_checks"}
# One row per profile, whatever its id: an existing one is kept, never replaced.
_KEYED_BY_ID = {"flare_plan"}


class TransferError(UserError):
    pass


class TransferDamaged(TransferError):
    """The file's checksum does not match: it was damaged (or cut short) on the way."""


@dataclass(frozen=True)
class TransferPayload:
    name: str
    database_key: bytes | None
    database: bytes
    exported_at: str = ""


@dataclass(frozen=True)
class ImportResult:
    name: str
    created: bool
    added: dict[str, int] = field(default_factory=dict)

    @property
    def rows_added(self) -> int:
        return sum(self.added.values())


# --- the file ---

def seal(payload: TransferPayload, passphrase: str, params: crypto.KdfParams | None = None) -> bytes:
    params = params or crypto.DEFAULT_KDF
    salt, nonce = os.urandom(16), os.urandom(12)
    header = json.dumps({"format": 1, "kdf": "scrypt", "n": params.n, "r": params.r, "p": params.p,
                         "salt": salt.hex(), "nonce": nonce.hex()}, sort_keys=True).encode("ascii")
    inner = json.dumps({"name": payload.name, "exported_at": payload.exported_at,
                        "database_key": payload.database_key.hex() if payload.database_key else None},
                       sort_keys=True).encode("utf-8")
    plaintext = struct.pack(">I", len(inner)) + inner + payload.database
    cipher = _cipher(crypto.derive_wrapping_key(passphrase, salt, params), nonce, header)
    ciphertext, tag = cipher.encrypt_and_digest(plaintext)
    body = MAGIC + struct.pack(">I", len(header)) + header + ciphertext + tag
    return body + hashlib.sha256(body).digest()


def open_sealed(blob: bytes, passphrase: str) -> TransferPayload:
    """The payload, or TransferDamaged (checksum) / WrongPassphrase (tag) / TransferError (not such a file)."""
    if not blob.startswith(MAGIC):
        raise TransferError(_("This is not a profile file made by SupportBack Desktop's `profiles export`."))
    body, checksum = blob[:-32], blob[-32:]
    if len(blob) < len(MAGIC) + 4 + 32 or hashlib.sha256(body).digest() != checksum:
        raise TransferDamaged(_("The profile file is damaged or incomplete (its checksum does not match); "
                                "nothing was imported. Copy it again from the other computer."))
    (header_length,) = struct.unpack(">I", body[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    try:
        header_bytes = body[start:start + header_length]
        header = json.loads(header_bytes.decode("ascii"))
        params = crypto.KdfParams(n=int(header["n"]), r=int(header["r"]), p=int(header["p"]))
        params.check()
        salt, nonce = bytes.fromhex(header["salt"]), bytes.fromhex(header["nonce"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise TransferError(_("The profile file's header cannot be read; nothing was imported.")) from None
    ciphertext = body[start + header_length:]
    cipher = _cipher(crypto.derive_wrapping_key(passphrase, salt, params), nonce, header_bytes)
    try:
        plaintext = cipher.decrypt_and_verify(ciphertext[:-16], ciphertext[-16:])
    except ValueError:
        raise crypto.WrongPassphrase(_("That passphrase does not open this profile file.")) from None
    (inner_length,) = struct.unpack(">I", plaintext[:4])
    inner = json.loads(plaintext[4:4 + inner_length].decode("utf-8"))
    key = inner.get("database_key")
    return TransferPayload(name=str(inner["name"]), database_key=bytes.fromhex(key) if key else None,
                           database=plaintext[4 + inner_length:], exported_at=str(inner.get("exported_at", "")))


def _cipher(key: bytes, nonce: bytes, header: bytes):
    from Cryptodome.Cipher import AES

    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce, mac_len=16)
    cipher.update(_AAD_PREFIX + header)
    return cipher


# --- export ---

def export_profile(directory, name: str, out: Path, *, passphrase: str | None, file_passphrase: str) -> int:
    """Write profile `name` to `out`, sealed under file_passphrase. Returns the file's size in bytes."""
    info = directory.find(name)
    if info is None:
        raise TransferError(_("There is no profile called '{name}'.").format(name=name))
    crypto.check_new_passphrase(file_passphrase)
    key = directory.unlock_key(info, passphrase)
    profile = directory.open(info.name, create=False, passphrase=passphrase, auto_backup=False)
    copy = info.folder / f".transfer-{uuid.uuid4().hex}.db"
    try:
        profile.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backups._copy(profile.db.conn, copy, profile.connect)  # same key: ciphertext on disk for an encrypted one
        problems = backups.verify(copy, profile.connect)
        if problems:
            raise TransferError(_("The copy could not be verified ({problem}); nothing was written.")
                                .format(problem=problems[0]))
        database = copy.read_bytes()
    finally:
        for path in [copy, *(Path(f"{copy}{s}") for s in COMPANION_SUFFIXES)]:
            path.unlink(missing_ok=True)
        profile.close()
    payload = TransferPayload(name=info.name, database_key=key, database=database,
                              exported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    blob = seal(payload, file_passphrase, directory.kdf)
    atomic_write_bytes(Path(out), blob)
    return len(blob)


# --- import ---

def read_transfer_file(path: Path, file_passphrase: str) -> TransferPayload:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TransferError(_("{path} is larger than any profile file.").format(path=path.name))
        blob = path.read_bytes()
    except OSError as error:
        raise TransferError(_("Cannot read {path}: {reason}.").format(path=path, reason=error.strerror)) from None
    return open_sealed(blob, file_passphrase)


def import_profile(directory, path: Path, *, file_passphrase: str, as_name: str | None = None,
                   target_passphrase: str | None = None) -> ImportResult:
    """Import a profile file: as a new profile (under the file's passphrase when it was encrypted), or merged
    into the existing profile of that name (opened with target_passphrase). All or nothing."""
    payload = read_transfer_file(path, file_passphrase)
    name = (as_name or payload.name).strip()
    info = directory.find(name)
    created = info is None
    if created:
        new_passphrase = file_passphrase if payload.database_key or directory.passphrase_required else None
        info = directory.create(name, passphrase=new_passphrase)
        target_passphrase = new_passphrase
    profile = directory.open(info.name, create=False, passphrase=target_passphrase, auto_backup=False)
    incoming = info.folder / f".incoming-{uuid.uuid4().hex}.db"
    try:
        incoming.write_bytes(payload.database)
        _prepare_incoming(incoming, payload.database_key, profile.db)
        if not created:
            profile.backup("before-import")
        added = _merge(profile.db, incoming, payload.database_key)
    except BaseException:
        profile.close()
        if created:
            directory.delete(info.name)  # a new profile that could not be filled is not left behind
        raise
    finally:
        for leftover in [incoming, *(Path(f"{incoming}{s}") for s in COMPANION_SUFFIXES)]:
            leftover.unlink(missing_ok=True)
    profile.close()
    return ImportResult(name=info.name, created=created, added=added)


def _prepare_incoming(path: Path, key: bytes | None, target: Database) -> None:
    """Check the incoming copy and bring its schema up to this version's (refusing a newer version's)."""
    try:
        db = open_database(path, crypto.connector(key), pragmas=False)
    except UserError:
        raise TransferError(_("The journal inside the profile file is damaged; nothing was imported.")) from None
    try:
        known = {(s.name, step) for s in schema.migration_sets() for step, _run in s.steps}
        if MIGRATIONS_TABLE not in db.table_names():
            raise TransferError(_("The profile file holds no journal; nothing was imported."))
        recorded = set(db.execute(f"SELECT migration_set, name FROM {MIGRATIONS_TABLE}").fetchall())
        if recorded - known:
            raise TransferError(_("The profile file was made by a newer version of SupportBack Desktop; update "
                                  "this computer's copy first. Nothing was imported."))
        schema.migrate(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        unknown = set(db.table_names()) - set(target.table_names())
        if unknown:
            raise TransferError(_("The profile file holds data this version does not know ({tables}); nothing "
                                  "was imported.").format(tables=", ".join(sorted(unknown))))
    finally:
        db.close()


def _columns(db: Database, schema_name: str, table: str) -> list[tuple[str, int]]:
    """(column, position in the primary key: 0 when not part of it)."""
    return [(row[1], row[5]) for row in db.execute(f'PRAGMA {schema_name}.table_info("{table}")').fetchall()]


def _merge(db: Database, incoming: Path, key: bytes | None) -> dict[str, int]:
    secret = crypto.key_pragma_value(key) if key is not None else ""
    if crypto.encryption_available():
        db.execute("ATTACH DATABASE ? AS incoming KEY ?", (str(incoming), secret))
    else:
        db.execute("ATTACH DATABASE ? AS incoming", (str(incoming),))
    try:
        tables = [t for (t,) in db.execute("SELECT name FROM incoming.sqlite_master WHERE type = 'table'")
                  if t not in _INTERNAL and not t.startswith("sqlite_")]
        # Tables whose ids others point at go first, so those pointers can be remapped.
        tables.sort(key=lambda t: bool(_references(db, t)))
        id_maps: dict[str, dict[int, int]] = {}
        added: dict[str, int] = {}
        with db.atomic():
            for table in tables:
                added[table] = _merge_table(db, table, id_maps)
        return {table: n for table, n in added.items() if n}
    except DATABASE_ERRORS as error:
        raise TransferError(_("The profile file could not be merged ({reason}); nothing was imported.")
                            .format(reason=error)) from None
    finally:
        db.execute("DETACH DATABASE incoming")


def _references(db: Database, table: str) -> dict[str, str]:
    found = {column: target for (t, column), target in _ID_REFERENCES.items() if t == table}
    for row in db.execute(f'PRAGMA main.foreign_key_list("{table}")').fetchall():
        found[row[3]] = row[2]  # from column -> referenced table
    return found


def _merge_table(db: Database, table: str, id_maps: dict[str, dict[int, int]]) -> int:
    columns = _columns(db, "incoming", table)
    if [c for c, _pk in columns] != [c for c, _pk in _columns(db, "main", table)]:
        raise TransferError(_("The table '{table}' differs between the file and this profile; nothing was imported.")
                            .format(table=table))
    names = [c for c, _pk in columns]
    quoted = ", ".join(f'"{c}"' for c in names)
    primary = [c for c, pk in sorted(columns, key=lambda item: item[1]) if pk]
    if primary != ["id"] or table in _KEYED_BY_ID:
        # Keyed rows (settings, session progress, the flare plan): added when the key is new, never replaced.
        before = db.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
        db.execute(f'INSERT OR IGNORE INTO main."{table}" ({quoted}) SELECT {quoted} FROM incoming."{table}"')
        return db.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0] - before
    references = _references(db, table)
    others = [c for c in names if c != "id"]
    id_map = id_maps.setdefault(table, {})
    match = " AND ".join(f'"{c}" IS ?' for c in others)
    added = 0
    for row in db.execute(f'SELECT {quoted} FROM incoming."{table}" ORDER BY id').fetchall():
        values = dict(zip(names, row, strict=True))
        for column, target in references.items():
            if values.get(column) is not None:
                values[column] = id_maps.get(target, {}).get(values[column], values[column])
        existing = db.execute(f'SELECT id FROM main."{table}" WHERE {match} LIMIT 1',
                              [values[c] for c in others]).fetchone()
        if existing is None and table == "entries" and values.get("import_key"):
            # A day's imported step total is one row per day: an existing one is kept, never doubled.
            existing = db.execute('SELECT id FROM main."entries" WHERE import_key = ?',
                                  [values["import_key"]]).fetchone()
        if existing is not None:
            id_map[values["id"]] = existing[0]
            continue
        taken = db.execute(f'SELECT 1 FROM main."{table}" WHERE id = ?', [values["id"]]).fetchone()
        insert_columns = names if not taken else others
        cursor = db.execute(
            f'INSERT INTO main."{table}" ({", ".join(chr(34) + c + chr(34) for c in insert_columns)}) '
            f'VALUES ({", ".join("?" for _ in insert_columns)})', [values[c] for c in insert_columns])
        id_map[values["id"]] = values["id"] if not taken else cursor.lastrowid
        added += 1
    return added
