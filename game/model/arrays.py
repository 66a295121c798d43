"""Array helpers that give each run the same bits whatever the batch size.

Matrix products go through BLAS, whose summation order can depend on the shape of the whole
batch, so a run could differ in the last bit between a batch and a single run. These sums work
row by row in a fixed order instead.
"""

from __future__ import annotations

import numpy as np


def dot(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``rows @ weights`` for (runs, k) rows and (k,) or (k, m) weights, batch-independent."""
    if weights.ndim == 1:
        return (rows * weights).sum(axis=-1)
    return (rows[..., :, None] * weights).sum(axis=-2)
