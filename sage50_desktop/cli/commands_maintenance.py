"""``sage50 restore-backup``: put the newest backup of ``app.sqlite3`` back (damaged file kept).

Runs without opening the app's databases (they may be what is damaged).
"""

from __future__ import annotations

import argparse

from sage50_desktop import paths
from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import CliError
from sage50_desktop.cli.output import Result
from sage50_desktop.services.runtime import APP_DB
from sage50_desktop.storage import db_health


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser(
        "restore-backup",
        parents=[common],
        help="restore the newest backup of the app's database",
        description="Replace app.sqlite3 (connections, uploads, history) by its newest sound "
        "backup (kept daily and before each upgrade in the data folder's "
        "backups/). The replaced file is kept as app.sqlite3.damaged-<time>.",
    )
    r.set_defaults(handler=cmd_restore_backup)


async def cmd_restore_backup(ctx: CliContext, args: argparse.Namespace) -> Result:
    path = paths.data_dir() / APP_DB
    try:
        used = db_health.restore_backup(path)  # under its lock: no process opens it meanwhile
    except db_health.DatabaseInUse as exc:
        raise CliError(str(exc), hint=exc.hint) from None
    except FileNotFoundError:
        raise CliError(
            f"no backup of {path}",
            hint=f"There is no usable backup of {path} in {db_health.backups_folder(path)}.",
        ) from None
    return Result(
        {"restored": str(path), "backup": str(used)},
        [f"Restored {path} from the backup {used.name}."],
    )
