"""The C header of an ahead-of-time compiled function (`tg-compile`): its memref descriptor structs, the
entry point, and the calling convention in a comment.

    header = c_header(program, library="libmlp.so", source="mlp.mlir")

The entry point is MLIR's C interface of the function (`llvm.emit_c_interface`): `_mlir_ciface_<name>`
taking one pointer per memref descriptor, the inputs then the caller-allocated outputs.
"""

from __future__ import annotations

import re

from .. import __version__
from ..dialect.interpreter import InterpretError, Program
from ..dialect.types import NUMPY_DTYPES, ShapeError, TensorSpec
from .aot import entry_symbol

#: Sizes given to the dynamic input dims when working out which input dim an output dim follows:
#: distinct primes, in two rounds, so that a coincidence cannot pass for a rule.
PROBE_SIZES = ((1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049), (2003, 2011, 2017, 2027, 2029, 2039, 2053, 2063))

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_KEYWORDS = set(
    "auto bool break case char const continue default do double else enum extern float for goto if inline int long "
    "register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while".split()
)


def is_c_identifier(name: str) -> bool:
    return bool(_IDENTIFIER.match(name)) and name not in _KEYWORDS


def c_element_type(dtype: str) -> str:
    """The C type of one element of `dtype` as tgraph keeps it in memory."""
    if dtype in ("f32", "f64"):
        return {"f32": "float", "f64": "double"}[dtype]
    bits = 8 * NUMPY_DTYPES[dtype].itemsize
    signed = NUMPY_DTYPES[dtype].kind == "i" or dtype in ("i2", "i4")
    # Unsigned: unsigned integers, bools (bytes 0 or 1), and the bits of 16-, 8- and 4-bit floats.
    return f"int{bits}_t" if signed else f"uint{bits}_t"


def descriptor_name(spec: TensorSpec) -> str:
    return f"tg_memref_{spec.rank}d_{c_element_type(spec.dtype).removesuffix('_t')}"


def descriptor_struct(spec: TensorSpec) -> str:
    """The typedef of MLIR's descriptor of a `spec`-shaped memref, guarded so that headers of several
    models can be included together."""
    name = descriptor_name(spec)
    element = c_element_type(spec.dtype)
    fields = [f"{element} *allocated;", f"{element} *aligned;", "int64_t offset;"]
    if spec.rank:
        fields += [f"int64_t sizes[{spec.rank}];", f"int64_t strides[{spec.rank}];"]
    body = "".join(f"  {field}\n" for field in fields)
    guard = name.upper()
    return f"#ifndef {guard}\n#define {guard}\ntypedef struct {{\n{body}}} {name};\n#endif\n"


def output_dims(program: Program) -> list[list[int | tuple[int, int] | None]]:
    """Each output dim as its static size, the (input, dim) whose size it always has, or None when it
    follows from the inputs in another way (or the shape rules cannot say without values)."""
    rounds: list[tuple[dict[int, tuple[int, int]], list[TensorSpec]]] = []  # (input dim by size, outputs)
    for sizes in PROBE_SIZES:
        positions = [(i, d) for i, t in enumerate(program.inputs) for d, size in enumerate(t.shape) if size is None]
        if len(positions) > len(sizes):
            break
        given = dict(zip(positions, sizes))
        inputs = [t.with_shape([given.get((i, d), size) for d, size in enumerate(t.shape)]) for i, t in enumerate(program.inputs)]
        try:
            outputs = program.output_types_for(inputs)
        except (InterpretError, ShapeError):
            break
        rounds.append(({size: position for position, size in given.items()}, outputs))
    complete = len(rounds) == len(PROBE_SIZES)
    result = []
    for index, declared in enumerate(program.output_types):
        dims = []
        for d, size in enumerate(declared.shape):
            sources = {by_size.get(outputs[index].shape[d]) for by_size, outputs in rounds} if complete else {None}
            dims.append(size if size is not None else (sources.pop() if len(sources) == 1 else None))
        result.append(dims)
    return result


def c_header(program: Program, library: str, source: str) -> str:
    """The header declaring `program`'s entry point in the shared library `library`."""
    inputs = [_parameter(name, f"in{i}") for i, name in enumerate(program.input_names)]
    outputs = [f"out{i}" for i in range(len(program.output_types))]
    names = _unique(inputs + outputs)
    specs = program.inputs + program.output_types
    rows = [("input", n, t, "") for n, t in zip(names, program.inputs)]
    for n, t, dims in zip(names[len(inputs):], program.output_types, output_dims(program)):
        rows.append(("output", n, t, _describe_dims(dims, names)))
    width = max(len(n) for _, n, _, _ in rows)
    table = "\n".join(f" *   {kind:<6} {n:<{width}}  {t}{f'  ({note})' if note else ''}" for kind, n, t, note in rows)
    structs = "\n".join(dict.fromkeys(descriptor_struct(t) for t in specs))
    parameters = ", ".join(f"{descriptor_name(t)} *{n}" for n, t in zip(names, specs))
    guard = re.sub(r"\W", "_", library).upper() + "_H"
    return f"""\
/* The C interface of {library}: @{program.name} of {source}, compiled ahead of time by tg-compile
 * (tgraph {__version__}).
 *
{table}
 *
 * Calling convention (MLIR's C interface of a function over memrefs):
 * - {entry_symbol(program.name)} takes a pointer to a memref descriptor for every input, in order,
 *   then for every output. A descriptor holds the data pointer twice (`allocated` and `aligned`: the
 *   same pointer), an `offset` in elements (0), the `sizes` of the dims and the `strides` in elements.
 *   Arrays are dense and row-major: strides {{..., sizes[rank-1] * sizes[rank-2], sizes[rank-1], 1}}.
 * - The caller allocates every output with its full shape; the function writes all of it, only reads
 *   the inputs, and keeps no pointer to either after it returns.
 * - Nothing is checked at run time: element types, ranks and static sizes must be those above, and
 *   dynamic sizes must agree with each other as the model's shapes require (tgraph checks this before
 *   each call from Python; tg-compile --bind NAME=SIZE fixes named dims to make a model static).
 * - Bools are bytes (0 or 1); f16, bf16 and the 8- and 4-bit floats are passed as their bits, 2- and
 *   4-bit integers one per byte.
 * - The code is compiled for the CPU of the machine that ran tg-compile (its vector instructions). The
 *   library finds the MLIR runtime libraries it may need by an rpath to the directory they had there.
 */
#ifndef {guard}
#define {guard}

#include <stdint.h>

#ifdef __cplusplus
extern "C" {{
#endif

{structs}
void {entry_symbol(program.name)}({parameters});

#ifdef __cplusplus
}}
#endif

#endif /* {guard} */
"""


def _parameter(name: str | None, default: str) -> str:
    """A C parameter name from an input's (ONNX) name."""
    if not name:
        return default
    cleaned = re.sub(r"\W", "_", name)
    return cleaned if is_c_identifier(cleaned) else f"in_{cleaned}"


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for name in names:
        candidate, suffix = name, 1
        while candidate in seen:
            candidate, suffix = f"{name}_{suffix}", suffix + 1
        seen.add(candidate)
        result.append(candidate)
    return result


def _describe_dims(dims: list, names: list[str]) -> str:
    """`dim 0 = x dim 0` for each dynamic output dim, or how else its size comes."""
    notes = []
    for d, dim in enumerate(dims):
        if isinstance(dim, tuple):
            notes.append(f"dim {d} = {names[dim[0]]} dim {dim[1]}")
        elif dim is None:
            notes.append(f"dim {d} follows from the input sizes")
    return ", ".join(notes)
