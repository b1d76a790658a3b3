"""``sage50 validate``, ``upload``, ``uploads`` and ``track`` (contract 5 and 6).

Thin layer over :class:`~sage50_desktop.services.uploads.UploadService`, the
engine the GUI uses: the file is copied, validated locally (exit 4, nothing
sent), announced, recorded and sent; ``--wait`` then follows the engine's own
tracking task to the end and its result file.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sage50_desktop.api.contract import UploadStatus
from sage50_desktop.cli.context import CliContext
from sage50_desktop.cli.exit_codes import (
    ERROR,
    INVALID,
    OK,
    REJECTED,
    UsageError,
    exit_code_for,
    exit_code_for_status,
)
from sage50_desktop.cli.output import Result, human_size, ts
from sage50_desktop.services.resend_guard import DuplicateOrders, ResendCheck
from sage50_desktop.services.tracking import describe_upload
from sage50_desktop.services.uploads import UploadLinkExpired, UploadService
from sage50_desktop.services.validation import (
    ValidationFailed,
    ValidationReport,
    validate_file_async,
)
from sage50_desktop.storage.upload_store import LocalState, UploadRecord, UploadStore


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {value}")
    return number


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    v = sub.add_parser(
        "validate",
        parents=[common],
        help="check an upload file locally (sends nothing)",
        description="Validate FILE against the scope's schema, as 'upload' does before "
        "sending. Exit 4 when problems are found.",
    )
    v.add_argument("scope", metavar="SCOPE", help="e.g. orders")
    v.add_argument("file", metavar="FILE", type=Path)
    v.add_argument(
        "--max-errors",
        type=int,
        default=100,
        metavar="N",
        help="list at most N problems (all are counted; default 100)",
    )
    v.set_defaults(handler=cmd_validate)

    u = sub.add_parser(
        "upload",
        parents=[common],
        help="validate and upload a file (contract 5)",
        description="Validate FILE locally (exit 4 and nothing sent on problems), announce "
        "it, send it, and with --wait track it to the end and fetch the result. "
        "Exit 5 when the platform rejects it (badRequest, failed, expired).",
    )
    u.add_argument("scope", metavar="SCOPE", help="e.g. orders")
    u.add_argument("file", metavar="FILE", type=Path)
    u.add_argument(
        "--wait",
        action="store_true",
        help="track the upload until it ends and fetch its result file",
    )
    u.add_argument(
        "--timeout",
        type=_positive,
        metavar="S",
        help="with --wait: stop waiting after S seconds (exit 1; resume with "
        "'sage50 track ID --wait')",
    )
    u.add_argument(
        "--max-errors",
        type=int,
        default=100,
        metavar="N",
        help="list at most N validation problems (default 100)",
    )
    u.add_argument(
        "--allow-resend",
        action="store_true",
        help="send the file even when some of its orders were already accepted on "
        "this profile (without it: exit 4 and nothing sent)",
    )
    u.set_defaults(handler=cmd_upload)

    h = sub.add_parser(
        "uploads",
        parents=[common],
        help="upload history",
        description="Uploads of this profile, newest first.",
    )
    h.add_argument("--scope", metavar="SCOPE")
    h.add_argument("--status", metavar="STATUS", help="e.g. accepted, failed, interrupted")
    h.add_argument("--limit", type=int, metavar="N")
    h.set_defaults(handler=cmd_uploads)

    t = sub.add_parser(
        "track",
        parents=[common],
        help="check or resume tracking an upload (contract 6)",
        description="Ask the platform for the upload's status now; with --wait resume "
        "tracking until it ends and fetch the result. Exit 5 when it was "
        "rejected (badRequest, failed, expired).",
    )
    t.add_argument("upload_id", metavar="UPLOAD_ID")
    t.add_argument("--wait", action="store_true", help="track until the upload ends")
    t.add_argument(
        "--timeout",
        type=_positive,
        metavar="S",
        help="with --wait: stop waiting after S seconds (exit 1)",
    )
    t.set_defaults(handler=cmd_track)


# --- JSON and text ---------------------------------------------------------------------
def report_json(report: ValidationReport) -> dict[str, Any]:
    return {
        "records": report.records,
        "errorCount": report.error_count,
        "truncated": report.truncated,
        "summary": report.summary(),
        "issues": [
            {"record": i.record, "index": i.index, "path": i.path, "message": i.message}
            for i in report.issues
        ],
    }


def report_text(report: ValidationReport) -> list[str]:
    lines = [report.summary()]
    lines += [f"  {issue}" for issue in report.issues]
    return lines


def resend_json(check: ResendCheck) -> dict[str, Any]:
    return {
        "compared": check.compared,
        "count": check.count,
        "uploads": check.uploads(),
        "orders": [
            {
                "id": d.record_id,
                "uploadId": d.upload_id,
                "acceptedAt": ts(d.accepted_at) if d.accepted_at else None,
            }
            for d in check.duplicates
        ],
    }


def summary_json(record: UploadRecord) -> dict[str, Any] | None:
    if record.result_total is None:
        return None
    return {
        "total": record.result_total,
        "accepted": record.result_accepted or 0,
        "rejected": record.result_rejected or 0,
        "errors": list(record.result_errors),
    }


def upload_json(record: UploadRecord) -> dict[str, Any]:
    return {
        "uploadId": record.id,
        "status": record.status,
        "summary": summary_json(record),
        "scope": record.scope,
        "state": record.state,
        "displayStatus": record.display_status,
        "progress": record.progress,
        "message": record.message or record.state_message,
        "description": describe_upload(record),
        "fileName": record.file_name,
        "createdAt": ts(record.created_at),
        "resultPath": record.result_path,
        "parentId": record.parent_id,
    }


def upload_text(record: UploadRecord) -> list[str]:
    lines = [
        f"Upload {record.id} ({record.scope}, {record.file_name}): {record.display_status}",
        f"  {describe_upload(record)}",
    ]
    if record.result_path:
        lines.append(f"  Result file: {record.result_path}")
    if record.state not in (LocalState.DONE, LocalState.URL_EXPIRED):
        lines.append(f"  Follow it with: sage50 track {record.id} --wait")
    return lines


def contradictory_result(record: UploadRecord) -> str | None:
    """A sentence when the status says ``accepted`` but the result file rejected records."""
    if record.status != UploadStatus.ACCEPTED or record.result_total is None:
        return None
    rejected = record.result_rejected or 0
    accepted = record.result_accepted or 0
    if rejected == 0 and accepted == record.result_total:
        return None
    return (
        f"the platform reported upload {record.id} as accepted, but its result file lists "
        f"{rejected:,} rejected and {accepted:,} accepted of {record.result_total:,} "
        "record(s); check the result before relying on it."
    )


def _outcome(
    record: UploadRecord, error: BaseException | None = None, extra_error: str | None = None
) -> Result:
    """The result of upload/track for ``record`` with its exit code."""
    data = upload_json(record)
    if error is not None:
        code = exit_code_for(error)
        hint = getattr(error, "hint", "") or str(error)
        data["error"] = {"type": type(error).__name__, "message": str(error), "hint": hint}
        return Result(data, upload_text(record), code, hint)
    if record.state == LocalState.URL_EXPIRED:
        return Result(data, upload_text(record), REJECTED, UploadLinkExpired.hint)
    if extra_error:
        data["error"] = {"type": "NotFinished", "message": extra_error, "hint": extra_error}
        return Result(data, upload_text(record), ERROR, extra_error)
    code = exit_code_for_status(record.status)
    error_line = None
    contradiction = contradictory_result(record)
    if contradiction:
        data["error"] = {
            "type": "ContradictoryResult",
            "message": contradiction,
            "hint": contradiction,
        }
        return Result(data, upload_text(record), REJECTED, contradiction)
    if code != OK:
        error_line = f"the platform rejected upload {record.id} ({record.status})."
        if record.result_total is not None:
            error_line += f" {record.result_rejected} of {record.result_total} record(s) rejected."
    return Result(data, upload_text(record), code, error_line)


class _Watch:
    """Progress bar and error capture on an :class:`UploadService`'s signals."""

    def __init__(self, ctx: CliContext, service: UploadService) -> None:
        self.errors: dict[str, BaseException] = {}
        self.bar = ctx.out.progress("Uploading")
        service.error.connect(self._on_error)
        service.transfer_progress.connect(self._on_transfer)
        service.status_changed.connect(self._on_status)

    def _on_error(self, upload_id: str, exc: BaseException) -> None:
        self.errors[upload_id] = exc

    def _on_transfer(self, _uid: str, sent: int, total: int) -> None:
        self.bar.update(sent, total, label="Sending", force=sent >= total)

    def _on_status(self, _uid: str, status: str | None, progress: int, _msg: str) -> None:
        self.bar.update(progress, 100, label=f"Tracking: {status}", unit="percent", force=True)


