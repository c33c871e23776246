"""The blocking codegen/machine.py and tg-tile-fusion-groups derive from the machine model, on a
fixed model (an AVX-512 core with 48 KB of L1 and 2 MB of L2, two cores) so the sizes do not depend
on the host."""

import pytest
from mlir import ir

from tgraph.codegen import fusion_tiling
from tgraph.codegen.machine import Machine, filter_blocks, matmul_tiles
from tgraph.dialect import make_context

AVX512 = Machine(vector_bits=512, vector_registers=32, l1_bytes=48 << 10, l2_bytes=2 << 20, cores=2)


@pytest.mark.parametrize(
    "m, n, k, threads, nb",
    [
        (1024, 1024, 1024, 2, 0),  # more rows than columns: threads share the rows
        (49, 2048, 512, 2, 32),  # ResNet-50's last 1x1 layers: each thread takes half of 64 panels
        (37, 1000, 900, 2, 16),  # 31 full panels: blocks of 16 and 15
        (49, 2048, 512, 1, 0),  # one thread: nothing to share
        (None, 2048, 512, 2, 0),  # dynamic rows: blocks of rows
    ],
)
def test_threads_share_columns_when_b_outweighs_a(m, n, k, threads, nb):
    tiles = matmul_tiles(AVX512, m, n, k, 4, threads)
    assert tiles.nb == nb
    assert tiles.splits_columns == (nb > 0)
    if nb:  # the rows are blocked for the caches only, as on one thread
        assert tiles.mb == matmul_tiles(AVX512, m, n, k, 4, 1).mb


@pytest.mark.parametrize(
    "height, width, channels, threads, rows",
    [
        (56, 56, 256, 1, 8),  # a quarter of L2: 8 rows of 57 KB
        (56, 56, 256, 2, 7),  # 8 blocks of 7 rows, not 7 of 8 that two threads cannot share evenly
        (28, 28, 512, 2, 7),
        (7, 7, 2048, 2, 4),  # 7 is prime: 4 + 3
        (112, 112, 32, 2, 28),
    ],
)
def test_image_blocks_divide_among_threads(height, width, channels, threads, rows, monkeypatch):
    monkeypatch.setattr(fusion_tiling, "host", lambda: AVX512)
    with make_context(), ir.Location.unknown():
        out = ir.RankedTensorType.get([1, height, width, channels], ir.F32Type.get())
        assert fusion_tiling.image_block_rows(out, threads) == rows


@pytest.mark.parametrize(
    "filters, f_tile, filter_kb, image_kb, threads, block",
    [
        (512, 32, 9216, 162, 2, 256),  # 3x3 x 512 x 512 on a 9 x 9 x 512 padded image: half the filters each
        (64, 64, 144, 841, 2, 0),  # 3x3 x 64 x 64 on 58 x 58 x 64: the image is heavier, rows are shared
        (512, 32, 9216, 162, 1, 0),  # one thread: no blocks to share
        (24, 8, 34, 13, 2, 0),  # 12 filters a thread is not a whole number of 8-wide register tiles
    ],
)
def test_threads_share_filters_that_outweigh_the_image(filters, f_tile, filter_kb, image_kb, threads, block):
    assert filter_blocks(filters, f_tile, filter_kb << 10, image_kb << 10, threads) == block
