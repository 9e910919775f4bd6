// No silent half-switch: after to-eval, a node that would still draw
// random numbers and is no mode-dependent op is an error at the node that
// names its module and the two ways out; assert-eval holds to the same
// rule.
// RUN: not mode-opt %s --split-input-file --to-eval 2>&1 | FileCheck %s --check-prefix=REFUSED --implicit-check-not=error:
// RUN: not mode-opt %s --split-input-file --assert-eval 2>&1 | FileCheck %s --check-prefix=ASSERT --implicit-check-not=error:
// Declared random by design, a module's nodes stay, and pass the guard.
// RUN: not mode-opt %s --split-input-file --to-eval="keep-random=models.Sampler,models.Noise,models.Pair" --assert-eval="keep-random=models.Sampler,models.Noise,models.Pair" 2>%t.kept.err | FileCheck %s --check-prefix=KEPT
// RUN: FileCheck %s --input-file=%t.kept.err --check-prefix=KEPT-ERR --implicit-check-not=error:
// Declared identity in evaluation, a module's calls become drop paths, in
// evaluation form; to-train gives them back in training form, which the
// exporter writes as the nodes they hold.
// RUN: not mode-opt %s --split-input-file --to-eval="identity-in-eval=models.Noise,models.Pair keep-random=models.Sampler" 2>%t.identity.err | FileCheck %s --check-prefix=IDENTITY
// RUN: FileCheck %s --input-file=%t.identity.err --check-prefix=IDENTITY-ERR --implicit-check-not=error:
// RUN: not mode-opt %s --split-input-file --to-eval="identity-in-eval=models.Noise keep-random=models.Sampler,models.Pair" --to-train 2>/dev/null | FileCheck %s --check-prefix=BACK

#model = #pt2.module<"", "models.Vae", key = "L__self__">
#sampler = #pt2.module<"sample", "models.Sampler", key = "L__self___sample", in #model>

