"""Exact and near-duplicate articles.

The same wire story reaches us from several outlets and several uploads,
sometimes word for word, sometimes with a new first line or a different
byline. Counting it twice would make a negotiation look busier than it is,
so every article gets

- ``content_hash``: SHA-1 of its normalised, whitespace-collapsed text, for
  exact duplicates (a unique index catches them on insert);
- a MinHash ``signature`` over word shingles, and ``lsh_bands`` derived from
  it: one integer per band, stored in an indexed table, so that
  near-duplicate candidates across batches are an SQL self-join on equal
  band keys, confirmed with ``jaccard_estimate`` on the two signatures.

Why our own MinHash rather than ``datasketch.MinHash``: datasketch hashes
every shingle with SHA-1 in a Python loop and applies its permutations
modulo a Mersenne prime; measured on the 31,030 SaudiNewsNet articles that
extrapolates to about 20 s of CPU for signatures alone. This module
computes the same scheme (``NUM_PERM`` independent hash permutations of the
set of word shingles, keeping the minimum of each) with numpy over a whole
batch of texts: code points are normalised through a lookup table built
from ``normalize``, words and shingles are hashed with vectorised
arithmetic, and each permutation is ``a * h + b`` modulo 2**64 with odd
``a`` (a bijection on 64-bit values) keeping the top 32 bits of the
minimum. Content hashes and signatures for all of SaudiNewsNet take about
5 s of CPU on the development machine, where ``str.split`` over the same
texts alone takes 2.8 s. The signatures are plain ``uint32`` arrays;
``datasketch.LeanMinHash(seed=SEED, hashvalues=sig)`` accepts them if
datasketch's own LSH index is ever wanted.

Parameters are fixed module constants because signatures and band keys are
stored: changing any of them means re-signing every stored article.
"""

from __future__ import annotations

import hashlib
import string

import numpy as np

from . import codepoints

NUM_PERM = 128
SHINGLE_WORDS = 4
SEED = 20150721
THRESHOLD = 0.7
# 16 bands of 8 rows. Two articles become candidates when all 8 values of
# at least one band agree, which happens with probability 1 - (1 - J**8)**16
# for Jaccard similarity J: 0.06 at J = 0.5, 0.61 at 0.7, 0.95 at 0.8 and
# 1.00 at 0.9; the curve's midpoint (1/16)**(1/8) = 0.707 sits on the 0.7
# threshold. datasketch's MinHashLSH would pick 14 x 9 for 128 permutations
# at 0.7 (equal weight on false positives and negatives), which catches a
# pair at J = 0.7 only 44% of the time. We lean towards recall because
# candidates are confirmed on the full signature with ``jaccard_estimate``:
# a false positive costs one comparison, a false negative is a duplicate
# shown twice. Rewritten copies of a wire story are typically above 0.8.
BANDS = 16
ROWS = 8

_MASK64 = (1 << 64) - 1
_MAX_BAND_KEY = (1 << 63) - 1  # PostgreSQL bigint is signed 64-bit
_SALTS = tuple(band.to_bytes(16, "little") for band in range(BANDS))  # BLAKE2b salt of each band
_rng = np.random.default_rng(SEED)
_A = _rng.integers(0, 2**64, size=NUM_PERM, dtype=np.uint64, endpoint=False) | np.uint64(1)
_B = _rng.integers(0, 2**64, size=NUM_PERM, dtype=np.uint64, endpoint=False)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S32 = (np.uint64(n) for n in (30, 27, 31, 32))
EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)

# Per-code-point tables: what each character becomes (``codepoints``,
# ``DELETED`` if dropped), whether it is whitespace for ``str.split``, and
# whether it is punctuation, which shingling ignores so that «حماس» and
# حماس, or a word before and after a comma, shingle alike.
_PUNCTUATION = string.punctuation + "،؛؟«»“”‘’…–—•·٪٫٬\u061c"
_IS_SPACE: np.ndarray | None = None
_IS_PUNCT: np.ndarray | None = None
_POW = np.ones(1, dtype=np.uint64)
_POLY = np.uint64(0x100000001B3)
_BLOCK = 16_384  # shingles per (shingles x permutations) matrix


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    global _IS_SPACE, _IS_PUNCT
    if _IS_SPACE is None or _IS_PUNCT is None:
        is_space = np.zeros(codepoints.DELETED + 1, dtype=bool)
        for c in range(0x3001):
            is_space[c] = chr(c).isspace()
        is_punct = np.zeros(codepoints.DELETED + 1, dtype=bool)
        is_punct[[ord(c) for c in _PUNCTUATION]] = True
        _IS_SPACE, _IS_PUNCT = is_space, is_punct
    return codepoints.normalized_table(), _IS_SPACE, _IS_PUNCT


