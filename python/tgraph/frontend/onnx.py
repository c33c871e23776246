"""ONNX models to tg modules.

    from tgraph.frontend.onnx import import_model
    with make_context():
        module = import_model("model.onnx", bind={"batch": 1})

The model is loaded (external data only from inside the model's directory), checked, brought to opset 7
or newer, and given ONNX shape inference. The graph becomes one `func.func @main` whose arguments are
the graph inputs that are not initializers (with `tg.name` attributes holding their ONNX names, and
`tg.dims` the names of their symbolic dims, for `--tg-bind-dims`) and whose results are the graph
outputs. Initializers become `arith.constant`s (large ones `dense_resource`, so that printed IR stays
readable); dims that are symbolic (`dim_param`) or unknown become dynamic `?` dims unless `bind` fixes
them. Each node is converted by the converter registered for its op type
(`onnx_ops/`), at a location naming the node: `loc("conv1/7x7_s2")`.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
from mlir import ir
from mlir.dialects import arith, func

from ..diagnostics import CompileError, Diagnostic
from ..dialect.constants import dense_attribute, resource_attribute
from ..dialect.types import ShapeError, TensorSpec
from .onnx_ops import CONVERTERS, Node, UnsupportedError, tg_dtype

#: The oldest default-domain opset imported as it is; older models are converted up to it.
MIN_OPSET = 7
#: Initializers with more elements than this become dense_resource constants.
RESOURCE_ELEMENTS = 1024


# --- loading ------------------------------------------------------------------------------------------


def load_model(source) -> tuple[onnx.ModelProto, str]:
    """The model from a path, bytes or a ModelProto, and a name for messages. External data stays on
    disk (the importer maps it when it reads an initializer) after its locations are checked. Raises
    CompileError for unreadable, corrupt or invalid models and for unsafe external data."""
    if isinstance(source, onnx.ModelProto):
        _check(source, "<model>")
        return source, "<model>"
    if isinstance(source, (bytes, bytearray)):
        model = _parse(bytes(source), "<bytes>")
        _check(model, "<bytes>")
        return model, "<bytes>"
    path = Path(source)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CompileError(f"cannot read {name}: {e.strerror}") from None
    model = _parse(data, name)
    if _has_external_data(model):
        _check_external_locations(model, path.parent, name)
        _check(name, name)  # by path: the checker finds the external data itself, past 2 GB
    else:
        _check(model, name)
    return model, name


def tensor_array(tensor: onnx.TensorProto, directory: Path | None) -> np.ndarray:
    """The value of an initializer: external data is memory-mapped from its file, not copied."""
    from onnx.external_data_helper import ExternalDataInfo, uses_external_data

    if not uses_external_data(tensor):
        return onnx.numpy_helper.to_array(tensor)
    info = ExternalDataInfo(tensor)
    dtype = onnx.helper.tensor_dtype_to_np_dtype(tensor.data_type)
    shape = tuple(tensor.dims)
    count = int(np.prod(shape))
    try:
        return np.memmap(Path(directory or ".") / info.location, dtype=dtype, mode="r", offset=info.offset or 0, shape=shape if count else None)
    except (OSError, ValueError) as e:
        raise CompileError(f"cannot read the external data of initializer '{tensor.name}' from '{info.location}': {e}") from None


def _parse(data: bytes, name: str) -> onnx.ModelProto:
    model = onnx.ModelProto()
    try:
        model.ParseFromString(data)
    except Exception as e:  # protobuf's DecodeError and friends
        raise CompileError(f"{name}: not a valid ONNX model (the file is corrupt or truncated: {e})") from None
    if not model.HasField("graph"):
        raise CompileError(f"{name}: not a valid ONNX model (no graph)")
    return model


def _check(model, name: str) -> None:
    try:
        onnx.checker.check_model(model)
    except onnx.checker.ValidationError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else "invalid"
        raise CompileError(f"{name}: the model fails ONNX checking: {first}") from None
    except (OSError, ValueError) as e:
        raise CompileError(f"{name}: the model fails ONNX checking: {e}") from None


def _external_tensors(model: onnx.ModelProto):
    from onnx.external_data_helper import _get_all_tensors, uses_external_data

    return [t for t in _get_all_tensors(model) if uses_external_data(t)]


def _has_external_data(model: onnx.ModelProto) -> bool:
    return bool(_external_tensors(model))


def _check_external_locations(model: onnx.ModelProto, directory: Path, name: str) -> None:
    """External data must stay inside the model's directory: no absolute paths, no `..`, no symlinks
    leading out."""
    root = os.path.realpath(directory)
    for tensor in _external_tensors(model):
        location = next((e.value for e in tensor.external_data if e.key == "location"), "")
        resolved = os.path.realpath(os.path.join(root, location))
        if not location or os.path.isabs(location) or os.path.commonpath([root, resolved]) != root:
            raise CompileError(
                f"{name}: external data of initializer '{tensor.name}' is at '{location}', outside the "
                f"model's directory: refused"
            )


# --- importing ----------------------------------------------------------------------------------------


def import_model(source, *, bind: dict[str, int] | None = None, dynamic_inputs: bool = False, context: ir.Context | None = None) -> ir.Module:
    """A tg module (`func.func @main`) for an ONNX model (path, bytes or ModelProto), in `context` (or
    the current one, which must have the tg dialect loaded). `bind` fixes named dims; `dynamic_inputs`
    makes every input dim dynamic. Raises CompileError, listing every unsupported op at once."""
    model, name = load_model(source)
    model = _supported_opset(model, name)
    model = _infer_shapes(model)
    context = context or ir.Context.current
    directory = Path(source).parent if isinstance(source, (str, os.PathLike)) else None
    return Importer(model, name, bind or {}, dynamic_inputs, context, directory).run()


def _supported_opset(model: onnx.ModelProto, name: str) -> onnx.ModelProto:
    version = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), None)
    newest = onnx.defs.onnx_opset_version()
    if version is None:
        raise CompileError(f"{name}: the model imports no default-domain opset")
    if version > newest:
        raise CompileError(f"{name}: opset {version} is newer than this onnx package knows ({newest})")
    if version < MIN_OPSET:
        try:
            return onnx.version_converter.convert_version(model, MIN_OPSET)
        except Exception as e:  # the converter raises several kinds
            raise CompileError(f"{name}: cannot convert opset {version} to {MIN_OPSET}: {e}") from None
    return model


def _infer_shapes(model: onnx.ModelProto) -> onnx.ModelProto:
    try:
        return onnx.shape_inference.infer_shapes(model, data_prop=True)
    except Exception:  # models past 2 GB, or inference gaps: tg's own shape rules still apply
        return model


_SYMBOL = re.compile(r"[^A-Za-z0-9_$.]")


class Importer:
    """Builds the tg function for one model (see import_model)."""

    def __init__(self, model: onnx.ModelProto, name: str, bind: dict[str, int], dynamic_inputs: bool, context: ir.Context, directory: Path | None = None):
        self.model = model
        self.directory = directory
        self._arrays: dict[str, np.ndarray] = {}
        self.name = name
        self.bind = bind
        self.dynamic_inputs = dynamic_inputs
        self.context = context
        self.graph = model.graph
        self.opsets = {o.domain or "": o.version for o in model.opset_import}
        self.opsets.setdefault("ai.onnx", self.opsets.get("", 0))
        self.values: dict[str, ir.Value] = {}
        self.known: dict[ir.Value, np.ndarray] = {}
        self.initializers = {t.name: t for t in self.graph.initializer}
        self.inferred = {v.name: v for v in list(self.graph.value_info) + list(self.graph.output) + list(self.graph.input)}
        self.resource_names: set[str] = set()

    # --- values the converters ask for -----------------------------------------------------------

    def value(self, name: str) -> ir.Value:
        if name not in self.values:
            if name in self.initializers:
                self.values[name] = self.initializer(self.initializers[name])
            else:
                raise UnsupportedError(f"input '{name}' is not produced by any node, input or initializer")
        return self.values[name]

    def known_value(self, name: str) -> np.ndarray | None:
        """The value of the tensor `name` if it is known at import time."""
        if name in self.values:
            return self.known.get(self.values[name])
        if name in self.initializers:
            return self.initializer_array(self.initializers[name])
        return None

    def initializer_array(self, tensor: onnx.TensorProto) -> np.ndarray:
        if tensor.name not in self._arrays:
            self._arrays[tensor.name] = tensor_array(tensor, self.directory)
        return self._arrays[tensor.name]

    def initializer(self, tensor: onnx.TensorProto) -> ir.Value:
        tg_dtype(tensor.data_type)  # refuse unsupported element types with a clear message
        array = self.initializer_array(tensor)
        with ir.Location.name(f"initializer {tensor.name}"):
            return self.constant(array, resource_name=tensor.name if array.size > RESOURCE_ELEMENTS else None)

    def constant(self, array: np.ndarray, resource_name: str | None = None) -> ir.Value:
        """An `arith.constant` of `array` at the start of the function (a dense_resource if named)."""
        if not isinstance(array, np.memmap):
            array = np.require(array, requirements="C")
        attr = resource_attribute(array, self._resource_key(resource_name)) if resource_name else dense_attribute(array)
        with ir.InsertionPoint.at_block_begin(self.entry):
            value = arith.ConstantOp(TensorSpec.of_array(array).to_mlir(), attr).result
        self.known[value] = array
        return value

    def _resource_key(self, name: str) -> str:
        key = _SYMBOL.sub("_", name) or "weights"
        base, index = key, 1
        while key in self.resource_names:
            index += 1
            key = f"{base}_{index}"
        self.resource_names.add(key)
        return key

    def inferred_type(self, name: str) -> TensorSpec | None:
        value_info = self.inferred.get(name)
        if value_info is None or not value_info.type.HasField("tensor_type"):
            return None
        try:
            return self.tensor_spec(value_info.type.tensor_type)
        except UnsupportedError:
            return None

    def tensor_spec(self, tensor_type, *, dynamic: bool = False) -> TensorSpec:
        if not tensor_type.HasField("shape"):
            raise UnsupportedError("unknown rank")
        dims = []
        for dim in tensor_type.shape.dim:
            if dim.HasField("dim_param") and dim.dim_param in self.bind:
                dims.append(int(self.bind[dim.dim_param]))
            elif dim.HasField("dim_value") and not dynamic:
                dims.append(int(dim.dim_value))
            else:
                dims.append(None)
        return TensorSpec(tuple(dims), tg_dtype(tensor_type.elem_type))

    # --- the function ----------------------------------------------------------------------------

    def run(self) -> ir.Module:
        self._refuse_unsupported_ops()
        with self.context, ir.Location.file(self.name, 0, 0):
            module = ir.Module.create()
            inputs = [i for i in self.graph.input if i.name not in self.initializers]
            input_types = [self._input_spec(i).to_mlir() for i in inputs]
            with ir.InsertionPoint(module.body):
                function = func.FuncOp("main", ir.FunctionType.get(input_types, []))
            self.entry = function.add_entry_block()
            for argument, graph_input in zip(self.entry.arguments, inputs):
                self.values[graph_input.name] = argument
            function.arg_attrs = ir.ArrayAttr.get([self._argument_attributes(i) for i in inputs])
            for index, node in enumerate(self.graph.node):
                self._convert(node, index)
            outputs = [self._output(o.name) for o in self.graph.output]
            with ir.InsertionPoint(self.entry), ir.Location.name("graph outputs"):
                func.ReturnOp(outputs)
            function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get(input_types, [v.type for v in outputs]))
            self._drop_unused_constants()
        return module

    def _drop_unused_constants(self) -> None:
        """Constants that converters only read (a Reshape's shape, a folded transpose's input) go."""
        for op in list(self.entry.operations):
            if op.operation.name == "arith.constant" and not list(op.results[0].uses):
                op.operation.erase()

    def _argument_attributes(self, graph_input: onnx.ValueInfoProto) -> ir.DictAttr:
        """`tg.name`, the input's ONNX name, and `tg.dims` when some dims stay dynamic under a name
        (`dim_param`): one string a dim, empty for the others, for `--tg-bind-dims` to fix later."""
        attributes = {"tg.name": ir.StringAttr.get(graph_input.name)}
        dims = graph_input.type.tensor_type.shape.dim
        names = [d.dim_param if d.HasField("dim_param") and d.dim_param not in self.bind else "" for d in dims]
        if any(names):
            attributes["tg.dims"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in names])
        return ir.DictAttr.get(attributes)

    def _input_spec(self, graph_input: onnx.ValueInfoProto) -> TensorSpec:
        if not graph_input.type.HasField("tensor_type"):
            raise CompileError(f"{self.name}: input '{graph_input.name}' is not a tensor (sequences, maps and optionals are not supported)")
        try:
            return self.tensor_spec(graph_input.type.tensor_type, dynamic=self.dynamic_inputs)
        except UnsupportedError as e:
            raise CompileError(f"{self.name}: input '{graph_input.name}': {e}") from None

    def _output(self, name: str) -> ir.Value:
        if name not in self.values and name not in self.initializers:
            raise CompileError(f"{self.name}: graph output '{name}' is not produced by any node")
        return self.value(name)

    def _node_name(self, node: onnx.NodeProto, index: int) -> str:
        return node.name or f"{node.op_type}_{index}"

    def _refuse_unsupported_ops(self) -> None:
        """Every op type without a converter, with its count and node names, in one error."""
        missing: dict[str, list[str]] = {}
        for index, node in enumerate(self.graph.node):
            if node.domain not in ("", "ai.onnx") or node.op_type not in CONVERTERS:
                label = node.op_type if node.domain in ("", "ai.onnx") else f"{node.domain}.{node.op_type}"
                missing.setdefault(label, []).append(self._node_name(node, index))
        if missing:
            counts = Counter({op: len(names) for op, names in missing.items()})
            lines = [f"{op} ({count} node{'s' if count > 1 else ''}: {_names(missing[op])})" for op, count in counts.most_common()]
            raise CompileError(f"{self.name}: unsupported ONNX ops: " + "; ".join(lines))

    def _convert(self, node: onnx.NodeProto, index: int) -> None:
        location = ir.Location.name(self._node_name(node, index), childLoc=ir.Location.file(self.name, 0, 0))
        context = Node(node, self, self.opsets.get(node.domain or "", 0), location)
        try:
            with ir.InsertionPoint(self.entry), location:
                produced = CONVERTERS[node.op_type](context)
        except (UnsupportedError, ShapeError) as e:  # a shape check refusing the node's attributes is bad input too
            raise CompileError(Diagnostic.at(location, f"{node.op_type}: {e}")) from None
        produced = list(produced) if isinstance(produced, (list, tuple)) else [produced]
        for output_name, value in zip(node.output, produced):
            if output_name and value is not None:
                self.values[output_name] = value
        missing = [o for o in node.output[len(produced):] if o]
        if missing:
            raise CompileError(Diagnostic.at(location, f"{node.op_type}: output '{missing[0]}' is not supported"))


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", and {len(names) - limit} more" if len(names) > limit else "")
