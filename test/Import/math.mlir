// The import of ONNX math functions and activations: functions map to one tg op each; activations are
// decomposed into tg arithmetic whose exponentials only see min(x, 0).
// RUN: %python %S/Inputs/math_models.py %t
// RUN: tg-import %t/functions.onnx | filecheck %s --check-prefix=FUNCTIONS
// RUN: tg-import %t/trigonometry.onnx | filecheck %s --check-prefix=TRIG
// RUN: tg-import %t/integer_abs_sign.onnx | filecheck %s --check-prefix=INTEGER
// RUN: tg-import %t/mod_fmod.onnx | filecheck %s --check-prefix=MOD
// RUN: tg-import %t/pow_mixed.onnx | filecheck %s --check-prefix=POW
// RUN: tg-import %t/clip_inputs.onnx | filecheck %s --check-prefix=CLIP
// RUN: tg-import %t/clip_attributes.onnx | filecheck %s --check-prefix=CLIP10
// RUN: tg-import %t/leaky_relu.onnx | filecheck %s --check-prefix=LEAKY
// RUN: tg-import %t/prelu.onnx | filecheck %s --check-prefix=PRELU
// RUN: tg-import %t/hard_sigmoid_swish.onnx | filecheck %s --check-prefix=HARD
// RUN: tg-import %t/elu.onnx | filecheck %s --check-prefix=EXPONENTIAL
// RUN: tg-import %t/celu.onnx | filecheck %s --check-prefix=CELU
// RUN: tg-import %t/selu.onnx | filecheck %s --check-prefix=SELU
// RUN: tg-import %t/softsign_mish.onnx | filecheck %s --check-prefix=SOFT
// RUN: not tg-import %t/celu_alpha_zero.onnx 2>&1 | filecheck %s --check-prefix=REFUSED

// Reciprocal is 1 / x.
// FUNCTIONS-LABEL: func.func @main(%arg0: tensor<?x4xf32> {tg.dims = ["n", ""], tg.name = "x"})
// FUNCTIONS:         %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// FUNCTIONS:         %[[ABS:.*]] = "tg.abs"(%arg0) : (tensor<?x4xf32>) -> tensor<?x4xf32>
// FUNCTIONS:         %[[CEIL:.*]] = "tg.ceil"(%[[ABS]])
// FUNCTIONS:         %[[FLOOR:.*]] = "tg.floor"(%[[CEIL]])
// FUNCTIONS:         %[[ROUND:.*]] = "tg.round"(%[[FLOOR]])
// FUNCTIONS:         %[[SIGN:.*]] = "tg.sign"(%[[ROUND]])
// FUNCTIONS:         %[[ERF:.*]] = "tg.erf"(%[[SIGN]])
// FUNCTIONS:         %[[SOFTPLUS:.*]] = "tg.softplus"(%[[ERF]])
// FUNCTIONS:         "tg.div"(%[[ONE]], %[[SOFTPLUS]]) : (tensor<f32>, tensor<?x4xf32>) -> tensor<?x4xf32>

// TRIG: "tg.sin"(%arg0)
// TRIG: "tg.cos"
// TRIG: "tg.tan"
// TRIG: "tg.asin"
// TRIG: "tg.acos"
// TRIG: "tg.atan"
// TRIG: "tg.sinh"
// TRIG: "tg.cosh"
// TRIG: "tg.asinh"
// TRIG: "tg.acosh"
// TRIG: "tg.atanh"

// INTEGER: "tg.abs"(%arg0) : (tensor<3xi16>) -> tensor<3xi16>
// INTEGER: "tg.sign"(%{{.*}}) : (tensor<3xi16>) -> tensor<3xi16>

// The fmod attribute carries over; the divisor broadcasts.
// MOD: %[[R:.*]] = "tg.mod"(%arg0, %arg1) {fmod = false} : (tensor<3x5xi32>, tensor<5xi32>) -> tensor<3x5xi32>
// MOD: "tg.mod"(%[[R]], %arg1) {fmod = true}

// Pow keeps mixed base and exponent types; the result has the base's.
// POW: "tg.pow"(%arg0, %arg1) : (tensor<3xf32>, tensor<3xi64>) -> tensor<3xf32>
// POW: "tg.pow"(%arg2, %arg0) : (tensor<3xi32>, tensor<3xf32>) -> tensor<3xi32>

// Clip (opset 11+) is max with the lower bound, then min with the upper; an absent bound is skipped.
// CLIP:      %[[LOW:.*]] = "tg.max"(%arg0, %arg1) : (tensor<?xi8>, tensor<i8>) -> tensor<?xi8>
// CLIP-NEXT: %[[BOTH:.*]] = "tg.min"(%[[LOW]], %arg2)
// CLIP-NEXT: "tg.min"(%[[BOTH]], %arg2)
// CLIP-NOT:  "tg.max"

// Before opset 11 the bounds are attributes.
// CLIP10-DAG: %[[HI:.*]] = arith.constant dense<6.000000e+00> : tensor<f32>
// CLIP10-DAG: %[[LO:.*]] = arith.constant dense<-1.000000e+00> : tensor<f32>
// CLIP10:     %[[MAX:.*]] = "tg.max"(%arg0, %[[LO]])
// CLIP10:     "tg.min"(%[[MAX]], %[[HI]])

