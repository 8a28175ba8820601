"""The real sample data `load_sample_data` loads: the Office of the Historian's records of
US–ROK high-level engagements and US officials (``historian`` reads them, ``plans`` decides what
they become, with ``rok_officials`` saying whom the remarks name), and the hand-curated meeting
the project started from (``seed``).

Everything in this package is pure Python — files in, dataclasses out — so that the rules that
read and interpret the data are tested without a database. Writing to the database is
``engagements.sample_data.loader.load_sample_data``.
"""

from pathlib import Path


class SampleDataError(Exception):
    """A data file is missing, malformed or lacks something the loader needs.

    The message names the file (relative to the data folder when possible) and the line, so
    that whoever updates the data knows exactly where to look.
    """

    def __init__(self, path: Path | str, message: str, *, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")
