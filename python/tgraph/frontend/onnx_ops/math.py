"""ONNX math functions and activations.

Functions with a tg op of their own map to it; the activations are decomposed into tg arithmetic
(max, min, exp...) in forms that keep their meaning for every attribute value and do not overflow:
exponentials only ever see `min(x, 0)`."""

from __future__ import annotations

from ...dialect.ops import (
    Abs, Acos, Acosh, Add, Asin, Asinh, Atan, Atanh, Ceil, Cos, Cosh, Div, Erf, Exp, Floor, Max, Min, Mod,
    Mul, Relu, Round, Sign, Sin, Sinh, Softplus, Sub, Tan, Tanh,
)  # fmt: skip
from . import Node, converter

UNARY = {
    "Abs": Abs, "Sign": Sign, "Ceil": Ceil, "Floor": Floor, "Round": Round,
    "Sin": Sin, "Cos": Cos, "Tan": Tan, "Asin": Asin, "Acos": Acos, "Atan": Atan,
    "Sinh": Sinh, "Cosh": Cosh, "Asinh": Asinh, "Acosh": Acosh, "Atanh": Atanh,
    "Erf": Erf, "Softplus": Softplus,
}  # fmt: skip


@converter(*UNARY)
def unary(node: Node):
    return node.emit(UNARY[node.op_type], node.input(0))


@converter("Mod")
def mod(node: Node):
    return node.emit(Mod, node.input(0), node.input(1), fmod=bool(node.attr("fmod", 0)))


@converter("Reciprocal")
def reciprocal(node: Node):
    x = node.input(0)
    return node.emit(Div, node.scalar(1, like=x), x)


@converter("Softsign")
def softsign(node: Node):
    """x / (1 + |x|)."""
    x = node.input(0)
    return node.emit(Div, x, node.emit(Add, node.scalar(1, like=x), node.emit(Abs, x)))


@converter("Mish")
def mish(node: Node):
    """x * tanh(softplus(x))."""
    x = node.input(0)
    return node.emit(Mul, x, node.emit(Tanh, node.emit(Softplus, x)))


# --- piecewise linear ---------------------------------------------------------------------------


def clip(node: Node, x, low=None, high=None):
    """min(max(x, low), high), either bound optional; `high` wins when low > high, as in ONNX."""
    if low is not None:
        x = node.emit(Max, x, low)
    if high is not None:
        x = node.emit(Min, x, high)
    return x


@converter("Clip")
def clip_node(node: Node):
    """Bounds are attributes up to opset 10 and optional inputs from opset 11 (which added integers)."""
    x = node.input(0)
    if node.opset < 11:
        low, high = node.attr("min", None), node.attr("max", None)
        return clip(node, x, *(node.scalar(v, like=x) if v is not None else None for v in (low, high)))
    return clip(node, x, node.input(1), node.input(2))


def negative_part_scaled(node: Node, x, scale):
    """max(x, 0) + scale * min(x, 0): x where it is positive, x times `scale` elsewhere (any scale)."""
    return node.emit(Add, node.emit(Relu, x), node.emit(Mul, scale, node.emit(Min, x, node.scalar(0, like=x))))


@converter("LeakyRelu")
def leaky_relu(node: Node):
    x = node.input(0)
    alpha = node.attr("alpha", 0.01)
    if 0 <= alpha <= 1:  # then max(x, alpha * x) is the same, in two ops instead of four
        return node.emit(Max, x, node.emit(Mul, x, node.scalar(alpha, like=x)))
    return negative_part_scaled(node, x, node.scalar(alpha, like=x))


@converter("PRelu")
def prelu(node: Node):
    """The slope broadcasts to x (one per channel, usually) and may have any sign."""
    return negative_part_scaled(node, node.input(0), node.input(1))


@converter("HardSigmoid")
def hard_sigmoid(node: Node):
    return hard_sigmoid_of(node, node.input(0), node.attr("alpha", 0.2), node.attr("beta", 0.5))


def hard_sigmoid_of(node: Node, x, alpha: float, beta: float):
    """max(0, min(1, alpha * x + beta))."""
    linear = node.emit(Add, node.emit(Mul, x, node.scalar(alpha, like=x)), node.scalar(beta, like=x))
    return clip(node, linear, node.scalar(0, like=x), node.scalar(1, like=x))


@converter("HardSwish")
def hard_swish(node: Node):
    """x * hard_sigmoid(x) with alpha = 1/6, beta = 1/2."""
    x = node.input(0)
    return node.emit(Mul, x, hard_sigmoid_of(node, x, 1 / 6, 0.5))


# --- exponential linear units -------------------------------------------------------------------


def exponential_linear(node: Node, x, alpha: float, inner_scale: float = 1.0):
    """max(x, 0) + alpha * (exp(min(x, 0) * inner_scale) - 1): ELU, and CELU with inner_scale 1/alpha.
    The exponential sees only min(x, 0), so it cannot overflow."""
    negative = node.emit(Min, x, node.scalar(0, like=x))
    if inner_scale != 1.0:
        negative = node.emit(Mul, negative, node.scalar(inner_scale, like=x))
    one = node.scalar(1, like=x)
    curve = node.emit(Mul, node.scalar(alpha, like=x), node.emit(Sub, node.emit(Exp, negative), one))
    return node.emit(Add, node.emit(Relu, x), curve)


@converter("Elu")
def elu(node: Node):
    return exponential_linear(node, node.input(0), node.attr("alpha", 1.0))


@converter("Celu")
def celu(node: Node):
    """max(0, x) + min(0, alpha * (exp(x / alpha) - 1)), which is ELU of x / alpha scaled by alpha."""
    alpha = node.attr("alpha", 1.0)
    if alpha == 0:
        node.unsupported("alpha = 0 is not supported (CELU divides by alpha)")
    return exponential_linear(node, node.input(0), alpha, inner_scale=1.0 / alpha)


@converter("Selu")
def selu(node: Node):
    """gamma * ELU(x, alpha)."""
    x = node.input(0)
    alpha = node.attr("alpha", 1.67326319217681884765625)
    gamma = node.attr("gamma", 1.05070102214813232421875)
    return node.emit(Mul, node.scalar(gamma, like=x), exponential_linear(node, x, alpha))