def _powers(n: int) -> np.ndarray:
    global _POW
    if len(_POW) < n:
        size = max(n, 2 * len(_POW), 64)
        pw = np.full(size, _POLY, dtype=np.uint64)
        pw[0] = 1
        _POW = np.cumprod(pw, dtype=np.uint64)  # wraps modulo 2**64
    return _POW


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, in place: spreads every input bit over the output."""
    h ^= h >> _S30
    h *= _MIX1
    h ^= h >> _S27
    h *= _MIX2
    h ^= h >> _S31
    return h


def fingerprints(texts: list[str]) -> list[tuple[str, np.ndarray]]:
    """``(content_hash, signature)`` for each text, computed for all at once.

    Per-word Python work costs about 0.3 us a word (``str.split`` alone
    takes 2.8 s over SaudiNewsNet's 8.8 million words), so the texts are
    handled as one numpy array of code points: normalised through a lookup
    table, cut into words at whitespace, each word hashed with a polynomial
    over its code points, words combined into shingles, shingles min-hashed
    a block of documents at a time. Bulk ingest should call this with its
    batch; ``content_hash`` and ``signature`` are one-text conveniences.
    """
    if not texts:
        return []
    lut, is_space, is_punct = _tables()
    n_docs = len(texts)
    joined = "\n".join(texts)  # the separator is whitespace: no word spans two texts
    cps = codepoints.codes(joined)
    mapped = lut[cps]
    # Where each text starts in ``mapped``, kept as positions rather than a
    # text number per code point: the arrays below are indexed by them.
    starts = np.zeros(n_docs + 1, dtype=np.int64)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=n_docs)
    np.cumsum(lengths, out=starts[1:])
    starts[-1] = len(cps)  # no separator after the last text
    mapped, starts = codepoints.without_deleted(mapped, starts)
    solid_at = np.flatnonzero(~is_space[mapped])
    chars = mapped[solid_at]  # the code points that are not whitespace, in order
    # A token (a run of them) starts after whitespace or at the very start.
    token_start = np.empty(len(chars), dtype=bool)
    token_start[:1] = True
    token_start[1:] = np.diff(solid_at) > 1
    bounds = np.searchsorted(solid_at, starts)  # each text's share of ``chars``
    tokens = np.flatnonzero(token_start)

    # Exact-duplicate hash: a text's tokens joined by one space each.
    first = np.zeros(len(tokens), dtype=bool)
    firsts = np.searchsorted(tokens, bounds[:-1])
    first[firsts[firsts < len(tokens)]] = True
    gaps = tokens[~first]
    collapsed = np.insert(chars, gaps, np.uint32(32))
    cbounds = bounds + np.searchsorted(gaps, bounds)
    hashes = []
    for d in range(n_docs):
        chunk = codepoints.text_of(collapsed[cbounds[d] : cbounds[d + 1]])
        norm_text = chunk.encode("utf-8", "surrogatepass")
        hashes.append(hashlib.sha1(norm_text).hexdigest())

    # Word hashes: a word is a token without its punctuation; a token that
    # is only punctuation is no word.
    wchar = ~is_punct[chars]
    tid = np.cumsum(token_start, dtype=np.int32)[wchar]
    wcp = chars[wchar].astype(np.uint64)
    if len(tid):
        wstarts = np.flatnonzero(np.diff(tid)) + 1
        wstarts = np.concatenate(([0], wstarts))
        wlen = np.diff(np.concatenate((wstarts, [len(tid)])))
        pos = np.arange(len(tid), dtype=np.int64) - np.repeat(wstarts, wlen)
        terms = wcp * _powers(int(wlen.max()) + 1)[pos]
        words = np.add.reduceat(terms, wstarts)
        words += wlen.astype(np.uint64) * _GOLDEN
        words = _mix(words)
        # A word belongs to the text its first character is in.
        wbounds = np.searchsorted(np.flatnonzero(wchar)[wstarts], bounds)
    else:
        words = np.zeros(0, dtype=np.uint64)
        wbounds = np.zeros(n_docs + 1, dtype=np.int64)
    words_doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(wbounds))
    sigs = _signatures_from_words(words, words_doc, wbounds, n_docs)
    return list(zip(hashes, sigs, strict=True))


def _shingles(words: np.ndarray) -> np.ndarray:
    """Shingle hashes of one run of word hashes (a text shorter than k is one shingle)."""
    m = len(words)
    k = min(SHINGLE_WORDS, m)
    h = words[: m - k + 1].copy()
    for j in range(1, k):
        h *= _GOLDEN
        h ^= words[j : m - k + 1 + j]
    return _mix(h)


def _signatures_from_words(
    words: np.ndarray, words_doc: np.ndarray, wbounds: np.ndarray, n_docs: int
) -> list[np.ndarray]:
    k = SHINGLE_WORDS
    m = len(words)
    if m >= k:
        all_sh = words[: m - k + 1].copy()
        for j in range(1, k):
            all_sh *= _GOLDEN
            all_sh ^= words[j : m - k + 1 + j]
        all_sh = _mix(all_sh)
        valid = words_doc[: m - k + 1] == words_doc[k - 1 :]
        sh = all_sh[valid]
        sh_doc = words_doc[: m - k + 1][valid]
    else:
        sh = np.zeros(0, dtype=np.uint64)
        sh_doc = np.zeros(0, dtype=np.int64)
    sbounds = np.searchsorted(sh_doc, np.arange(n_docs + 1))

    sigs: list[np.ndarray] = [EMPTY] * n_docs
    group: list[int] = []
    group_size = 0

    def flush() -> None:
        nonlocal group, group_size
        if group:
            lo, hi = sbounds[group[0]], sbounds[group[-1] + 1]
            # Permutations x shingles, so each document's minimum is a
            # reduction over contiguous memory (reduceat along axis 0 of the
            # transposed layout was five times slower).
            block = np.multiply.outer(_A, sh[lo:hi])
            block += _B[:, None]
            offsets = sbounds[group] - lo
            mins = (np.minimum.reduceat(block, offsets, axis=1) >> _S32).astype(np.uint32)
            for col, d in enumerate(group):
                sigs[d] = mins[:, col].copy()
        group, group_size = [], 0

    for d in range(n_docs):
        count = int(sbounds[d + 1] - sbounds[d])
        if count == 0:
            nw = int(wbounds[d + 1] - wbounds[d])
            if nw:  # fewer words than a shingle: the words are one shingle
                sigs[d] = _minhash(_shingles(words[wbounds[d] : wbounds[d + 1]]))
            else:
                sigs[d] = EMPTY.copy()
            continue
        if count > _BLOCK:
            # The group's shingles must stay contiguous: flushed first, it
            # never spans this document's.
            flush()
            sigs[d] = _minhash(sh[sbounds[d] : sbounds[d + 1]])
            continue
        if group_size + count > _BLOCK:
            flush()
        group.append(d)
        group_size += count
    flush()
    return sigs


def content_hash(text: str) -> str:
    """SHA-1 hex of the normalised text with whitespace collapsed.

    Equal to ``sha1(" ".join(normalize(text).split()).encode()).hexdigest()``
    (the tests hold it to that) but computed with numpy. Accepts raw or
    already normalised text: ``normalize`` is idempotent, so both give the
    same hash, and texts that differ only in diacritics, hamza forms,
    tatweel or spacing hash alike.
    """
    return fingerprints([text])[0][0]


def signature(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` x ``uint32``) of the text's word shingles.

    Shingles are ``SHINGLE_WORDS`` consecutive normalised words (a text
    shorter than that is one shingle). Four words keep common phrases
    (``وزير الخارجية الأمريكي``) from making unrelated articles look alike
    while a changed word only disturbs four shingles. An empty text gets
    ``EMPTY``.
    """
    return fingerprints([text])[0][1]


def _minhash(h: np.ndarray) -> np.ndarray:
    if len(h) == 0:
        return EMPTY.copy()
    out = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    # Blocks bound the (shingles x permutations) matrix for very long texts.
    for i in range(0, len(h), 2048):
        block = np.multiply.outer(h[i : i + 2048], _A)
        block += _B
        np.minimum(out, block.min(axis=0), out=out)
    return (out >> _S32).astype(np.uint32)


def fingerprint(text: str) -> tuple[str, np.ndarray]:
    """``(content_hash(text), signature(text))`` for one text."""
    return fingerprints([text])[0]


def jaccard_estimate(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Share of equal signature values: an unbiased Jaccard estimate."""
    a = np.asarray(sig_a)
    b = np.asarray(sig_b)
    if a.shape != b.shape:
        raise ValueError(f"signatures differ in length: {a.shape} and {b.shape}")
    return float(np.count_nonzero(a == b)) / len(a)


def lsh_bands(signature: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> list[int]:
    """One non-negative integer below 2**63 per band of ``rows`` values.

    The key hashes the band's number with its values, so keys of different
    bands never collide by construction and a single indexed
    ``band_key bigint`` column is enough: two articles are candidates when
    they share any key. BLAKE2b keeps keys identical across machines and
    Python versions, which matters because they are stored.
    """
    sig = np.asarray(signature, dtype="<u4")
    if bands * rows > len(sig):
        raise ValueError(f"{bands} bands x {rows} rows need {bands * rows} values, got {len(sig)}")
    data = sig.tobytes()
    width = rows * 4
    blake2b = hashlib.blake2b
    return [
        int.from_bytes(
            blake2b(data[band * width : (band + 1) * width], digest_size=8, salt=salt).digest(),
            "little",
        )
        & _MAX_BAND_KEY
        for band, salt in enumerate(_salts(bands))
    ]


def _salts(bands: int) -> tuple[bytes, ...]:
    if bands <= len(_SALTS):
        return _SALTS[:bands]
    return tuple(band.to_bytes(16, "little") for band in range(bands))


def signature_to_bytes(sig: np.ndarray) -> bytes:
    """Signature for a ``bytea``/``BinaryField`` column (little-endian)."""
    return np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Inverse of ``signature_to_bytes``."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
