"""Array helpers that give each run the same bits whatever the batch size.

Matrix products go through BLAS, whose summation order can depend on the shape of the whole
batch, so a run could differ in the last bit between a batch and a single run. These sums work
row by row in a fixed order instead.
"""

from __future__ import annotations

import numpy as np


def dot(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``rows @ weights`` for (runs, k) rows and (k,) or (k, m) weights, batch-independent."""
    matrix = weights if weights.ndim == 2 else weights[:, None]
    out = np.zeros(rows.shape[:-1] + matrix.shape[1:])
    for k in np.flatnonzero(np.any(matrix != 0, axis=1)):  # a fixed order, term by term
        out += rows[..., k, None] * matrix[k]
    return out if weights.ndim == 2 else out[..., 0]


def sum_last(a: np.ndarray) -> np.ndarray:
    """``a.sum(axis=-1)`` for a short last axis (recruitment and notice queues), as slice by
    slice additions: the same bits, several times faster than numpy's reduction over a short,
    contiguous axis of a large batch."""
    out = a[..., 0].copy()
    for k in range(1, a.shape[-1]):
        out += a[..., k]
    return out
