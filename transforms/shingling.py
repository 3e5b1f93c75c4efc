"""Text to shingles and LSH bucket keys: normalisation, deterministic hashing, content-defined chunk MinHash.

Everything here is vectorised with numpy and deterministic across processes and machines (crc32-based token hashes,
never Python's salted ``hash()``), because fingerprints made on one worker are compared on another.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

import numpy as np

_MASK32 = np.uint64(0xFFFFFFFF)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or c == 0x5F)})
# The same folding for ASCII bytes in one bytes.translate: letters lower-cased (casefold of ASCII), every
# separator a space. Bytes of 128 and over never reach it (only ASCII text takes the byte path).
_ASCII_FOLD = bytes(ord(chr(c).lower()) if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))
# Typographic quotes, dashes, ellipsis and no-break space: separators, replaced so most English text stays ASCII.
_COMMON_NON_ASCII = ("\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026", "\u00a0")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Spellings that vary between outlets for the same word: transliterations and UK/US forms. Applied to both texts
# being compared, so folding two spellings together never hurts a comparison.
DEFAULT_VARIANTS: dict[str, str] = {
    "kiev": "kyiv",
    "zelenskiy": "zelensky",
    "zelenskyy": "zelensky",
    "zelenski": "zelensky",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv",
    "dnipropetrovsk": "dnipro",
    "chernigov": "chernihiv",
    "lugansk": "luhansk",
    "nikolaev": "mykolaiv",
    "mykolayiv": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "gaddafi": "qaddafi",
    "kadhafi": "qaddafi",
    "qadhafi": "qaddafi",
    "beijing": "beijing",
    "peking": "beijing",
    "bombay": "mumbai",
    "calcutta": "kolkata",
    "madras": "chennai",
    "burma": "myanmar",
    "turkiye": "turkey",
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "tonne": "ton",
    "tonnes": "tons",
    "grey": "gray",
    "cheque": "check",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "storey": "story",
    "practise": "practice",
    "practised": "practiced",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "percent": "per cent",
    "pc": "per cent",
}
_SUFFIX_RULES = (
    (re.compile(r"(\w{3,})is(e|ed|es|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"(\w{2,})ys(e|ed|es|ing)$"), r"\1yz\2"),
    (re.compile(r"(\w{3,})our(s|ed|ing|ite|ites|able)?$"), r"\1or\2"),
    (re.compile(r"(\w{3,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"(\w{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"(\w{3,}[aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),
)


# -- normalisation and hashing --------------------------------------------------------------------------------------
class Normalizer:
    """Text to a sequence of 64-bit token hashes, folding case, diacritics and spelling variants."""

    _CACHE_LIMIT = 500_000

    def __init__(self, variants: Iterable[tuple[str, str]]):
        self._variants = dict(variants)
        self._cache: dict[str, int | tuple[int, ...]] = {}  # raw token -> hash of its folded form (or forms)
        self._multi: set[str] = set()  # raw tokens whose folded form is several words ("pc" -> "per cent")
        self._table = _TokenTable()  # the same mapping for token_hashes_batch, kept in numpy arrays

    def token_hashes(self, text: str) -> np.ndarray:
        text = text.casefold()
        for mark in _COMMON_NON_ASCII:
            if mark in text:
                text = text.replace(mark, " ")
        if text.isascii():  # the common case, four times faster than the regex
            tokens = text.translate(_ASCII_SEPARATORS).split()
        else:
            tokens = _TOKEN.findall(_COMBINING.sub("", unicodedata.normalize("NFKD", text)))
        cache = self._cache
        if len(cache) > self._CACHE_LIMIT:
            cache.clear()
        hashes = list(map(cache.get, tokens))  # the hot loop stays in C
        if None in hashes:
            for i, h in enumerate(hashes):
                if h is None:
                    hashes[i] = cache[tokens[i]] = self._fold(tokens[i])
        if self._multi and not self._multi.isdisjoint(tokens):
            hashes = [part for h in hashes for part in (h if isinstance(h, tuple) else (h,))]
        return np.fromiter(hashes, dtype=np.uint64, count=len(hashes))

    def token_hashes_batch(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``token_hashes`` of many texts: all hashes concatenated, and offsets (``len(texts) + 1`` of them).

        ASCII texts, the common case, are tokenised together on bytes with numpy and their tokens looked up in
        a numpy cache, so the cost per token is a few array operations instead of several Python calls. Other
        texts, and texts with a token that folds to several words, take ``token_hashes``; both give the same
        hashes (tests/test_neardup_speed_equivalence.py).
        """
        texts = [text if text.isascii() else _replace_common_marks(text) for text in texts]
        ascii_docs = [i for i, text in enumerate(texts) if text.isascii()]
        hashes, offsets, multi = self._ascii_token_hashes([texts[i] for i in ascii_docs])
        if len(ascii_docs) == len(texts) and not multi:
            return hashes, offsets
        per_doc: list[np.ndarray | None] = [None] * len(texts)
        for k, i in enumerate(ascii_docs):
            per_doc[i] = hashes[offsets[k] : offsets[k + 1]]
        for k in multi:
            per_doc[ascii_docs[k]] = None
        for i, text in enumerate(texts):
            if per_doc[i] is None:
                per_doc[i] = self.token_hashes(text)
        lengths = np.fromiter(map(len, per_doc), dtype=np.intp, count=len(per_doc))
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        return np.concatenate(per_doc) if per_doc else np.zeros(0, dtype=np.uint64), offsets

    def _ascii_token_hashes(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """Token hashes of ASCII texts, their offsets, and which texts hold a token that folds to several words."""
        # One buffer, every text followed by a space, so tokens never span two texts; padding lets
        # _TokenTable read 16 bytes from any token start.
        buf = (" " + " ".join(texts) + " " * 17).encode("ascii").translate(_ASCII_FOLD)
        lengths = np.fromiter(map(len, texts), dtype=np.intp, count=len(texts))
        text_starts = np.concatenate(([1], 1 + np.cumsum(lengths + 1)))
        is_token = np.frombuffer(buf, dtype=np.uint8) != 0x20
        edges = np.flatnonzero(is_token[1:] != is_token[:-1]) + 1  # buf starts and ends with a space
        starts, ends = edges[0::2], edges[1::2]
        offsets = np.searchsorted(starts, text_starts)
        hashes, misses = self._table.lookup(buf, starts, ends)
        if len(self._cache) > self._CACHE_LIMIT:
            self._cache.clear()
        multi, found = set(), []
        for i, start, end in zip(misses.tolist(), starts[misses].tolist(), ends[misses].tolist(), strict=True):
            token = buf[start:end].decode("ascii")
            h = self._cache.get(token)
            if h is None:
                h = self._cache[token] = self._fold(token)
            if isinstance(h, tuple):
                multi.add(i)
                h = 0  # the text is redone by token_hashes
            found.append(h)
        if len(misses):
            hashes[misses] = np.fromiter(found, dtype=np.uint64, count=len(found))
            single = np.isin(misses, list(multi), invert=True)
            self._table.store(buf, starts[misses[single]], ends[misses[single]], hashes[misses[single]])
        multi_docs = sorted(set((np.searchsorted(offsets, list(multi), side="right") - 1).tolist()))
        return hashes, offsets, multi_docs

    def _fold(self, token: str) -> int | tuple[int, ...]:
        raw = token
        token = self._variants.get(token, token)
        if len(token) > 5 and not token[0].isdigit():
            for pattern, replacement in _SUFFIX_RULES:
                token = pattern.sub(replacement, token)
        # crc32 is stable across processes and machines, unlike hash(); _mix_int spreads it over 64 bits.
        parts = tuple(_mix_int(zlib.crc32(part.encode("utf-8"))) for part in token.split(" "))
        if len(parts) == 1:
            return parts[0]
        self._multi.add(raw)
        return parts


def _replace_common_marks(text: str) -> str:
    """Typographic marks to spaces, as token_hashes does (after casefold, which leaves these marks alone)."""
    for mark in _COMMON_NON_ASCII:
        if mark in text:
            text = text.replace(mark, " ")
    return text


class _TokenTable:
    """A direct-mapped cache, in numpy arrays, of ASCII token (up to 16 bytes) -> hash of its folded form.

    A slot is found from the token's bytes and holds one token, keyed by those bytes themselves (two little-endian
    words, zero-padded), so a hit is exact. A token that finds another one in its slot, or is longer than 16
    bytes, is a miss and takes the Python path (Normalizer._cache); tokens that fold to several words are never
    stored.
    """

    _BITS = 18  # 262,144 slots (6 MB, allocated as touched)
    _K0 = np.uint64(0x9E3779B97F4A7C15)  # odd multipliers: the top bits of the product depend on every byte
    _K1 = np.uint64(0xC2B2AE3D27D4EB4F)
    # By token length (longer ones capped at 16): the bytes of its first word, and of its second.
    _FIRST = np.array([(1 << (8 * min(n, 8))) - 1 for n in range(17)], dtype=np.uint64)
    _SECOND = np.array([(1 << (8 * max(n - 8, 0))) - 1 for n in range(17)], dtype=np.uint64)

    def __init__(self):
        # Per slot: first word, second word, hash; one row, so a lookup reads one cache line. Tokens are never
        # empty, so a free slot (all zero) matches nothing.
        self._rows = np.zeros((1 << self._BITS, 3), dtype=np.uint64)

    def lookup(self, buf: bytes, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of the tokens buf[starts[i]:ends[i]] (arbitrary where unknown), and the indices of unknown ones."""
        w0, w1, slots = self._key(buf, starts, ends)
        rows = self._rows[slots]
        hit = (rows[:, 0] == w0) & (rows[:, 1] == w1) & (ends - starts <= 16)
        return rows[:, 2].copy(), np.flatnonzero(~hit)

    def store(self, buf: bytes, starts: np.ndarray, ends: np.ndarray, hashes: np.ndarray) -> None:
        short = ends - starts <= 16
        w0, w1, slots = self._key(buf, starts[short], ends[short])
        # A slot keeps its first token: the common words, met first, are never evicted by rarer ones.
        free = self._rows[slots, 0] == 0
        w0, w1, slots, hashes = w0[free], w1[free], slots[free], hashes[short][free]
        if len(slots) == 0:
            return
        # One token per slot: with repeated indices numpy does not say which write lands last.
        order = np.argsort(slots, kind="stable")
        first = order[np.concatenate(([True], slots[order][1:] != slots[order][:-1]))]
        self._rows[slots[first]] = np.stack((w0[first], w1[first], hashes[first]), axis=1)

    def _key(self, buf: bytes, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # An unaligned view: element j is the 8 bytes from byte j, so one gather reads 8 bytes of every token.
        words = np.ndarray(shape=(len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
        length = np.minimum(ends - starts, 16)
        w0 = words[starts] & self._FIRST[length]
        w1 = words[starts + 8] & self._SECOND[length]
        with np.errstate(over="ignore"):
            slots = ((w0 * self._K0) ^ (w1 * self._K1)) >> np.uint64(64 - self._BITS)
        return w0, w1, slots.astype(np.intp)


def _mix_int(x: int) -> int:
    """_mix for one Python int (numpy scalars are slow and warn on the intended wrap-around)."""
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads nearby integers over all 64 bits (wrapping arithmetic)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


_SHINGLE_MULTIPLIERS = _mix(np.arange(1, 17, dtype=np.uint64)) | np.uint64(1)


def shingle_sequence(token_hashes: np.ndarray, n: int) -> np.ndarray:
    """64-bit hashes of the word n-grams in text order (the whole text as one shingle when shorter than n)."""
    if len(token_hashes) == 0:
        return np.zeros(0, dtype=np.uint64)
    n = min(n, len(token_hashes))
    count = len(token_hashes) - n + 1
    acc = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            acc += token_hashes[j : j + count] * _SHINGLE_MULTIPLIERS[j]
        return _mix(acc)


def shingle_sequences(tokens: np.ndarray, offsets: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``shingle_sequence`` of many texts, from their concatenated token hashes and offsets; same layout out."""
    lengths = np.diff(offsets)
    counts = np.where(lengths >= n, lengths - n + 1, np.minimum(lengths, 1))
    padded = np.concatenate((tokens, np.zeros(n - 1, dtype=np.uint64)))
    acc = np.zeros(len(tokens), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):  # shingles across two texts are computed too, and dropped just below
            acc += padded[j : j + len(tokens)] * _SHINGLE_MULTIPLIERS[j]
        sequences = _mix(acc[_concatenated_ranges(offsets[:-1], counts)])
    seq_offsets = np.concatenate(([0], np.cumsum(counts)))
    for i in np.flatnonzero((lengths > 0) & (lengths < n)).tolist():  # shorter than n: one shingle of it all
        sequences[seq_offsets[i]] = shingle_sequence(tokens[offsets[i] : offsets[i + 1]], n)[0]
    return sequences, seq_offsets


def _concatenated_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """np.concatenate([np.arange(s, s + c) for s, c in zip(starts, counts)]) without the Python loop."""
    ends = np.cumsum(counts)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - counts), counts)


