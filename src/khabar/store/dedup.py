"""Near-duplicate detection: one-permutation MinHash over word shingles, banded for lookup."""

from __future__ import annotations

import re
import zlib
from array import array

from khabar.arabic import normalize

BINS = 128  # signature length: the resemblance estimate has a standard error of about 0.04
ROWS = 3  # bins per band: a pair with resemblance 0.3 shares a band with probability 0.68, 0.4 with 0.93
BANDS = BINS // ROWS
SHINGLE = 3  # words per shingle: long enough that shared stock phrases do not make stories alike
MIN_SHINGLES = 12  # shorter bodies (a caption, a one-line brief) are too short to call copies
# Two bodies are copies of one story when their estimated resemblance reaches THRESHOLD (measured
# on the corpus: rewrites of one agency release sit at 0.3 and above, different stories with the
# same stock honorifics below 0.2), or when the shorter is mostly inside the longer (a trimmed
# copy) and long enough that shared honorifics cannot explain it.
THRESHOLD = 0.3
CONTAINED = 0.8
CONTAINED_MIN_RESEMBLANCE = 0.2
CONTAINED_MIN_SHINGLES = 50

_WORD_RE = re.compile(r"\w+")
_MIX = 0x9E3779B1  # Knuth's multiplicative constant: spreads crc32 values evenly over the bins
_VALUE_BITS = 25
_VALUE_MASK = (1 << _VALUE_BITS) - 1


def signature(text: str) -> bytes | None:
    """Return the MinHash signature of a text's normalised word shingles, or None if it is too short."""
    return signature_of_words(_WORD_RE.findall(normalize(text).lower()))


def signature_of_words(words: list[str]) -> bytes | None:
    """Return the MinHash signature of a list of normalised words (see signature)."""
    n = len(words) - SHINGLE + 1
    if n < MIN_SHINGLES:
        return None
    empty = _VALUE_MASK + 1
    sig = [empty] * BINS
    crc = zlib.crc32
    for i in range(n):
        h = (crc(" ".join(words[i:i + SHINGLE]).encode()) * _MIX) & 0xFFFFFFFF
        b = h >> (32 - 7)
        v = h & _VALUE_MASK
        if v < sig[b]:
            sig[b] = v
    # Densify: an empty bin borrows the next filled one, shifted by the distance so bins stay distinct.
    filled = [v for v in sig if v != empty]
    if len(filled) < BINS:
        for i in range(BINS):
            if sig[i] == empty:
                for d in range(1, BINS):
                    v = sig[(i + d) % BINS]
                    if v != empty and v <= _VALUE_MASK:
                        sig[i] = v + (d << _VALUE_BITS)
                        break
    sig.append(n)  # the shingle count, for containment
    return array("I", sig).tobytes()


def band_keys(sig: bytes) -> list[int]:
    """Return one lookup key per band: articles sharing a key are candidate copies."""
    out = []
    for b in range(BANDS):  # the last element (the shingle count) is in no band
        chunk = sig[b * ROWS * 4:(b + 1) * ROWS * 4]
        out.append((b << 32) | zlib.crc32(chunk))
    return out


def resemblance(a: bytes, b: bytes) -> float:
    """Estimate the Jaccard resemblance of two signatures' shingle sets."""
    va, vb = array("I", a), array("I", b)
    return sum(1 for i in range(BINS) if va[i] == vb[i]) / BINS


def copy_score(a: bytes, b: bytes) -> float | None:
    """Return the estimated resemblance of two bodies if one is a copy of the other, else None."""
    j = resemblance(a, b)
    if j >= THRESHOLD:
        return j
    if j < CONTAINED_MIN_RESEMBLANCE:
        return None
    na, nb = array("I", a[-4:])[0], array("I", b[-4:])[0]
    smaller = min(na, nb)
    if smaller < CONTAINED_MIN_SHINGLES:
        return None
    shared = j * (na + nb) / (1 + j)  # |A ∩ B| from J = |A ∩ B| / |A ∪ B| and the set sizes
    return j if shared / smaller >= CONTAINED else None
