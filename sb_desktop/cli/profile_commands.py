"""Commands for people sharing a computer: profiles list/create/delete/passwd, backup and restore."""
from __future__ import annotations

import json
import os
import sys

from sb_desktop.cli.context import PASSPHRASE_ENV, NoPassphrase, read_passphrase, stdin_is_terminal
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.backups import list_backups

NEW_PASSPHRASE_ENV = "SB_DESKTOP_NEW_PASSPHRASE"

LOSS_WARNING = _("Keep this passphrase safe: nobody, not even the clinic, can recover this profile's data "
                 "without it.")


def register(subparsers) -> None:
    profiles = subparsers.add_parser("profiles", help=_("list, create, delete profiles or change a passphrase"))
    actions = profiles.add_subparsers(dest="profiles_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help=_("list the profiles on this computer (names only)"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(run=run_list)

    create = actions.add_parser(
        "create", help=_("create a profile protected by a passphrase ({env}, or asked for)").format(
            env=PASSPHRASE_ENV))
    create.add_argument("name", metavar="NAME")
    create.add_argument("--no-passphrase", action="store_true",
                        help=_("do not encrypt (only for a computer nobody else uses)"))
    create.set_defaults(run=run_create)

    delete = actions.add_parser("delete", help=_("delete a profile with its journal and backups"))
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help=_("do not ask to type the name to confirm"))
    delete.add_argument("--without-passphrase", action="store_true",
                        help=_("clinic override: delete an encrypted profile whose passphrase is lost "
                               "(otherwise its passphrase is needed, from {env} or asked for)").format(env=PASSPHRASE_ENV))
    delete.set_defaults(run=run_delete)

    passwd = actions.add_parser(
        "passwd", help=_("change a profile's passphrase and re-encrypt it (new one from {env}, or asked for)")
        .format(env=NEW_PASSPHRASE_ENV))
    passwd.add_argument("name", metavar="NAME")
    passwd.add_argument("--remove", action="store_true", help=_("remove the passphrase and store unencrypted"))
    passwd.set_defaults(run=run_passwd)

    export = actions.add_parser(
        "export", help=_("write the whole profile to one encrypted file, to move it to another computer"))
    export.add_argument("name", metavar="NAME")
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(run=run_profile_export)

    imp = actions.add_parser(
        "import", help=_("bring in a profile file from `profiles export` (merged into an existing profile, "
                         "never overwriting it)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--as", dest="as_name", metavar="NAME", help=_("the profile to create or merge into"))
    imp.set_defaults(run=run_profile_import)

    backup = subparsers.add_parser("backup", help=_("make a verified backup of the profile now"))
    backup.set_defaults(run=run_backup)

    restore = subparsers.add_parser("restore", help=_("replace the profile's journal with its newest good backup"))
    restore.add_argument("--list", action="store_true", help=_("list the backups instead"))
    restore.add_argument("--from", dest="backup_name", metavar="FILE",
                         help=_("the backup to restore (a name shown by --list)"))
    restore.set_defaults(run=run_restore)


def run_list(args, ctx) -> int:
    infos = ctx.profiles.list()
    if args.json:
        json.dump([{"name": i.name, "encrypted": i.encrypted} for i in infos], sys.stdout, ensure_ascii=False)
        print()
        return 0
    for info in infos:
        print(f"{info.name}" + ("" if info.encrypted else "  " + _("(no passphrase)")))
    if not infos:
        print(_("No profiles yet."), file=sys.stderr)
    return 0


def _new_passphrase(name: str, env: str) -> str:
    """A new passphrase: from env, else typed twice at a hidden prompt."""
    if os.environ.get(env):
        return os.environ[env]
    first = read_passphrase(_("New passphrase for '{name}': ").format(name=name), env=None)
    second = read_passphrase(_("Type it again: "), env=None)
    if first != second:
        raise UserError(_("The two passphrases differ; nothing was changed."))
    return first


def run_create(args, ctx) -> int:
    if ctx.profiles.exists(args.name):
        raise UserError(_("A profile called '{name}' already exists.").format(name=args.name))
    if args.no_passphrase:
        passphrase = None
    else:
        passphrase = _new_passphrase(args.name, PASSPHRASE_ENV)
    info = ctx.profiles.create(args.name, passphrase=passphrase)
    profile = ctx.profiles.open(info.name, create=False, passphrase=passphrase)
    profile.close()
    if passphrase is None:
        print(_("Created profile '{name}' without a passphrase: anyone using this computer account can read it.")
              .format(name=info.name))
    else:
        print(_("Created encrypted profile '{name}'.").format(name=info.name))
        print(LOSS_WARNING, file=sys.stderr)
    return 0


def run_delete(args, ctx) -> int:
    info = ctx.profiles.find(args.name)
    if info is None:
        raise UserError(_("There is no profile called '{name}'.").format(name=args.name))
    if not args.yes:
        if not stdin_is_terminal():
            raise UserError(_("Deleting needs confirmation: type the name at a terminal, or add --yes."))
        print(_("This deletes profile '{name}', its journal and all its backups. It cannot be undone.")
              .format(name=info.name), file=sys.stderr)
        typed = input(_("Type the profile name to confirm: "))
        if typed.strip() != info.name:
            raise UserError(_("The name did not match; nothing was deleted."))
    if info.encrypted and not args.without_passphrase:
        # Only the person (or a clinic that says so explicitly) may destroy an encrypted journal.
        try:
            passphrase = ctx.passphrase_for(info.name)
        except NoPassphrase:
            raise NoPassphrase(_("Deleting an encrypted profile needs its passphrase: set {env}, run this in a "
                                 "terminal, or add --without-passphrase (clinic override). Nothing was deleted.")
                               .format(env=PASSPHRASE_ENV)) from None
        ctx.profiles.check_passphrase(info.name, passphrase)
    ctx.profiles.delete(info.name)
    print(_("Deleted profile '{name}' and its backups.").format(name=info.name))
    return 0


def run_passwd(args, ctx) -> int:
    info = ctx.profiles.find(args.name)
    if info is None:
        raise UserError(_("There is no profile called '{name}'.").format(name=args.name))
    old = ctx.passphrase_for(info.name)
    if old is not None:
        ctx.profiles.check_passphrase(info.name, old)  # fail before asking for a new one
    new = None if args.remove else _new_passphrase(info.name, NEW_PASSPHRASE_ENV)
    if new is not None and new == old:
        raise UserError(_("The new passphrase is the same as the old one; nothing was changed."))
    ctx.profiles.change_passphrase(info.name, old, new)
    if new is None:
        print(_("Profile '{name}' is no longer encrypted.").format(name=info.name))
    else:
        print(_("Profile '{name}' was re-encrypted under the new passphrase, backups included.").format(
            name=info.name))
        print(LOSS_WARNING, file=sys.stderr)
    return 0


def run_profile_export(args, ctx) -> int:
    from sb_desktop.storage.transfer import export_profile
    info = ctx.profiles.find(args.name)
    if info is None:
        raise UserError(_("There is no profile called '{name}'.").format(name=args.name))
    passphrase = ctx.passphrase_for(info.name)
    if passphrase is not None:
        ctx.profiles.check_passphrase(info.name, passphrase)
    # The file leaves this computer: it is always encrypted, under the profile's passphrase when it has one.
    file_passphrase = passphrase if passphrase is not None else _new_passphrase(info.name, NEW_PASSPHRASE_ENV)
    size = export_profile(ctx.profiles, info.name, args.out, passphrase=passphrase, file_passphrase=file_passphrase)
    print(_("Exported profile '{name}' ({kb} KB, encrypted) to {path}. Import it on the other computer with "
            "`profiles import` and the same passphrase.").format(name=info.name, kb=max(1, size // 1024),
                                                               path=args.out))
    return 0


def run_profile_import(args, ctx) -> int:
    from sb_desktop.storage.transfer import import_profile, read_transfer_file
    file_passphrase = read_passphrase(_("Passphrase of the profile file: "))
    name = args.as_name or read_transfer_file(args.file, file_passphrase).name
    target_passphrase = ctx.passphrase_for(name) if ctx.profiles.find(name) is not None else None
    result = import_profile(ctx.profiles, args.file, file_passphrase=file_passphrase, as_name=name,
                            target_passphrase=target_passphrase)
    if result.created:
        print(_("Imported profile '{name}' from {path} ({n} rows).").format(
            name=result.name, path=args.file, n=result.rows_added))
    else:
        print(_("Merged {path} into profile '{name}': {n} rows added; nothing it already held was changed.").format(
            name=result.name, path=args.file, n=result.rows_added))
    return 0


def run_backup(args, ctx) -> int:
    profile = ctx.open_profile(create=False)
    backup = profile.backup("manual")
    print(_("Backed up profile '{name}' to {path}").format(name=profile.name, path=backup.path))
    return 0


def run_restore(args, ctx) -> int:
    info = ctx.profiles.find(ctx.profile_name)
    if info is None:
        raise UserError(_("There is no profile called '{name}'.").format(name=ctx.profile_name))
    backups = list_backups(info.folder)
    if args.list:
        for b in backups:
            print(f"{b.path.name}  {b.label}  {b.reason}")
        if not backups:
            print(_("Profile '{name}' has no backups yet.").format(name=info.name), file=sys.stderr)
        return 0
    chosen = None
    if args.backup_name:
        chosen = next((b for b in backups if b.path.name == os.path.basename(args.backup_name)), None)
        if chosen is None:
            raise UserError(_("There is no backup called '{file}'; see `restore --list`.").format(
                file=args.backup_name))
    passphrase = ctx.passphrase_for(info.name)
    result = ctx.profiles.restore(info.name, passphrase=passphrase, backup=chosen)
    print(_("Restored profile '{name}' from the backup of {when}.").format(name=info.name, when=result.backup.label))
    if result.damaged_copy is not None:
        print(_("The damaged file was kept as {path}.").format(path=result.damaged_copy))
        print(_("{n} rows still readable in it were added back.").format(n=result.recovered_rows))
        if result.unreadable:
            print(_("Some of it could not be read ({tables}): anything entered after {when} in those may be "
                    "missing.").format(tables=", ".join(result.unreadable), when=result.backup.label))
    return 0


__all__ = ["register", "NoPassphrase"]
