"""`tg.resize` to linalg, following the declaration's NumPy reference step by step.

"nearest" is one `linalg.generic` over the result that reads each element at the input index chosen
per resized dim: a small table (one `index` per output position) per dim, read through projection maps.
"linear" and "cubic" resize one dim at a time, as the reference does: a table of tap weights and input
indices for that dim ([output, taps]: 2 or 4 taps, more when antialiasing a downsample), normalized
when taps are dropped or antialiased, then a `linalg.generic` with the taps as a reduction dim that
sums weight times element. Coordinates and weights are computed in f64 (only the tables: O(output
size)); the sums in f32 (f64 for f64 and 32/64-bit integers). Dynamic dims give scales, sizes and tap
counts computed at run time.
"""

from __future__ import annotations

from typing import Callable

from mlir import ir
from mlir.dialects import arith, linalg, math, tensor

from ..dialect.ops.layout import RESIZE_SUPPORT, resize_plan, resize_taps, resized_axes
from ..dialect.types import is_unsigned
from . import build, storage
from . import index_math as im
from .index_math import Size

Scalar = float | ir.Value  # an f64 known at compile time, or computed at run time


def _f64() -> ir.Type:
    return ir.F64Type.get()


def _f(x: Scalar) -> ir.Value:
    return x if isinstance(x, ir.Value) else build.scalar(float(x), _f64())


def _to_f64(size: Size) -> Scalar:
    """A size or index as an f64 (a float when it is known)."""
    if isinstance(size, int):
        return float(size)
    return arith.sitofp(_f64(), arith.index_cast(ir.IntegerType.get_signless(64), size))


def _to_index(x: ir.Value) -> ir.Value:
    """An integer-valued f64 as an index."""
    return arith.index_cast(ir.IndexType.get(), arith.fptosi(ir.IntegerType.get_signless(64), x))


def _fold(python: Callable, mlir: Callable) -> Callable:
    """A binary f64 operation that folds when both operands are floats."""
    return lambda a, b: python(a, b) if not isinstance(a, ir.Value) and not isinstance(b, ir.Value) else mlir(_f(a), _f(b))


def _add(a: Scalar, b: Scalar) -> Scalar:
    return a if b == 0.0 and not isinstance(b, ir.Value) else _sum(a, b)


def _mul(a: Scalar, b: Scalar) -> Scalar:
    return a if b == 1.0 and not isinstance(b, ir.Value) else _product(a, b)


_sum = _fold(lambda a, b: a + b, arith.addf)
_product = _fold(lambda a, b: a * b, arith.mulf)
_sub_f = _fold(lambda a, b: a - b, arith.subf)
_div = _fold(lambda a, b: a / b, arith.divf)
_min = _fold(min, arith.minimumf)
_max = _fold(max, arith.maximumf)


def _less(a: Scalar, b: Scalar) -> ir.Value:
    return arith.cmpf(arith.CmpFPredicate.OLT, _f(a), _f(b))


def _equal(a: Scalar, b: Scalar) -> bool | ir.Value:
    if not isinstance(a, ir.Value) and not isinstance(b, ir.Value):
        return a == b
    return arith.cmpf(arith.CmpFPredicate.OEQ, _f(a), _f(b))


def _select(condition: bool | ir.Value, a: Callable[[], Scalar], b: Callable[[], Scalar]) -> Scalar:
    """`a()` if `condition` else `b()`: only the chosen branch is built when `condition` is known."""
    if isinstance(condition, bool):
        return a() if condition else b()
    return arith.select(condition, _f(a()), _f(b()))