class ChunkMinHasher:
    """LSH bucket keys of content-defined chunks.

    A chunk ends after a shingle whose hash is 0 modulo ``chunk_words`` (and at least a quarter of that from the
    last end), so boundaries follow the text itself: an inserted intro or a dropped paragraph only changes the
    chunks around it, and the untouched chunks of a copy are identical to the original's.
    """

    def __init__(self, config):  # a DedupConfig: chunk_words, max_chunks, bands, rows
        self._config = config
        perms = config.bands * config.rows
        # Permutation k of a (well mixed) shingle hash x: a_k * x + b_k mod 2**64, a_k odd.
        # Column vectors, so that each permutation of a batch's shingles is one contiguous row: the products and
        # np.minimum.reduceat run several times faster than with a column per permutation.
        self._a = (_mix(np.arange(1000, 1000 + perms, dtype=np.uint64)) | np.uint64(1))[:, None]
        self._b = _mix(np.arange(5000, 5000 + perms, dtype=np.uint64))[:, None]
        self._row_mult = _SHINGLE_MULTIPLIERS[: config.rows]
        self._band_salt = np.arange(config.bands, dtype=np.uint64)

    def keys(self, sequence: np.ndarray) -> tuple[int, ...]:
        return self.keys_batch(sequence, np.array([0, len(sequence)]))[0]

    def keys_batch(self, sequences: np.ndarray, offsets: np.ndarray) -> list[tuple[int, ...]]:
        """``keys`` of many shingle sequences at once, given concatenated with their offsets."""
        c = self._config
        n_docs = len(offsets) - 1
        chunk_doc, chunk_start = self._chunk_starts(sequences, offsets)
        # The last chunk kept is bounded too: a text is read up to its last chunk start + 4 * chunk_words.
        last_start = np.zeros(n_docs, dtype=np.intp)
        is_last = np.ones(len(chunk_doc), dtype=bool)
        is_last[:-1] = chunk_doc[1:] != chunk_doc[:-1]
        last_start[chunk_doc[is_last]] = chunk_start[is_last]
        used = np.minimum(np.diff(offsets), last_start + 4 * c.chunk_words)
        used_offsets = np.concatenate(([0], np.cumsum(used)))
        kept = sequences[_concatenated_ranges(offsets[:-1], used)]
        if len(kept) == 0:
            return [()] * n_docs
        with np.errstate(over="ignore"):
            permuted = np.multiply(self._a, kept[None, :])
            permuted += self._b
            mins = np.minimum.reduceat(permuted, used_offsets[chunk_doc] + chunk_start, axis=1).T  # (chunks, perms)
            per_band = (mins.reshape(len(mins), c.bands, c.rows) * self._row_mult).sum(axis=2)
            # 32-bit bucket keys keep fingerprints small; a rare collision only adds a candidate to verify.
            keys = _mix(per_band + self._band_salt) >> np.uint64(32)
        return _distinct_per_doc(keys, chunk_doc, n_docs)

    def _chunk_starts(self, sequences: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(text, start) of every chunk, in order: 0, then up to ``max_chunks - 1`` boundaries per text.

        A boundary is the position after a shingle whose hash is 0 modulo ``chunk_words``, at least ``min_gap``
        after the previous boundary kept, and before the end of the text.
        """
        c = self._config
        lengths = np.diff(offsets)
        position = np.flatnonzero(sequences % np.uint64(c.chunk_words) == 0)
        doc = np.searchsorted(offsets, position, side="right") - 1
        end = position - offsets[doc] + 1
        inside = end < lengths[doc]
        doc, end = doc[inside], end[inside]
        chosen = _greedy_min_gap(doc, end, max(1, c.chunk_words // 4))
        doc, end = doc[chosen], end[chosen]
        rank = np.arange(len(doc)) - np.searchsorted(doc, doc)  # boundaries before it in its text
        doc, end = doc[rank < c.max_chunks - 1], end[rank < c.max_chunks - 1]
        nonempty = np.flatnonzero(lengths > 0)  # an empty text has no chunk
        order = np.argsort(np.concatenate((nonempty, doc)), kind="stable")  # each text's 0 before its boundaries
        return (
            np.concatenate((nonempty, doc))[order],
            np.concatenate((np.zeros(len(nonempty), dtype=np.intp), end))[order],
        )


def _greedy_min_gap(doc: np.ndarray, end: np.ndarray, min_gap: int) -> np.ndarray:
    """Which candidates (sorted by text, then position) a left-to-right pass keeps: each at least ``min_gap`` after
    the last one kept in its text (or after its start).

    A candidate ``min_gap`` or more after the previous candidate is always kept, whatever was kept before it; one
    closer is decided once its predecessor is, so the loop runs as many times as the longest run of close ones.
    """
    first = np.ones(len(doc), dtype=bool)
    first[1:] = doc[1:] != doc[:-1]
    previous = np.where(first, 0, np.concatenate(([0], end[:-1])))
    kept = end - previous >= min_gap
    last_kept = np.where(kept, end, 0)  # the last kept candidate up to this one, where decided
    pending = np.flatnonzero(~kept & ~first)
    while len(pending):
        ready = pending - 1 != np.concatenate(([-1], pending[:-1]))  # its predecessor is decided
        i = pending[ready]
        base = last_kept[i - 1]
        kept[i] = end[i] - base >= min_gap
        last_kept[i] = np.where(kept[i], end[i], base)
        pending = pending[~ready]
    return kept


def _distinct_per_doc(keys: np.ndarray, doc: np.ndarray, n_docs: int) -> list[tuple[int, ...]]:
    """Sorted distinct keys of each text, from a (chunks, bands) array and the text of each chunk."""
    tagged = np.sort(((doc.astype(np.uint64) << np.uint64(32))[:, None] | keys).ravel())
    tagged = tagged[np.concatenate(([True], tagged[1:] != tagged[:-1]))]  # np.unique, without its hash pass
    bounds = np.searchsorted((tagged >> np.uint64(32)).astype(np.intp), np.arange(n_docs + 1)).tolist()
    values = (tagged & _MASK32).tolist()
    return [tuple(values[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def bottom_k(values: np.ndarray, k: int) -> np.ndarray:
    """The k smallest distinct 32-bit hashes (upper half of each 64-bit hash), sorted."""
    small = np.unique((values >> np.uint64(32)).astype(np.uint32))
    return small[:k]
