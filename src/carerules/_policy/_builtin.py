"""The built-in policies' document names (the policies themselves are data files in ``data/``)."""

from __future__ import annotations

#: The file name the Buddies policy's clauses cite.
BUDDIES_DOCUMENT = "004_82faaa97975dc483.txt"
#: The file name the 1-2-1 Support policy's clauses cite.
ONE_TO_ONE_DOCUMENT = "000_efb936d1ab05b6a6.txt"
