"""Corpus fingerprints that can be computed in one pass, chunk by chunk or in parallel.

A corpus fingerprint is SHA-256 over the per-document digests taken in ``doc_id`` order,
each digest being SHA-256 over the document's id and text, each as an 8-byte big-endian
length followed by its UTF-8 bytes. Holding 32 bytes per document is enough to compute it
over a corpus read in chunks, or over partitions matched on other processes or machines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

PREFIX = "sha256:"


def document_digest(doc_id: str, text: str) -> bytes:
    """The SHA-256 digest of one document: its id and its text, each length-prefixed."""
    digest = hashlib.sha256()
    for field in (doc_id, text):
        data = field.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


def combine_digests(digests: Iterable[tuple[str, bytes]]) -> str:
    """The corpus fingerprint from ``(doc_id, document_digest)`` pairs, in any order."""
    total = hashlib.sha256()
    for _, digest in sorted(digests):
        total.update(digest)
    return PREFIX + total.hexdigest()


def corpus_fingerprint(doc_ids: Iterable[str], texts: Iterable[str]) -> str:
    """The fingerprint of documents given as parallel sequences of ids and texts."""
    return combine_digests(
        (doc_id, document_digest(doc_id, text))
        for doc_id, text in zip(doc_ids, texts, strict=True)
    )
