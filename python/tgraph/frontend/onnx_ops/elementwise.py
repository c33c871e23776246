"""Elementwise ONNX ops: arithmetic, math functions and activations."""

from __future__ import annotations

from ...dialect.ops import Add, Div, Exp, Gelu, Log, Max, Min, Mul, Neg, Pow, Relu, Sigmoid, Sqrt, Sub, Tanh
from . import Node, converter

BINARY = {"Add": Add, "Sub": Sub, "Mul": Mul, "Div": Div, "Pow": Pow}
UNARY = {"Neg": Neg, "Exp": Exp, "Log": Log, "Sqrt": Sqrt, "Tanh": Tanh, "Sigmoid": Sigmoid, "Relu": Relu}
VARIADIC = {"Max": Max, "Min": Min, "Sum": Add}


@converter(*BINARY)
def binary(node: Node):
    return node.emit(BINARY[node.op_type], node.input(0), node.input(1))


@converter(*UNARY)
def unary(node: Node):
    return node.emit(UNARY[node.op_type], node.input(0))


@converter(*VARIADIC)
def variadic(node: Node):
    """Max, Min and Sum of any number of broadcasting inputs, folded left."""
    op = VARIADIC[node.op_type]
    result, *rest = node.inputs()
    for value in rest:
        result = node.emit(op, result, value)
    return result


@converter("Mean")
def mean(node: Node):
    inputs = node.inputs()
    total = variadic_sum(node, inputs)
    return node.emit(Div, total, node.scalar(len(inputs), like=total))


def variadic_sum(node: Node, values):
    result, *rest = values
    for value in rest:
        result = node.emit(Add, result, value)
    return result


@converter("Gelu")
def gelu(node: Node):
    return node.emit(Gelu, node.input(0), approximate=node.attr("approximate", "none"))