class Axis:
    """What resizing one dim needs: its input and output lengths, scale, roi and the op's attributes."""

    def __init__(self, op, attrs: dict, axis: int, length: Size, out: Size, scale: Scalar):
        self.attrs = attrs
        self.axis = axis
        self.length, self.out = length, out
        self.length_f, self.out_f = _to_f64(length), _to_f64(out)
        self.scale = scale
        roi = attrs["roi"]
        rank = len(roi) // 2 if roi is not None else 0
        self.roi = (roi[axis], roi[rank + axis]) if roi is not None else (0.0, 1.0)

    @property
    def crops(self) -> bool:
        return self.attrs["coordinate_transformation_mode"] == "tf_crop_and_resize"

    def coordinate(self, o: ir.Value) -> ir.Value:
        """The input coordinate of output index `o` (an f64): `resize_coordinates` of the declaration."""
        s, length = self.scale, self.length_f
        width = _mul(s, length)
        half_pixel = lambda: _sub_f(_div(_add(o, 0.5), s), 0.5)  # noqa: E731
        transform = self.attrs["coordinate_transformation_mode"]
        if transform == "half_pixel":
            return half_pixel()
        if transform == "half_pixel_symmetric":
            offset = _mul(_div(length, 2.0), _sub_f(1.0, _div(self.out_f, width)))
            return _add(offset, half_pixel())
        if transform == "pytorch_half_pixel":
            return _f(_select(_equal(width, 1.0), lambda: -0.5, half_pixel))
        if transform == "align_corners":
            return _f(_select(_equal(width, 1.0), lambda: 0.0, lambda: _div(_mul(o, _sub_f(length, 1.0)), _sub_f(width, 1.0))))
        if transform == "asymmetric":
            return _div(o, s)
        start, end = self.roi
        span = _mul(end - start, _sub_f(length, 1.0))
        origin = _mul(start, _sub_f(length, 1.0))
        return _f(_add(_select(_equal(width, 1.0), lambda: _div(span, 2.0), lambda: _div(_mul(o, span), _sub_f(width, 1.0))), origin))

    def outside(self, coordinate: ir.Value) -> ir.Value:
        """Whether a coordinate lies outside the input (tf_crop_and_resize extrapolates there)."""
        return arith.ori(_less(coordinate, 0.0), _less(_sub_f(self.length_f, 1.0), coordinate))

    def neighbourhood(self, o: ir.Value) -> tuple[ir.Value, ir.Value, ir.Value]:
        """(coordinate, ratio, base): the neighbour at or below a coordinate is `base` (one below when
        the coordinate is an integer), `ratio` its distance to the coordinate, in (0, 1]."""
        x = self.coordinate(o)
        floor = math.floor(x)
        ratio = arith.select(_equal(x, floor), _f(1.0), arith.subf(x, floor))
        return x, ratio, arith.subf(x, ratio)

    def clamped(self, position: ir.Value) -> ir.Value:
        """An input position (f64) as an index clamped into the dim: edge elements repeat."""
        return im.value(im.clamp(_to_index(position), 0, im.sub(self.length, 1)))


def _index_f64(dim: int) -> ir.Value:
    return _to_f64(linalg.IndexOp(dim).result)


# --- nearest -------------------------------------------------------------------------------------


def _nearest_table(axis: Axis) -> tuple[ir.Value, ir.Value | None]:
    """The input index of every output position (and, cropping, whether it lies outside)."""
    index_type = ir.IndexType.get()
    inits = [build.empty([axis.out], index_type)] + ([build.empty([axis.out], ir.IntegerType.get_signless(1))] if axis.crops else [])
    mode = axis.attrs["nearest_mode"]

    def body(*_):
        x, ratio, base = axis.neighbourhood(_index_f64(0))
        above = {
            "round_prefer_floor": lambda: _less(0.5, ratio),
            "round_prefer_ceil": lambda: arith.cmpf(arith.CmpFPredicate.OGE, ratio, _f(0.5)),
            "floor": lambda: _equal(ratio, 1.0),
            "ceil": lambda: None,
        }[mode]()
        step = _f(1.0) if above is None else arith.select(above, _f(1.0), _f(0.0))
        return [axis.clamped(arith.addf(base, step))] + ([axis.outside(x)] if axis.crops else [])

    results = build.generic_results([], inits, [build.identity_map(1)] * len(inits), ["parallel"], body)
    return results[0], results[1] if axis.crops else None


def _resize_nearest(op, source: ir.Value, axes: list[Axis], sizes: list[Size], element: ir.Type) -> ir.Value:
    rank = len(sizes)
    tables = [(a, *_nearest_table(a)) for a in axes]
    inputs, maps = [], []
    for a, indices, outside in tables:
        for table in (indices, outside) if outside is not None else (indices,):
            inputs.append(table)
            maps.append(build.projection_map(rank, [a.axis]))
    fill = _stored_scalar(op.attribute_values()["extrapolation_value"], element, build.operand_element(op, 0))

    def body(*elements):
        read = [linalg.IndexOp(d).result for d in range(rank)]
        masks, position = [], 0
        for a, _, outside in tables:
            read[a.axis] = elements[position]
            if outside is not None:
                masks.append(elements[position + 1])
            position += 2 if outside is not None else 1
        value = tensor.extract(source, read)
        for mask in masks:
            value = arith.select(mask, fill, value)
        return value

    init = build.empty(sizes, element)
    return build.generic(inputs, init, maps + [build.identity_map(rank)], ["parallel"] * rank, body)


def _stored_scalar(value: float, stored: ir.Type, element: ir.Type) -> ir.Value:
    """`value` as a constant of the stored element type (integers round and wrap into their bits)."""
    if build.is_float(stored):
        return build.scalar(value, stored)
    width = ir.IntegerType(stored).width
    bits = int(round(value)) % (1 << width)
    return build.scalar(bits - (1 << width) if bits >= 1 << (width - 1) else bits, stored)


# --- linear and cubic ----------------------------------------------------------------------------