// REFUSED: to-eval-random.mlir:[[# @LINE + 8]]:{{[0-9]+}}: error: 'torch.ops.aten.randn_like.default' draws random numbers in module 'sample' (models.Sampler), which mode does not know to switch; if the module is the identity in evaluation (as dropout is), give to-eval identity-in-eval=models.Sampler, which removes its call and records it for to-train; if it draws random numbers by design (a sampler, noise), give keep-random=models.Sampler
// ASSERT: to-eval-random.mlir:[[# @LINE + 7]]:{{[0-9]+}}: error: 'torch.ops.aten.randn_like.default' draws random numbers in module 'sample' (models.Sampler), which mode does not know to switch and which is not declared random by design; if the module is the identity in evaluation (as dropout is), switch with to-eval identity-in-eval=models.Sampler, which removes its call and records it for to-train; if it draws random numbers by design (a sampler, noise), give assert-eval keep-random=models.Sampler
// KEPT-LABEL: func.func @sampler
// KEPT-NEXT: pt2.operator "randn_like" aten.randn_like(self: %arg0) in #sample
// KEPT-NEXT: pt2.operator "add" aten.add.Tensor
// IDENTITY-LABEL: func.func @sampler
// IDENTITY-NEXT: pt2.operator "randn_like" aten.randn_like(self: %arg0) in #sample
func.func @sampler(%mu: tensor<2x8xf32> {pt2.name = "mu", pt2.user_input}) -> tensor<2x8xf32> {
  %eps = pt2.operator "randn_like" aten.randn_like(self: %mu) in #sampler : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %z = pt2.operator "add" aten.add.Tensor(self: %mu, other: %eps) in #sampler : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %z : tensor<2x8xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#noise = #pt2.module<"noise", "models.Noise", key = "L__self___noise", in #model>

// A noise layer, the identity in evaluation. Declared so, its call is a
// drop path in evaluation form.
// REFUSED: to-eval-random.mlir:[[# @LINE + 17]]:{{[0-9]+}}: error: 'torch.ops.aten.randn_like.default' draws random numbers in module 'noise' (models.Noise)
// ASSERT: to-eval-random.mlir:[[# @LINE + 16]]:{{[0-9]+}}: error: 'torch.ops.aten.randn_like.default' draws random numbers in module 'noise' (models.Noise)
// KEPT-LABEL: func.func @noise
// KEPT-NEXT: pt2.operator "randn_like" aten.randn_like(self: %arg0) in #noise
// IDENTITY-LABEL: func.func @noise
// IDENTITY-NEXT: %[[D:.*]] = pt2.drop_path(%arg0) training = false {
// IDENTITY-NEXT: pt2.operator "randn_like" aten.randn_like(self: %arg0)
// IDENTITY-NEXT: pt2.operator "add" aten.add.Tensor(self: %arg0, other: %randn_like)
// IDENTITY: return %[[D]]
// BACK-LABEL: func.func @noise
// BACK-NEXT: %[[D:.*]] = pt2.drop_path(%arg0) training = true {
// BACK-NEXT: %randn_like = pt2.operator "randn_like" aten.randn_like(self: %arg0) in #noise
// BACK-NEXT: %add = pt2.operator "add" aten.add.Tensor(self: %arg0, other: %randn_like) in #noise
// BACK-NEXT: pt2.yield %add
// BACK-NEXT: } {pt2.module = #noise}
// BACK-NEXT: return %[[D]]
func.func @noise(%x: tensor<2x8xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x8xf32> {
  %n = pt2.operator "randn_like" aten.randn_like(self: %x) in #noise : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = pt2.operator "add" aten.add.Tensor(self: %x, other: %n) in #noise : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#pair = #pt2.module<"pair", "models.Pair", key = "L__self___pair", in #model>

// A call that reads two tensors cannot be the identity: declared so, it is
// refused at its random node.
// REFUSED: to-eval-random.mlir:[[# @LINE + 6]]:{{[0-9]+}}: error: 'torch.ops.aten.rand_like.default' draws random numbers in module 'pair' (models.Pair)
// ASSERT: to-eval-random.mlir:[[# @LINE + 5]]:{{[0-9]+}}: error: 'torch.ops.aten.rand_like.default' draws random numbers in module 'pair' (models.Pair)
// KEPT-LABEL: func.func @pair
// KEPT-NEXT: pt2.operator "rand_like" aten.rand_like(self: %arg0) in #pair
// IDENTITY-ERR: to-eval-random.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: cannot remove the call of module 'pair' (models.Pair), declared identity in evaluation: its nodes do not read one tensor and give one of the same type to the rest of the program; export the model in evaluation mode, or keep its randomness (keep-random=models.Pair)
func.func @pair(%x: tensor<2x8xf32> {pt2.name = "x", pt2.user_input}, %y: tensor<2x8xf32> {pt2.name = "y", pt2.user_input}) -> tensor<2x8xf32> {
  %n = pt2.operator "rand_like" aten.rand_like(self: %x) in #pair : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %z = pt2.operator "add" aten.add.Tensor(self: %y, other: %n) in #pair : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %z : tensor<2x8xf32>
}

// -----

// A random node outside any module mode knows of (no nn_module_stack).
// REFUSED: to-eval-random.mlir:[[# @LINE + 5]]:{{[0-9]+}}: error: 'torch.ops.aten.bernoulli.p' draws random numbers, outside any module mode knows of: mode cannot tell what it does in evaluation mode
// ASSERT: to-eval-random.mlir:[[# @LINE + 4]]:{{[0-9]+}}: error: 'torch.ops.aten.bernoulli.p' draws random numbers, outside any module mode knows of: mode cannot tell what it does in evaluation mode
// KEPT-ERR: to-eval-random.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'torch.ops.aten.bernoulli.p' draws random numbers, outside any module mode knows of
// IDENTITY-ERR: to-eval-random.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'torch.ops.aten.bernoulli.p' draws random numbers, outside any module mode knows of
func.func @no_module(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %b = pt2.operator "bernoulli" aten.bernoulli.p(self: %x, p: 0.5) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %b : tensor<2x8xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#sampler = #pt2.module<"sample", "models.Sampler", key = "L__self___sample", in #model>

// A higher-order op draws what its subgraphs' nodes draw.
// KEPT-LABEL: func.func @subgraph
// KEPT-NEXT: pt2.operator "wrap" "torch.ops.higher_order.wrap_with_set_grad_enabled"
// REFUSED: to-eval-random.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: 'torch.ops.higher_order.wrap_with_set_grad_enabled' draws random numbers in module 'sample' (models.Sampler)
// ASSERT: to-eval-random.mlir:[[# @LINE + 2]]:{{[0-9]+}}: error: 'torch.ops.higher_order.wrap_with_set_grad_enabled' draws random numbers in module 'sample' (models.Sampler)
func.func @subgraph(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %r = pt2.operator "wrap" "torch.ops.higher_order.wrap_with_set_grad_enabled"(enabled: false, body: "as_graph"({graph = {nodes = [{target = "torch.ops.aten.rand.default"}]}, name = "body"}), x: %x) in #sampler : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %r : tensor<2x8xf32>
}

// -----

// A mode-dependent op that ops= leaves in training form is mode's: no
// error for its randomness. Neither for nodes that draw nothing.
// RUN: not mode-opt %s --split-input-file --to-eval=ops=batch_norm 2>&1 >%t.ops.mlir | FileCheck %s --check-prefix=REFUSED --implicit-check-not=error:
// RUN: FileCheck %s --input-file=%t.ops.mlir --check-prefix=OPS
// ASSERT: to-eval-random.mlir:[[# @LINE + 4]]:{{[0-9]+}}: error: 'aten.dropout' is in training mode (train = true); run --to-eval to switch it
// OPS-LABEL: func.func @dropout_left_training
// OPS: aten.dropout(%arg0) p = 5.000000e-01, train = true
func.func @dropout_left_training(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = aten.dropout(%x) p = 5.000000e-01, train = true : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %1 = pt2.operator "relu" aten.relu(self: %0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %1 : tensor<2x8xf32>
}
