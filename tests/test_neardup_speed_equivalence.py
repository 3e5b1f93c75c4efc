"""The batched candidate-search path gives exactly what the per-document path gave.

``signatures``, ``Normalizer.token_hashes_batch``, ``shingle_sequences``, ``ChunkMinHasher.keys_batch`` and
``LshIndex`` were rewritten for speed; fingerprints are stored in the lake, so their bits must not move. The
reference implementations below are the per-document code they replaced.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from wirelake.transforms.neardup import DEFAULT_CONFIG, DedupConfig, LshIndex, signatures
from wirelake.transforms.shingling import ChunkMinHasher, Normalizer, _mix, shingle_sequence, shingle_sequences

EDGE_TEXTS = [
    "",
    " ",
    "a",
    "a b",
    "a b c",
    "Hello, World!",
    "Kiev percent pc grey colour organise programme",  # variants, suffix rules, a word folding to two
    "pc " * 40,
    "12345678 123456789 1234567890123456 12345678901234567 " * 5,  # tokens around the 8- and 16-byte words
    "supercalifragilisticexpialidocious antidisestablishmentarianism " * 20,  # longer than 16 bytes
    "Straße café naïve — “quoted” it’s 1,000.5 ﬁne",  # not ASCII
    "\u00a0\u2014 only the common marks \u2026 \u2018so\u2019 \u201cASCII\u201d after all",
    "MiXeD CaSe_under_score 42 0 __ _",
    "tab\tnew\nline\r\x0bvt\x1cfs\x7fdel",
    "\u00e9" * 5 + " word" * 60,
]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = ["the", "Kiev", "pc", "colour", "organised", "Zelenskiy", "1,200", "U.S.", "x" * 17, "a_b", "news"]
    vocab += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 12))) for _ in range(300)]
    seps = [" ", " ", " ", ", ", ". ", "\n", " \u2014 ", "-", "\u2019s "]
    texts = []
    for _ in range(n):
        words = [rng.choice(vocab) for _ in range(rng.choice([0, 1, 2, 3, 5, 20, 200, 700]))]
        text = "".join(w + rng.choice(seps) for w in words)
        texts.append(text + (" é" if rng.random() < 0.1 else ""))
    return texts


class ReferenceChunkMinHasher(ChunkMinHasher):
    """The per-document keys() that keys_batch replaced."""

    def keys(self, sequence):
        c = self._config
        if len(sequence) == 0:
            return ()
        starts = self._reference_starts(sequence)
        sequence = sequence[: starts[-1] + 4 * c.chunk_words]
        a, b = self._a.T, self._b.T
        with np.errstate(over="ignore"):
            permuted = sequence[:, None] * a + b
            mins = np.minimum.reduceat(permuted, starts, axis=0)
            per_band = (mins.reshape(len(starts), c.bands, c.rows) * self._row_mult).sum(axis=2)
            keys = _mix(per_band + self._band_salt) >> np.uint64(32)
        return tuple(sorted(set(keys.ravel().tolist())))

    def _reference_starts(self, sequence):
        c = self._config
        ends = np.flatnonzero(sequence % np.uint64(c.chunk_words) == 0) + 1
        starts, last, min_gap = [0], 0, max(1, c.chunk_words // 4)
        for end in ends.tolist():
            if len(starts) == c.max_chunks:
                break
            if end - last >= min_gap and end < len(sequence):
                starts.append(end)
                last = end
        return np.array(starts, dtype=np.intp)


class ReferenceIndex:
    """The dict-of-lists LshIndex."""

    def __init__(self):
        self._buckets = {}

    def add(self, id_, band_keys):
        for key in band_keys:
            self._buckets.setdefault(key, []).append(id_)

    def candidates(self, band_keys, max_bucket=DEFAULT_CONFIG.max_bucket):
        found = set()
        for key in band_keys:
            ids = self._buckets.get(key, ())
            if len(ids) <= max_bucket:
                found.update(ids)
        return found

    def remove(self, id_, band_keys):
        for key in band_keys:
            ids = self._buckets.get(key)
            if ids and id_ in ids:
                ids.remove(id_)
                if not ids:
                    del self._buckets[key]


def concatenated(arrays):
    offsets = np.concatenate(([0], np.cumsum([len(a) for a in arrays]))).astype(np.intp)
    flat = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint64)
    return flat.astype(np.uint64), offsets


def test_batched_token_hashes_match_per_text():
    texts = EDGE_TEXTS + random_texts(400, seed=1)
    reference = Normalizer(DEFAULT_CONFIG.variants)
    expected = [reference.token_hashes(t) for t in texts]
    batched = Normalizer(DEFAULT_CONFIG.variants)
    for _ in range(2):  # cold, then with every token in the numpy cache
        flat, offsets = batched.token_hashes_batch(texts)
        assert len(offsets) == len(texts) + 1
        for i, want in enumerate(expected):
            np.testing.assert_array_equal(flat[offsets[i] : offsets[i + 1]], want, err_msg=repr(texts[i]))


def test_batched_token_hashes_of_no_texts():
    flat, offsets = Normalizer(DEFAULT_CONFIG.variants).token_hashes_batch([])
    assert len(flat) == 0 and offsets.tolist() == [0]


@pytest.mark.parametrize("n", [1, 3, 5])
def test_batched_shingles_match_per_text(n):
    rng = np.random.default_rng(n)
    arrays = [rng.integers(0, 2**64, size, dtype=np.uint64) for size in [0, 1, 2, 3, 4, 0, 50, 7, 1]]
    flat, offsets = concatenated(arrays)
    sequences, seq_offsets = shingle_sequences(flat, offsets, n)
    for i, tokens in enumerate(arrays):
        np.testing.assert_array_equal(sequences[seq_offsets[i] : seq_offsets[i + 1]], shingle_sequence(tokens, n))


@pytest.mark.parametrize(
    "config",
    [DEFAULT_CONFIG, dataclasses.replace(DEFAULT_CONFIG, chunk_words=4, max_chunks=3, bands=2, rows=4)],
    ids=["default", "small-chunks"],
)
def test_batched_chunk_keys_match_per_text(config: DedupConfig):
    rng = np.random.default_rng(7)
    arrays = []
    for size in [0, 1, 2, 5, 17, 40, 300, 1500, 0, 64, 3]:
        seq = rng.integers(0, 2**64, size, dtype=np.uint64)
        # Many boundaries close together, to exercise the minimum gap between chunks.
        seq[rng.random(size) < 0.3] = rng.integers(0, 2**20, dtype=np.uint64) * np.uint64(config.chunk_words)
        arrays.append(seq)
    flat, offsets = concatenated(arrays)
    reference = ReferenceChunkMinHasher(config)
    expected = [reference.keys(a) for a in arrays]
    assert ChunkMinHasher(config).keys_batch(flat, offsets) == expected
    assert [ChunkMinHasher(config).keys(a) for a in arrays] == expected


def test_signatures_match_the_per_text_path():
    texts = EDGE_TEXTS + random_texts(300, seed=2)
    normalizer, reference = Normalizer(DEFAULT_CONFIG.variants), ReferenceChunkMinHasher(DEFAULT_CONFIG)
    expected = [reference.keys(shingle_sequence(normalizer.token_hashes(t), 3)) for t in texts]
    assert signatures(texts) == expected
    assert signatures(iter(texts)) == expected


def test_index_matches_dict_of_lists():
    rng = random.Random(3)
    index, reference = LshIndex(), ReferenceIndex()
    added = []
    for step in range(3000):
        keys = tuple(sorted(set(rng.randrange(200) for _ in range(rng.randint(0, 6)))))
        for max_bucket in (0, 1, 2, 64):
            assert index.candidates(keys, max_bucket) == reference.candidates(keys, max_bucket)
        if added and rng.random() < 0.3:
            id_, old = added.pop(rng.randrange(len(added)))
            index.remove(id_, old)
            reference.remove(id_, old)
        else:
            id_ = str(step % 50)  # ids come back, as an original may be seeded again
            index.add(id_, keys)
            reference.add(id_, keys)
            added.append((id_, keys))
