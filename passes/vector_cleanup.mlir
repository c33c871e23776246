// What every vectorizing schedule ends with, once, on the whole module (after all ops are scheduled,
// so that no handle of a later op is invalidated by the rewrites):
// - canonicalize and CSE, which also move the constants (the padding of transfer reads) out of the
//   loops, so that what follows sees loop-invariant subsets;
// - hoist loop-invariant subsets: a tile of C read and written at every k stays in registers
//   across the k loop (an scf.for iter_arg of vector type);
// - lower vector.contract to outer products and those to FMAs (one per vector of the tile).
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_vector_cleanup(%root: !transform.any_op {transform.readonly}) {
    %functions = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %functions {
      transform.apply_patterns.vector.reduction_to_contract
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.apply_cse to %functions : !transform.any_op
    %loops = transform.structured.match ops{["scf.for"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.loop.hoist_loop_invariant_subsets %loops : !transform.any_op
    transform.apply_patterns to %functions {
      transform.apply_patterns.vector.lower_contraction lowering_strategy = "outerproduct"
      transform.apply_patterns.vector.lower_outerproduct
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    transform.yield
  }
}
