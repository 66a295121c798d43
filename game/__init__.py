"""Partnership: a practice-management simulation for GP trainees in England."""

#: The one place the version is written: the package metadata and ``--version`` read it.
__version__ = "0.1.0"
