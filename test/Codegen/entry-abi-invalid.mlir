// --tg-entry-abi only rewrites entry functions whose arguments and results are all ranked tensors;
// anything else is an error at the function.
// RUN: tg-opt %s --tg-to-linalg --tg-entry-abi --split-input-file --verify-diagnostics

// expected-error @+1 {{entry function arguments and results must be ranked tensors, got f32}}
func.func @scalar_argument(%x: f32, %y: tensor<4xf32>) -> tensor<4xf32> {
  return %y : tensor<4xf32>
}

// -----

// expected-error @+1 {{entry function arguments and results must be ranked tensors, got tensor<*xf32>}}
func.func @unranked_result(%x: tensor<4xf32>) -> tensor<*xf32> {
  %0 = tensor.cast %x : tensor<4xf32> to tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// A private function with scalar arguments is not an entry: no error.
func.func private @scalar_helper(%x: f32) -> f32 {
  return %x : f32
}
