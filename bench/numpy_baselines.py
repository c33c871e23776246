"""The NumPy expression of each benchmark that has one: what a user would write with NumPy alone.

An expression is prepared once from the model's inputs and weights (the initializers, in graph order)
and returns a step: a call that computes the outputs, into preallocated arrays where NumPy allows.
Matrix products go to NumPy's BLAS (OpenBLAS, with OPENBLAS_NUM_THREADS threads: the bench runs
each thread count in a process of its own with that variable set). Convolutions are im2col (a
strided window view, copied by tensordot) and one BLAS product; a depthwise convolution is a sum
over its nine taps. The copy is `np.copyto` on one contiguous chunk per thread.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from models import ConvShape

Step = Callable[[], list[np.ndarray]]
#: (inputs, weights, threads) -> step
Expression = Callable[[list[np.ndarray], list[np.ndarray], int], Step]


def matmul(inputs, weights, threads: int) -> Step:
    (a,), (b,) = inputs, weights
    c = np.empty((a.shape[0], b.shape[1]), np.float32)
    return lambda: [np.matmul(a, b, out=c)]


def conv(shape: ConvShape) -> Expression:
    """The expression of a batch-1 NCHW convolution with bias, padding kernel // 2."""
    k, s, pad = shape.kernel, shape.stride, shape.kernel // 2
    size = shape.out_size

    def prepare(inputs, weights, threads: int) -> Step:
        (x,), (w, b) = inputs, weights
        bias = b[:, None, None]
        if shape.groups == 1 and k == 1:
            w2 = w.reshape(shape.channels_out, shape.channels_in)
            return lambda: [(np.matmul(w2, x[0, :, ::s, ::s].reshape(shape.channels_in, -1)).reshape(shape.channels_out, size, size) + bias)[None]]

        def windows():
            padded = np.pad(x[0], ((0, 0), (pad, pad), (pad, pad)))
            return sliding_window_view(padded, (k, k), axis=(1, 2))[:, ::s, ::s]  # [C, size, size, k, k]

        if shape.groups == 1:
            return lambda: [(np.tensordot(w, windows(), axes=([1, 2, 3], [0, 3, 4])) + bias)[None]]
        if shape.groups == shape.channels_in == shape.channels_out:

            def depthwise():
                view = windows()
                y = np.zeros((shape.channels_out, size, size), np.float32)
                for i in range(k):
                    for j in range(k):
                        y += w[:, 0, i, j, None, None] * view[:, :, :, i, j]
                return [(y + bias)[None]]

            return depthwise
        raise ValueError(f"no NumPy expression for grouped convolution {shape}")

    return prepare


def mlp(inputs, weights, threads: int) -> Step:
    """Fully connected layers (weights [out, in] and biases, as Gemm with transB) with ReLU between."""
    layers = list(zip(weights[0::2], weights[1::2]))

    def step():
        y = inputs[0]
        for index, (w, b) in enumerate(layers):
            y = y @ w.T + b
            if index < len(layers) - 1:
                np.maximum(y, 0, out=y)
        return [y]

    return step


def copy(inputs, weights, threads: int) -> Step:
    """A streaming copy of the input, one contiguous chunk per thread (np.copyto releases the GIL)."""
    source = inputs[0].reshape(-1)
    target = np.empty_like(source)
    chunks = [slice(i * source.size // threads, (i + 1) * source.size // threads) for i in range(threads)]
    if threads == 1:
        return lambda: [np.copyto(target, source) or target.reshape(inputs[0].shape)]
    pool = ThreadPoolExecutor(threads)

    def step():
        list(pool.map(lambda chunk: np.copyto(target[chunk], source[chunk]), chunks))
        return [target.reshape(inputs[0].shape)]

    return step
