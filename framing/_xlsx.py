"""XLSX workbooks written byte-identically across runs: ``write_reproducible``.

An XLSX file is a ZIP archive of XML parts. openpyxl stamps the current time in two places:
the document properties (``docProps/core.xml``: ``dcterms:created`` when the workbook is
made, ``dcterms:modified`` when it is saved, whatever the caller set) and the date-time of
every ZIP entry. It also gives entries different permission bits (external attributes).
:func:`write_reproducible` saves the workbook to memory, then writes the archive again with
those fields fixed, so that the same workbook content gives the same bytes.

The bytes still depend on the openpyxl version (it names itself in ``docProps/app.xml``)
and, through the deflate compression, on the zlib library: "same inputs" includes the
same environment.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["FIXED_TIME", "write_reproducible"]

#: The date-time written in every reproducible workbook: 1980-01-01 00:00:00 UTC, the
#: earliest a ZIP entry can carry. Used for the ZIP entries and, unless the caller gives
#: another, for the document's created and modified properties.
FIXED_TIME = dt.datetime(1980, 1, 1, 0, 0, 0)

_CORE_PART = "docProps/core.xml"
#: Unix, regular file, rw-r--r--: the external attributes of every file entry.
_CREATE_SYSTEM = 3
_FILE_ATTRIBUTES = 0o100644 << 16
#: Unix, directory, rwxr-xr-x, plus the MS-DOS directory bit (openpyxl writes none).
_DIR_ATTRIBUTES = (0o040755 << 16) | 0x10


def _naive_utc(when: dt.datetime) -> dt.datetime:
    """``when`` as a naive UTC date-time without microseconds (openpyxl assumes UTC)."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0)


def _core_xml(workbook: Any) -> bytes:
    """The document properties part, serialised by openpyxl itself."""
    from openpyxl.xml.functions import tostring

    return tostring(workbook.properties.to_tree())


def normalise_archive(data: bytes, *, core: bytes | None = None) -> bytes:
    """The ZIP archive ``data`` with fixed entry metadata.

    Every entry keeps its name, order, content and compression method; its date-time becomes
    :data:`FIXED_TIME`, its creating system Unix and its external attributes fixed (a plain
    file ``rw-r--r--``); its comment and extra fields are dropped, as is the archive comment.
    ``core``, if given, replaces the content of ``docProps/core.xml``.
    """
    stamp = FIXED_TIME.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", allowZip64=True) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry)
            if core is not None and entry.filename == _CORE_PART:
                content = core
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = entry.compress_type
            info.create_system = _CREATE_SYSTEM
            info.external_attr = _DIR_ATTRIBUTES if entry.is_dir() else _FILE_ATTRIBUTES
            target.writestr(info, content)
    return out.getvalue()


def write_reproducible(
    workbook: Any,
    path: str | os.PathLike[str],
    *,
    when: dt.datetime | None = None,
) -> Path:
    """Save an openpyxl workbook so that the same content always gives the same bytes.

    Parameters
    ----------
    workbook : openpyxl.Workbook
        The workbook to save. Its ``properties.created`` and ``properties.modified`` are set
        to ``when`` (the workbook is changed in place).
    path : str or path
        Where to write the ``.xlsx`` file; an existing file is replaced.
    when : datetime.datetime, optional
        The document's created and modified date-time, e.g. one derived from the inputs.
        Naive values are taken as UTC; microseconds are dropped. Default :data:`FIXED_TIME`
        (1980-01-01 00:00:00 UTC). The ZIP entries always carry :data:`FIXED_TIME`.

    Returns
    -------
    pathlib.Path
        The file's path.

    Examples
    --------
    >>> import openpyxl, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> def book():
    ...     workbook = openpyxl.Workbook()
    ...     workbook.active["A1"] = "offensive"
    ...     return workbook
    >>> a = write_reproducible(book(), folder / "a.xlsx").read_bytes()
    >>> b = write_reproducible(book(), folder / "b.xlsx").read_bytes()
    >>> a == b
    True
    """
    stamp = _naive_utc(FIXED_TIME if when is None else when)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl sets ``modified`` to the current time while saving: set it back and write
    # the properties part again.
    workbook.properties.modified = stamp
    data = normalise_archive(buffer.getvalue(), core=_core_xml(workbook))
    target = Path(path)
    target.write_bytes(data)
    return target