// LeakyRelu with 0 <= alpha <= 1 is max(x, alpha x); otherwise relu(x) + alpha min(x, 0).
// LEAKY-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// LEAKY-DAG: %[[TWO:.*]] = arith.constant dense<2.000000e+00> : tensor<f32>
// LEAKY-DAG: %[[TENTH:.*]] = arith.constant dense<1.000000e-01> : tensor<f32>
// LEAKY:     %[[SCALED:.*]] = "tg.mul"(%arg0, %[[TENTH]])
// LEAKY:     %[[L1:.*]] = "tg.max"(%arg0, %[[SCALED]])
// LEAKY:     %[[POS:.*]] = "tg.relu"(%[[L1]])
// LEAKY:     %[[NEG:.*]] = "tg.min"(%[[L1]], %[[ZERO]])
// LEAKY:     %[[NEG2:.*]] = "tg.mul"(%[[TWO]], %[[NEG]])
// LEAKY:     "tg.add"(%[[POS]], %[[NEG2]])

// PRelu's slope (any sign) broadcasts against x.
// PRELU-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// PRELU-DAG: %[[SLOPE:.*]] = arith.constant dense<{{\[}}[1.000000e-01], [2.000000e-01], [-3.000000e-01]]> : tensor<3x1xf32>
// PRELU:     %[[POS:.*]] = "tg.relu"(%arg0) : (tensor<?x3x2xf32>) -> tensor<?x3x2xf32>
// PRELU:     %[[NEG:.*]] = "tg.min"(%arg0, %[[ZERO]])
// PRELU:     %[[SCALED:.*]] = "tg.mul"(%[[SLOPE]], %[[NEG]]) : (tensor<3x1xf32>, tensor<?x3x2xf32>) -> tensor<?x3x2xf32>
// PRELU:     "tg.add"(%[[POS]], %[[SCALED]])

// HardSigmoid clips alpha x + beta to [0, 1]; HardSwish is x times that with alpha 1/6, beta 1/2.
// HARD-DAG: %[[SIXTH:.*]] = arith.constant dense<0.166666672> : tensor<f32>
// HARD-DAG: %[[BETA:.*]] = arith.constant dense<6.000000e-01> : tensor<f32>
// HARD:     %[[AX:.*]] = "tg.mul"(%arg0, %{{.*}})
// HARD:     %[[AXB:.*]] = "tg.add"(%[[AX]], %[[BETA]])
// HARD:     %[[LOW:.*]] = "tg.max"(%[[AXB]], %{{.*}})
// HARD:     %[[HS:.*]] = "tg.min"(%[[LOW]], %{{.*}})
// HARD:     %[[AX2:.*]] = "tg.mul"(%[[HS]], %[[SIXTH]])
// HARD:     "tg.max"
// HARD:     %[[GATE:.*]] = "tg.min"
// HARD:     "tg.mul"(%[[HS]], %[[GATE]])

// Elu is relu(x) + alpha (exp(min(x, 0)) - 1).
// EXPONENTIAL-DAG: %[[ALPHA:.*]] = arith.constant dense<2.000000e+00> : tensor<f32>
// EXPONENTIAL-DAG: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// EXPONENTIAL-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// EXPONENTIAL:     %[[NEG:.*]] = "tg.min"(%arg0, %[[ZERO]])
// EXPONENTIAL:     %[[EXP:.*]] = "tg.exp"(%[[NEG]])
// EXPONENTIAL:     %[[EM1:.*]] = "tg.sub"(%[[EXP]], %[[ONE]])
// EXPONENTIAL:     %[[CURVE:.*]] = "tg.mul"(%[[ALPHA]], %[[EM1]])
// EXPONENTIAL:     %[[POS:.*]] = "tg.relu"(%arg0)
// EXPONENTIAL:     "tg.add"(%[[POS]], %[[CURVE]])

// Celu is the same with the exponent divided by alpha.
// CELU-DAG: %[[INVERSE:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// CELU:     %[[NEG:.*]] = "tg.min"(%arg0, %{{.*}})
// CELU:     %[[SCALED:.*]] = "tg.mul"(%[[NEG]], %[[INVERSE]])
// CELU:     "tg.exp"(%[[SCALED]])

// Selu is gamma times Elu.
// SELU-DAG: %[[GAMMA:.*]] = arith.constant dense<3.000000e+00> : tensor<f32>
// SELU:     %[[UNIT:.*]] = "tg.add"
// SELU:     "tg.mul"(%[[GAMMA]], %[[UNIT]])

// Softsign is x / (1 + |x|); Mish is x tanh(softplus(x)).
// SOFT:     %[[ABS:.*]] = "tg.abs"(%arg0)
// SOFT:     %[[DEN:.*]] = "tg.add"(%{{.*}}, %[[ABS]])
// SOFT:     %[[SS:.*]] = "tg.div"(%arg0, %[[DEN]])
// SOFT:     %[[SP:.*]] = "tg.softplus"(%[[SS]])
// SOFT:     %[[T:.*]] = "tg.tanh"(%[[SP]])
// SOFT:     "tg.mul"(%[[SS]], %[[T]])

// REFUSED: error: Celu: alpha = 0 is not supported (CELU divides by alpha)
