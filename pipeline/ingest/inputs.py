"""Which files a run reads: command-line arguments (paths, glob patterns, @lists) into input files.

    python -m pipeline run corpus/                    a folder, walked recursively
    python -m pipeline run 'corpus/**/*.txt'          a pattern the shell did not expand (** = any depth)
    python -m pipeline run @bulletins.txt             the paths listed in a file, one a line

Hidden files and folders (a name starting with ".") inside a folder are ignored: editors' backups, `.git`,
`.DS_Store`; so are the folders a run writes (`--out`, `--cache`) when they sit inside an input folder.
Every other entry of a folder is an input, even one that cannot be read (a broken link, a FIFO), so that
the manifest accounts for it; the reader turns those into "failed" without blocking.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ArgumentError", "discover", "expand_arguments"]

_MAGIC = ("*", "?", "[")


class ArgumentError(ValueError):
    """A command-line input that names nothing: a pattern without a match, a missing or empty @list."""


def expand_arguments(arguments: Iterable[str | os.PathLike]) -> list[Path]:
    """Paths for the command line's inputs, in the order given.

    - `@FILE`: the paths listed in FILE, one a line; blank lines and lines starting with "#" are
      skipped; relative paths are relative to the current folder (as for compilers' @argfiles).
      A listed path is taken literally (no patterns, no nested @lists).
    - a pattern with * ? or [ that is not itself an existing path: the paths it matches, sorted;
      "**" matches any number of folders. Hidden files match only a pattern that names them.
    - anything else: as given (a missing path is reported by the caller).
    """
    paths: list[Path] = []
    for given in arguments:
        argument = str(os.fspath(given))
        if argument.startswith("@") and len(argument) > 1:
            paths += _listed(Path(argument[1:]))
        elif any(char in argument for char in _MAGIC) and not os.path.lexists(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise ArgumentError(f"no file matches {argument}")
            paths += map(Path, matches)
        else:
            paths.append(Path(argument))
    return paths


def _listed(list_file: Path) -> list[Path]:
    try:
        lines = list_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ArgumentError(f"cannot read the list of inputs {list_file}: {error}") from error
    paths = [Path(line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not paths:
        raise ArgumentError(f"the list of inputs {list_file} names no file")
    return paths


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def discover(paths: Iterable[Path], skip: Iterable[Path] = ()) -> list[tuple[Path, Path]]:
    """(file, root) for every input under the given files and folders, sorted; root is what the
    document's `source` is relative to: the folder given, or for files given one by one (or by a
    pattern or a list) the folder they all sit in, so that "dev/a.txt" and "test/a.txt" stay apart.

    Every entry of a folder that is not a folder is an input, readable or not. Sub-folders are walked;
    symbolic links to folders are not followed (no loops, no escaping the folder given). Inside a folder,
    what lies under one of the `skip` folders is not an input (the run's own output and cache)."""
    paths = list(paths)
    skipped = [Path(os.path.abspath(folder)) for folder in skip]
    files = [path for path in paths if not path.is_dir()]
    found: set[tuple[Path, Path]] = set()
    for path in paths:
        if path.is_dir():
            for entry in path.rglob("*"):
                if not entry.is_dir() and not _hidden(entry.relative_to(path)) and not _under(entry, skipped):
                    found.add((entry, path))
    common = _common_folder(files)
    found.update((Path(os.path.abspath(file)), common) if common else (file, file.parent) for file in files)
    return sorted(found, key=lambda item: (str(item[1]), item[0].relative_to(item[1]).as_posix()))


def _under(entry: Path, folders: list[Path]) -> bool:
    if not folders:
        return False
    absolute = Path(os.path.abspath(entry))
    return any(absolute.is_relative_to(folder) for folder in folders)


def _common_folder(files: list[Path]) -> Path | None:
    """The deepest folder holding all the files (None if they share none, e.g. relative and absolute)."""
    if not files:
        return None
    try:
        return Path(os.path.commonpath([os.path.abspath(file.parent) for file in files]))
    except ValueError:  # different drives (Windows)
        return None