def _kernel(distance: ir.Value, mode: str, a: float) -> ir.Value:
    """`resize_kernel` of the declaration, in f64."""
    if mode == "linear":
        return _f(_max(_sub_f(1.0, distance), 0.0))
    d = distance
    near = _add(_mul(_mul(_sub_f(_mul(a + 2, d), a + 3), d), d), 1.0)
    far = _sub_f(_mul(_add(_mul(_sub_f(_mul(a, d), 5 * a), d), 8 * a), d), 4 * a)
    is_near = arith.cmpf(arith.CmpFPredicate.OLE, d, _f(1.0))
    is_far = _less(d, 2.0)
    return arith.select(is_near, _f(near), arith.select(is_far, _f(far), _f(0.0)))


def _taps(axis: Axis) -> Size:
    """How many neighbours each sample weighs (`resize_taps`), at run time for a run-time scale."""
    mode, antialias = axis.attrs["mode"], axis.attrs["antialias"]
    if not isinstance(axis.scale, ir.Value):
        return resize_taps(mode, axis.scale, antialias)
    if not antialias:
        return 2 * RESIZE_SUPPORT[mode]
    reach = _to_index(math.floor(_div(-float(RESIZE_SUPPORT[mode]), _min(axis.scale, 1.0))))
    return arith.subi(build.index(0), arith.muli(reach, build.index(2)))  # 2 - 2 * (reach + 1)


def _weight_table(axis: Axis, accumulator: ir.Type) -> tuple[ir.Value, ir.Value]:
    """[output, taps] weights (in the accumulator type) and clamped input indices for one dim."""
    attrs = axis.attrs
    taps = _taps(axis)
    first = im.sub(1, im.ceil_div(taps, 2))  # the offset of tap 0 from the base neighbour
    factor = _min(axis.scale, 1.0) if attrs["antialias"] else 1.0
    inits = [build.empty([axis.out, taps], accumulator), build.empty([axis.out, taps], ir.IndexType.get())]

    def body(*_):
        _, ratio, base = axis.neighbourhood(_index_f64(0))
        offset = _to_f64(im.add(linalg.IndexOp(1).result, first))
        position = arith.addf(base, offset)
        weight = _kernel(_f(_mul(math.absf(arith.subf(offset, ratio)), factor)), attrs["mode"], attrs["cubic_coeff_a"])
        if attrs["exclude_outside"]:
            weight = arith.select(axis.outside(position), _f(0.0), weight)
        return [build.convert_scalar(weight, accumulator), axis.clamped(position)]

    weights, indices = build.generic_results([], inits, [build.identity_map(2)] * 2, ["parallel"] * 2, body)
    if attrs["exclude_outside"] or attrs["antialias"]:
        weights = _normalized(weights, axis.out, taps, accumulator)
    return weights, indices


def _normalized(weights: ir.Value, out: Size, taps: Size, accumulator: ir.Type) -> ir.Value:
    """Each row of weights divided by its sum (rows summing to 0 stay 0)."""
    totals = build.reduce(weights, build.filled([out], accumulator, 0), [1], lambda w, total: arith.addf(w, total))
    zero, one = build.scalar(0.0, accumulator), build.scalar(1.0, accumulator)

    def divide(w, total):
        return arith.divf(w, arith.select(arith.cmpf(arith.CmpFPredicate.OEQ, total, zero), one, total))

    return build.elementwise([weights, totals], [build.identity_map(2), build.projection_map(2, [0])], build.empty([out, taps], accumulator), divide)


def _interpolate(source: ir.Value, axis: Axis, sizes: list[Size], accumulator: ir.Type, load: Callable) -> ir.Value:
    """One dim resized: the weighted sum of each output position's taps (a reduction dim)."""
    rank = len(sizes)
    weights, indices = _weight_table(axis, accumulator)
    tap_map = build.projection_map(rank + 1, [axis.axis, rank])
    output_map = build.projection_map(rank + 1, list(range(rank)))

    def body(weight, index, total):
        read = [index if d == axis.axis else linalg.IndexOp(d).result for d in range(rank)]
        return arith.addf(total, arith.mulf(weight, load(tensor.extract(source, read))))

    init = build.filled(sizes, accumulator, 0)
    result = build.generic([weights, indices], init, [tap_map, tap_map, output_map], ["parallel"] * rank + ["reduction"], body)
    if axis.crops:
        fill = build.scalar(axis.attrs["extrapolation_value"], accumulator)

        def extrapolate(value):
            outside = axis.outside(axis.coordinate(_index_f64(axis.axis)))
            return arith.select(outside, fill, value)

        result = build.elementwise([result], [build.identity_map(rank)], build.empty(sizes, accumulator), extrapolate)
    return result