async def _wait(
    service: UploadService, watch: _Watch, upload_id: str, limit: float | None
) -> Result:
    try:
        record = await service.wait(upload_id, limit)
    except TimeoutError:
        record = service.get(upload_id)
        return _outcome(
            record,
            extra_error=(
                f"upload {upload_id} is still running after {limit:g} s; follow it with "
                f"'sage50 track {upload_id} --wait'."
            ),
        )
    finally:
        watch.bar.close()
    if record.state == LocalState.INTERRUPTED:
        error = watch.errors.get(upload_id)
        if error is None:  # stopped without telling why (should not happen): not a success
            line = record.state_message or "tracking stopped"
            return _outcome(
                record, extra_error=f"{line} Resume it with 'sage50 track {upload_id} --wait'."
            )
        return _outcome(record, error)
    return _outcome(record)


def _upload_service(ctx: CliContext, conn: Any, max_errors: int = 1000) -> UploadService:
    return UploadService(ctx.runtime, conn, max_errors=max_errors)


# --- commands --------------------------------------------------------------------------
def _existing_file(path: Path) -> Path:
    if path.is_dir():
        raise UsageError(
            f"{path} is a folder",
            hint=f"{path} is a folder, not a file: give the path of a JSON file inside it.",
        )
    if not path.is_file():
        if path.exists():
            raise UsageError(
                f"{path} is not a regular file",
                hint=f"{path} is not a regular file (a device or a pipe); "
                "give the path of a JSON file.",
            )
        raise UsageError(f"no such file: {path}", hint=f"The file {path} does not exist.")
    return path


