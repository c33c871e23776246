/* Calling an ahead-of-time compiled model from C: classifier.mlir, compiled by
 *
 *     tg-compile classifier.mlir -o libclassifier.so        (writes libclassifier.h too)
 *     cc classifier_example.c -I. -L. -lclassifier -Wl,-rpath,'$ORIGIN' -o classifier_example
 *
 * runs on three fixed inputs and prints each output value on a line: the probabilities, then the
 * classes. test_aot.py builds and runs it, and checks the printed values against NumPy.
 */
#include <inttypes.h>
#include <stdio.h>

#include "libclassifier.h"

enum { BATCH = 3, FEATURES = 4, CLASSES = 3 };

int main(void) {
  float x[BATCH][FEATURES] = {{1.0f, 2.0f, 3.0f, 4.0f}, {-1.0f, 0.5f, 0.0f, 2.0f}, {0.25f, -3.0f, 1.5f, -0.5f}};
  float probabilities[BATCH][CLASSES];
  int64_t classes[BATCH];

  /* One descriptor per array: data pointer (twice), offset, sizes, row-major strides in elements.
     The batch size is dynamic: the descriptors carry it, and the outputs are allocated for it. */
  tg_memref_2d_float in = {&x[0][0], &x[0][0], 0, {BATCH, FEATURES}, {FEATURES, 1}};
  tg_memref_2d_float out_probabilities = {&probabilities[0][0], &probabilities[0][0], 0, {BATCH, CLASSES}, {CLASSES, 1}};
  tg_memref_1d_int64 out_classes = {classes, classes, 0, {BATCH}, {1}};

  _mlir_ciface_classify(&in, &out_probabilities, &out_classes);

  for (int i = 0; i < BATCH; ++i)
    for (int j = 0; j < CLASSES; ++j)
      printf("%.9g\n", probabilities[i][j]);
  for (int i = 0; i < BATCH; ++i)
    printf("%" PRId64 "\n", classes[i]);
  return 0;
}