def _accumulator(element: ir.Type) -> ir.Type:
    """f32 sums, f64 for f64 and for integers of 32 bits or more (exact in f64)."""
    if isinstance(element, ir.F64Type) or (not build.is_float(element) and ir.IntegerType(element).width >= 32):
        return ir.F64Type.get()
    return ir.F32Type.get()


def _from_element(element: ir.Type, accumulator: ir.Type) -> Callable[[ir.Value], ir.Value]:
    """Loads a stored input element into the accumulator type."""
    if build.is_float(element):
        return lambda x: build.convert_scalar(x, accumulator)
    to_float = arith.uitofp if is_unsigned(str(element)) else arith.sitofp
    return lambda x: to_float(accumulator, storage.load(x, element))


def _to_element(value: ir.Value, element: ir.Type) -> ir.Value:
    """Sums back to the element type: floats round, integers round to nearest even and saturate."""
    rank = ir.RankedTensorType(value.type).rank
    stored = storage.storage_element(element)
    if build.element_type(value) == element:
        return value
    if build.is_float(element):
        convert = lambda x: build.convert_scalar(x, element)  # noqa: E731
    else:
        width, unsigned = ir.IntegerType(element).width, is_unsigned(str(element))
        low, high = (0, (1 << width) - 1) if unsigned else (-(1 << (width - 1)), (1 << (width - 1)) - 1)
        compute = storage.compute_element(element)
        to_int = arith.fptoui if unsigned else arith.fptosi

        def convert(x):
            bounded = arith.minimumf(arith.maximumf(math.roundeven(x), build.scalar(low, x.type)), build.scalar(high, x.type))
            return storage.store(to_int(compute, bounded), element)

    return build.elementwise([value], [build.identity_map(rank)], build.empty(build.sizes(value), stored), convert)


# --- the op --------------------------------------------------------------------------------------


def _plan(op, attrs: dict, source: ir.Value) -> tuple[list[Scalar], list[Size]]:
    """Every dim's scale and output size: known ones from `resize_plan`, the others at run time."""
    in_sizes = build.sizes(source)
    static = [None if isinstance(s, ir.Value) else s for s in in_sizes]
    scales, outputs = resize_plan(static, attrs["scales"], attrs["sizes"], attrs["keep_aspect_ratio_policy"])
    scales: list[Scalar] = list(scales)
    sizes = attrs["sizes"]
    resized = [d for d in range(len(in_sizes)) if sizes is not None and sizes[d] != -1]
    if sizes is not None and None in [scales[d] for d in resized]:
        factors = {d: _div(float(sizes[d]), _to_f64(in_sizes[d])) for d in resized}
        if attrs["keep_aspect_ratio_policy"] != "stretch":
            pick = _min if attrs["keep_aspect_ratio_policy"] == "not_larger" else _max
            common = factors[resized[0]]
            for d in resized[1:]:
                common = pick(common, factors[d])
            factors = dict.fromkeys(resized, common)
            for d in resized:
                outputs[d] = _to_index(math.floor(_f(_add(_mul(common, _to_f64(in_sizes[d])), 0.5))))
        for d in resized:
            scales[d] = factors[d]
    result_type = build.result_type(op)
    for d, out in enumerate(outputs):
        if not result_type.is_dynamic_dim(d):
            outputs[d] = result_type.get_dim_size(d)
        elif out is None:  # scales given, the input dim dynamic: floor(input * scale)
            outputs[d] = in_sizes[d] if scales[d] == 1.0 else _to_index(math.floor(_f(_mul(_to_f64(in_sizes[d]), scales[d]))))
    return scales, outputs


def lower_resize(op) -> list[ir.Value]:
    source = op.input
    attrs = op.attribute_values()
    element = build.operand_element(op, 0)
    in_sizes = build.sizes(source)
    scales, outputs = _plan(op, attrs, source)
    static = [None if isinstance(s, ir.Value) else s for s in in_sizes]
    known_scales = [s if not isinstance(s, ir.Value) else None for s in scales]
    known_outputs = [o if isinstance(o, int) else None for o in outputs]
    resized = resized_axes(static, known_scales, known_outputs, attrs)
    if not resized:
        return [source]
    axes = [Axis(op, attrs, d, in_sizes[d], outputs[d], scales[d]) for d in resized]
    if attrs["mode"] == "nearest":
        return [_resize_nearest(op, source, axes, outputs, build.element_type(source))]
    accumulator = _accumulator(element)
    value, sizes, load = source, list(in_sizes), _from_element(element, accumulator)
    for axis in axes:
        sizes[axis.axis] = axis.out
        value = _interpolate(value, axis, sizes, accumulator, load)
        load = lambda x: x  # noqa: E731  (later passes read sums)
    return [_to_element(value, element)]


LOWERINGS = {"tg.resize": lower_resize}