async def cmd_validate(ctx: CliContext, args: argparse.Namespace) -> Result:
    path = _existing_file(args.file)
    profile = ctx.profile()
    report = await validate_file_async(path, profile.domain, args.scope, max_errors=args.max_errors)
    data = {"ok": report.ok, "scope": args.scope, "file": str(path), **report_json(report)}
    if report.ok:
        return Result(data, [report.summary()])
    return Result(data, report_text(report), INVALID, f"{report.summary()} {ValidationFailed.hint}")


async def cmd_upload(ctx: CliContext, args: argparse.Namespace) -> Result:
    path = _existing_file(args.file)
    async with ctx.connection() as conn:
        async with _upload_service(ctx, conn, args.max_errors) as service:
            watch = _Watch(ctx, service)
            added: list[str] = []
            service.upload_added.connect(added.append)
            try:
                record = await service.upload(path, args.scope, allow_resend=args.allow_resend)
            except DuplicateOrders as exc:
                watch.bar.close()
                data = {
                    "uploadId": None,
                    "status": None,
                    "summary": None,
                    "scope": args.scope,
                    "alreadyAccepted": resend_json(exc.check),
                }
                message = (
                    f"{exc.check.summary()} Nothing was sent. To send them again on "
                    "purpose, add --allow-resend."
                )
                return Result(data, [message], INVALID, message)
            except ValidationFailed as exc:
                watch.bar.close()
                data = {
                    "uploadId": None,
                    "status": None,
                    "summary": None,
                    "scope": args.scope,
                    "validation": report_json(exc.report),
                }
                return Result(
                    data, report_text(exc.report), INVALID, f"{exc.report.summary()} {exc.hint}"
                )
            except UploadLinkExpired as exc:
                watch.bar.close()
                return _outcome(service.get(exc.upload_id), exc)
            except Exception as exc:
                watch.bar.close()
                if not added:
                    raise
                # recorded, then the PUT failed: the id is reported so a script can track it
                return _outcome(service.get(added[-1]), exc)
            if not args.wait:
                watch.bar.close()
                return _outcome(record)
            return await _wait(service, watch, record.id, args.timeout)


def _store(ctx: CliContext) -> UploadStore:
    return UploadStore(ctx.runtime.app_engine)


def _find(ctx: CliContext, upload_id: str) -> UploadRecord:
    record = _store(ctx).find(upload_id)
    if record is None or record.profile_id != ctx.profile().id:
        raise UsageError(
            f"no upload {upload_id!r} in the history of profile {ctx.profile_name!r}",
            hint=f"No upload {upload_id!r} in this profile's history; 'sage50 uploads' lists them.",
        )
    return record


async def cmd_uploads(ctx: CliContext, args: argparse.Namespace) -> Result:
    profile = ctx.profile()
    records = _store(ctx).records(
        profile_id=profile.id, scope=args.scope, status=args.status, limit=args.limit
    )
    items = [
        {
            "uploadId": r.id,
            "scope": r.scope,
            "status": r.status,
            "createdAt": ts(r.created_at),
            "state": r.state,
            "displayStatus": r.display_status,
            "fileName": r.file_name,
            "summary": summary_json(r),
        }
        for r in records
    ]
    text = [
        f"{ts(r.created_at)}  {r.id}  {r.scope:<10} {r.display_status:<20} "
        f"{r.file_name} ({human_size(r.size)})"
        for r in records
    ]
    return Result({"uploads": items}, text or ["No uploads."])


async def cmd_track(ctx: CliContext, args: argparse.Namespace) -> Result:
    record = _find(ctx, args.upload_id)
    if record.state in (LocalState.DONE, LocalState.URL_EXPIRED):
        return _outcome(record)  # finished: the history has the final word
    async with ctx.connection() as conn:
        async with _upload_service(ctx, conn) as service:
            watch = _Watch(ctx, service)
            if args.wait:
                await service.resume(record.id)
                return await _wait(service, watch, record.id, args.timeout)
            # one look now; finish it off if the platform is done and the result is there
            record, tracking = await service.look(record.id)
            if tracking.terminal and (
                tracking.download_result_url or tracking.status not in UploadStatus.WITH_RESULT
            ):
                await service.resume(record.id)
                return await _wait(service, watch, record.id, 60.0)
            watch.bar.close()
            return _outcome(record)
