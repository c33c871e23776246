"""tgraph as an `onnx.backend.base.Backend`, so ONNX's own test suites (and anything written against
that API) run models through tgraph:

    from tgraph.frontend.backend import TgraphBackend
    rep = TgraphBackend.prepare(model)                  # or prepare(model, dynamic=True, bind={...})
    outputs = rep.run([x])                              # or rep.run({"x": x})

Graph inputs that decide shapes (a Reshape's target shape, Slice bounds, Reduce axes... see
`COMPILE_TIME_INPUTS`) must be known when compiling: the representation compiles once per distinct
value of those inputs, with the values baked in as initializers, as onnx-mlir does for the same tests.
`dynamic=True` makes every other input dim dynamic, to test shape-polymorphic code.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import onnx
from onnx.backend.base import Backend, BackendRep

from .onnx_ops import COMPILE_TIME_INPUTS


def compile_time_inputs(model: onnx.ModelProto) -> list[str]:
    """Graph inputs whose values the model's shape-deciding operands depend on."""
    graph = model.graph
    initializers = {t.name for t in graph.initializer}
    graph_inputs = [i.name for i in graph.input if i.name not in initializers]
    producers = {out: node for node in graph.node for out in node.output}
    wanted = [node.input[i] for node in graph.node for i in COMPILE_TIME_INPUTS.get(node.op_type, ()) if i < len(node.input) and node.input[i]]
    seen, needed = set(), []
    while wanted:
        name = wanted.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in graph_inputs:
            needed.append(name)
        elif name in producers and producers[name].op_type not in ("Shape", "Size"):
            wanted.extend(i for i in producers[name].input if i)
    return [name for name in graph_inputs if name in needed]


def with_constant_inputs(model: onnx.ModelProto, values: dict[str, np.ndarray]) -> onnx.ModelProto:
    """A copy of `model` where the named graph inputs are initializers holding `values`."""
    specialized = onnx.ModelProto()
    specialized.CopyFrom(model)
    kept = [i for i in specialized.graph.input if i.name not in values]
    del specialized.graph.input[:]
    specialized.graph.input.extend(kept)
    for name, value in values.items():
        specialized.graph.initializer.append(onnx.numpy_helper.from_array(np.asarray(value), name))
    return specialized


class TgraphRep(BackendRep):
    """A prepared model: compiled now, or per value of its compile-time inputs on first use."""

    def __init__(self, model: onnx.ModelProto, *, dynamic: bool = False, bind: dict[str, int] | None = None):
        self.model = model
        self.dynamic = dynamic
        self.bind = bind or {}
        initializers = {t.name for t in model.graph.initializer}
        self.input_names = [i.name for i in model.graph.input if i.name not in initializers]
        self.output_names = [o.name for o in model.graph.output]
        self.specialized_inputs = compile_time_inputs(model)
        self._compiled: dict[tuple, object] = {}
        if not self.specialized_inputs:
            self._compiled[()] = self._compile(model)

    def _compile(self, model: onnx.ModelProto):
        from ..runtime.jit import compile  # the runtime comes after the frontend in the pipeline

        if self.dynamic:
            model = _all_dims_dynamic(model)
        return compile(model, bind=self.bind)

    def run(self, inputs, **kwargs):
        if isinstance(inputs, dict):
            arrays = {name: np.asarray(inputs[name]) for name in self.input_names}
        else:
            inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
            if len(inputs) != len(self.input_names):
                raise ValueError(f"the model takes {len(self.input_names)} inputs ({', '.join(self.input_names)}), got {len(inputs)}")
            arrays = {name: np.asarray(value) for name, value in zip(self.input_names, inputs)}
        fixed = {name: arrays[name] for name in self.specialized_inputs}
        key = tuple((name, a.dtype.str, a.shape, a.tobytes()) for name, a in fixed.items())
        if key not in self._compiled:
            self._compiled[key] = self._compile(with_constant_inputs(self.model, fixed))
        function = self._compiled[key]
        outputs = function(*[arrays[name] for name in self.input_names if name not in fixed])
        outputs = outputs if isinstance(outputs, tuple) else (outputs,)
        return namedtuple("Outputs", [f"o{i}" for i in range(len(outputs))])(*outputs)


def _all_dims_dynamic(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy with every graph input dim symbolic (tgraph then compiles them as dynamic dims)."""
    dynamic = onnx.ModelProto()
    dynamic.CopyFrom(model)
    initializers = {t.name for t in dynamic.graph.initializer}
    for graph_input in dynamic.graph.input:
        if graph_input.name in initializers or not graph_input.type.HasField("tensor_type"):
            continue
        for index, dim in enumerate(graph_input.type.tensor_type.shape.dim):
            dim.Clear()
            dim.dim_param = f"{graph_input.name}_dim{index}"
    return dynamic


class TgraphBackend(Backend):
    """The onnx.backend interface over tgraph's CPU compiler."""

    @classmethod
    def is_compatible(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs) -> bool:
        return cls.supports_device(device)

    @classmethod
    def prepare(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs) -> TgraphRep:
        if not cls.supports_device(device):
            raise ValueError(f"tgraph runs on the CPU, not on '{device}'")
        return TgraphRep(model, dynamic=kwargs.get("dynamic", False), bind=kwargs.get("bind"))

    @classmethod
    def run_model(cls, model: onnx.ModelProto, inputs, device: str = "CPU", **kwargs):
        return cls.prepare(model, device, **kwargs).run(inputs)

    @classmethod
    def supports_device(cls, device: str) -> bool:
        return str(device).upper() == "CPU"


class TgraphDynamicBackend(TgraphBackend):
    """The same backend with every input dim dynamic (for running the ONNX node tests that way)."""

    @classmethod
    def prepare(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs) -> TgraphRep:
        return super().prepare(model, device, dynamic=True, **kwargs)


prepare = TgraphBackend.prepare
run_model = TgraphBackend.run_model
supports_device = TgraphBackend.supports_device
