// pt2-raise-mode-ops: what a PyTorch graph spells with several nodes
// becomes the pt2 op that models it; nothing else changes.
// RUN: mode-opt %s --split-input-file --pt2-raise-mode-ops | FileCheck %s
// Running it twice is running it once.
// RUN: mode-opt %s --split-input-file --pt2-raise-mode-ops -o %t.once.mlir
// RUN: mode-opt %t.once.mlir --split-input-file --pt2-raise-mode-ops | diff - %t.once.mlir

#model = #pt2.module<"", "models.Net", key = "L__self__">
#bn = #pt2.module<"bn", "torch.nn.modules.batchnorm.BatchNorm2d", key = "L__self___bn", in #model>

// nn.BatchNorm counts its batches before it normalizes; called again, it
// adds to the first call's count. The increments become counters, with
// their node's name, module and location.
// CHECK-LABEL: func.func @counters
// CHECK-SAME: (%[[NBT:[^:]*]]: tensor<si64>
// CHECK-NEXT: aten.none
// CHECK-NEXT: %[[C1:.*]] = pt2.batch_norm_counter(%[[NBT]]) training = true, in_place {pt2.module = #bn, pt2.node = "add_"} : (tensor<si64>) -> tensor<si64>
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: %[[C2:.*]] = pt2.batch_norm_counter(%[[C1]]) training = true, in_place {pt2.module = #bn, pt2.node = "add__1"} : (tensor<si64>) -> tensor<si64>
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: return
func.func @counters(%nbt: tensor<si64> {pt2.buffer = "bn.num_batches_tracked", pt2.name = "b_bn_num_batches_tracked"},
                    %mean: tensor<3xf32> {pt2.buffer = "bn.running_mean", pt2.name = "b_bn_running_mean"},
                    %var: tensor<3xf32> {pt2.buffer = "bn.running_var", pt2.name = "b_bn_running_var"},
                    %x: tensor<2x3xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x3xf32> {
  %none = aten.none
  %add_ = pt2.operator "add_" aten.add_.Tensor(self: %nbt, other: 1) in #bn : (tensor<si64>) -> tensor<si64>
  %bn1 = aten.batch_norm(%x, %none, %none, %mean, %var) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #bn, pt2.node = "batch_norm"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %add__1 = pt2.operator "add__1" aten.add_.Tensor(self: %add_, other: 1) in #bn : (tensor<si64>) -> tensor<si64>
  %bn2 = aten.batch_norm(%bn1, %none, %none, %mean, %var) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #bn, pt2.node = "batch_norm_1"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %bn2 : tensor<2x3xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#bnact = #pt2.module<"bn", "timm.layers.norm_act.BatchNormAct2d", key = "L__self___bn", in #model>

// What counts in training is the module that owns the buffers, whatever
// its class (timm's BatchNormAct2d subclasses nn.BatchNorm2d and counts
// in its own forward); a batch norm another module computes with them
// (here the model, F.batch_norm on bn's buffers) does not count.
// CHECK-LABEL: func.func @counting_module
// CHECK-SAME: (%[[NBT:[^:]*]]: tensor<si64>
// CHECK-NEXT: aten.none
// CHECK-NEXT: pt2.batch_norm_counter(%[[NBT]]) training = false, in_place {pt2.module = #bn, pt2.synthesized} : (tensor<si64>) -> tensor<si64>
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: return
func.func @counting_module(%nbt: tensor<si64> {pt2.buffer = "bn.num_batches_tracked", pt2.name = "b_bn_num_batches_tracked"},
                           %mean: tensor<3xf32> {pt2.buffer = "bn.running_mean", pt2.name = "b_bn_running_mean"},
                           %var: tensor<3xf32> {pt2.buffer = "bn.running_var", pt2.name = "b_bn_running_var"},
                           %x: tensor<2x3xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x3xf32> {
  %none = aten.none
  %bn1 = aten.batch_norm(%x, %none, %none, %mean, %var) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #bnact, pt2.node = "batch_norm"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %bn2 = aten.batch_norm(%bn1, %none, %none, %mean, %var) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #model, pt2.node = "batch_norm_1"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %bn2 : tensor<2x3xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#alias = #pt2.module<"alias", "torch.nn.modules.batchnorm.BatchNorm1d", key = "L__self___alias", in #model>

// An nn.BatchNorm registered under a second name is called by it; its
// buffers keep the first: it counts all the same (regression: the module
// path had to be the buffers' prefix).
// CHECK-LABEL: func.func @batch_norm_by_another_name
// CHECK-SAME: (%[[NBT:[^:]*]]: tensor<si64>
// CHECK-NEXT: aten.none
// CHECK-NEXT: pt2.batch_norm_counter(%[[NBT]]) training = false, in_place {pt2.module = #alias, pt2.synthesized} : (tensor<si64>) -> tensor<si64>
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: return
func.func @batch_norm_by_another_name(%nbt: tensor<si64> {pt2.buffer = "bn.num_batches_tracked", pt2.name = "b_bn_num_batches_tracked"},
                                      %mean: tensor<3xf32> {pt2.buffer = "bn.running_mean", pt2.name = "b_bn_running_mean"},
                                      %var: tensor<3xf32> {pt2.buffer = "bn.running_var", pt2.name = "b_bn_running_var"},
                                      %x: tensor<2x3xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x3xf32> {
  %none = aten.none
  %bn = aten.batch_norm(%x, %none, %none, %mean, %var) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #alias, pt2.node = "batch_norm"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %bn : tensor<2x3xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">

// Increments that are not as PyTorch writes a counter stay nodes: of a
// buffer with no running statistics beside it, by 2, with a keyword.
// CHECK-LABEL: func.func @not_counters
// CHECK-NOT: batch_norm_counter
// CHECK: return
func.func @not_counters(%nbt: tensor<si64> {pt2.buffer = "num_batches_tracked", pt2.name = "b_num_batches_tracked"},
                        %other: tensor<si64> {pt2.buffer = "steps", pt2.name = "b_steps"}) {
  %a = pt2.operator "add_" aten.add_.Tensor(self: %nbt, other: 1) in #model : (tensor<si64>) -> tensor<si64>
  %b = pt2.operator "add__1" aten.add_.Tensor(self: %other, other: 1) in #model : (tensor<si64>) -> tensor<si64>
  return
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#bn = #pt2.module<"bn", "torch.nn.modules.batchnorm.BatchNorm1d", key = "L__self___bn", in #model>

// After run_decompositions(): the increment is functional, and its result
// (through a second call's) is the buffer's update, a graph output.
// CHECK-LABEL: func.func @functional_counters
// CHECK-SAME: (%[[NBT:[^:]*]]: tensor<si64>
// CHECK-NEXT: %[[C1:.*]] = pt2.batch_norm_counter(%[[NBT]]) training = true {pt2.module = #bn, pt2.node = "add"}
// CHECK-NEXT: %[[C2:.*]] = pt2.batch_norm_counter(%[[C1]]) training = true {pt2.module = #bn, pt2.node = "add_1"}
// CHECK-NEXT: return %[[C2]]
func.func @functional_counters(%nbt: tensor<si64> {pt2.buffer = "bn.num_batches_tracked", pt2.name = "b_bn_num_batches_tracked"},
                               %mean: tensor<3xf32> {pt2.buffer = "bn.running_mean", pt2.name = "b_bn_running_mean"},
                               %var: tensor<3xf32> {pt2.buffer = "bn.running_var", pt2.name = "b_bn_running_var"})
    -> (tensor<si64> {pt2.buffer_mutation = "bn.num_batches_tracked"}) {
  %add = pt2.operator "add" aten.add.Tensor(self: %nbt, other: 1) in #bn : (tensor<si64>) -> tensor<si64>
  %add_1 = pt2.operator "add_1" aten.add.Tensor(self: %add, other: 1) in #bn : (tensor<si64>) -> tensor<si64>
  return %add_1 : tensor<si64>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#bn = #pt2.module<"bn", "torch.nn.modules.batchnorm.BatchNorm2d", key = "L__self___bn", in #model>

// PyTorch's evaluation export of an nn.BatchNorm has no counter: each call
// gets one in evaluation form, made by mode, which to-train writes.
// CHECK-LABEL: func.func @evaluation_export
// CHECK-SAME: (%[[NBT:[^:]*]]: tensor<si64>
// CHECK: %[[C1:.*]] = pt2.batch_norm_counter(%[[NBT]]) training = false, in_place {pt2.module = #bn, pt2.synthesized} : (tensor<si64>) -> tensor<si64>
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: pt2.batch_norm_counter(%[[C1]]) training = false, in_place {pt2.module = #bn, pt2.synthesized} : (tensor<si64>) -> tensor<si64>
// CHECK-NEXT: aten.batch_norm
// CHECK-NEXT: return
func.func @evaluation_export(%nbt: tensor<si64> {pt2.buffer = "bn.num_batches_tracked", pt2.name = "b_bn_num_batches_tracked"},
                             %mean: tensor<3xf32> {pt2.buffer = "bn.running_mean", pt2.name = "b_bn_running_mean"},
                             %var: tensor<3xf32> {pt2.buffer = "bn.running_var", pt2.name = "b_bn_running_var"},
                             %x: tensor<2x3xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x3xf32> {
  %none = aten.none
  %bn1 = aten.batch_norm(%x, %none, %none, %mean, %var) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #bn, pt2.node = "batch_norm"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %bn2 = aten.batch_norm(%bn1, %none, %none, %mean, %var) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false {pt2.module = #bn, pt2.node = "batch_norm_1"} : (tensor<2x3xf32>, !aten.none, !aten.none, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %bn2 : tensor<2x3xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#sd = #pt2.module<"sd", "torchvision.ops.stochastic_depth.StochasticDepth", key = "L__self___sd", in #model>
#dp = #pt2.module<"dp", "timm.layers.drop.DropPath", key = "L__self___dp", in #model>
#hf = #pt2.module<"hf", "transformers.models.convnext.modeling_convnext.ConvNextDropPath", key = "L__self___hf", in #model>
#other = #pt2.module<"other", "models.MyDropPath", key = "L__self___other", in #model>

// Stochastic depth, in the forms torchvision, timm and transformers write
// it: the nodes of the module's call become a drop path in training form.
// The same nodes in a module of another class stay as they are (to-eval
// then refuses them, unless told otherwise).
// CHECK-LABEL: func.func @drop_paths
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x8xf32>
// CHECK-NEXT: %[[SD:.*]] = pt2.drop_path(%[[X]]) training = true {
// CHECK-NEXT: %empty = pt2.operator "empty" aten.empty.memory_format(size: [2, 1], dtype = f32, pin_memory = false) in #sd
// CHECK-NEXT: %bernoulli_ = pt2.operator "bernoulli_" aten.bernoulli_.float(self: %empty, p: 0.9) in #sd
// CHECK-NEXT: %div_ = pt2.operator "div_" aten.div_.Tensor(self: %bernoulli_, other: 0.9) in #sd
// CHECK-NEXT: %[[MUL:.*]] = pt2.operator "mul" aten.mul.Tensor(self: %[[X]], other: %div_) in #sd
// CHECK-NEXT: pt2.yield %[[MUL]] : tensor<2x8xf32>
// CHECK-NEXT: } {pt2.module = #sd} : (tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: %add = pt2.operator "add" aten.add.Tensor(self: %[[X]], other: %[[SD]])
// CHECK-NEXT: %[[DP:.*]] = pt2.drop_path(%add) training = true {
// CHECK-NEXT: pt2.operator "new_empty" aten.new_empty(self: %add, size: [2, 1], pin_memory = false) in #dp
// CHECK-NEXT: pt2.operator "bernoulli__1" aten.bernoulli_.float
// CHECK-NEXT: pt2.operator "mul_1" aten.mul.Tensor
// CHECK-NEXT: pt2.yield
// CHECK-NEXT: } {pt2.module = #dp}
// CHECK-NEXT: %add_1 = pt2.operator "add_1" aten.add.Tensor(self: %add, other: %[[DP]])
// CHECK-NEXT: %[[HF:.*]] = pt2.drop_path(%add_1) training = true {
// CHECK-NEXT: pt2.operator "rand" aten.rand
// CHECK-NEXT: pt2.operator "add_2" aten.add.Tensor
// CHECK-NEXT: pt2.operator "floor" aten.floor
// CHECK-NEXT: pt2.operator "div" aten.div.Tensor(self: %add_1, other: 0.9)
// CHECK-NEXT: pt2.operator "mul_2" aten.mul.Tensor
// CHECK-NEXT: pt2.yield
// CHECK-NEXT: } {pt2.module = #hf}
// CHECK-NEXT: %add_3 = pt2.operator "add_3" aten.add.Tensor(self: %add_1, other: %[[HF]])
// CHECK-NEXT: pt2.operator "new_empty_1" aten.new_empty
// CHECK-NEXT: pt2.operator "bernoulli__2" aten.bernoulli_.float
// CHECK-NEXT: pt2.operator "mul_3" aten.mul.Tensor
// CHECK-NEXT: return
func.func @drop_paths(%x: tensor<2x8xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x8xf32> {
  %empty = pt2.operator "empty" aten.empty.memory_format(size: [2, 1], dtype = f32, pin_memory = false) in #sd : () -> tensor<2x1xf32>
  %bernoulli_ = pt2.operator "bernoulli_" aten.bernoulli_.float(self: %empty, p: 0.9) in #sd : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %div_ = pt2.operator "div_" aten.div_.Tensor(self: %bernoulli_, other: 0.9) in #sd : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %mul = pt2.operator "mul" aten.mul.Tensor(self: %x, other: %div_) in #sd : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %add = pt2.operator "add" aten.add.Tensor(self: %x, other: %mul) in #model : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %new_empty = pt2.operator "new_empty" aten.new_empty(self: %add, size: [2, 1], pin_memory = false) in #dp : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %bernoulli__1 = pt2.operator "bernoulli__1" aten.bernoulli_.float(self: %new_empty, p: 0.9) in #dp : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %mul_1 = pt2.operator "mul_1" aten.mul.Tensor(self: %add, other: %bernoulli__1) in #dp : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %add_1 = pt2.operator "add_1" aten.add.Tensor(self: %add, other: %mul_1) in #model : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %rand = pt2.operator "rand" aten.rand(size: [2, 1], dtype = f32) in #hf : () -> tensor<2x1xf32>
  %add_2 = pt2.operator "add_2" aten.add.Tensor(self: %rand, other: 0.9) in #hf : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %floor = pt2.operator "floor" aten.floor(self: %add_2) in #hf : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %div = pt2.operator "div" aten.div.Tensor(self: %add_1, other: 0.9) in #hf : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %mul_2 = pt2.operator "mul_2" aten.mul.Tensor(self: %div, other: %floor) in #hf : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %add_3 = pt2.operator "add_3" aten.add.Tensor(self: %add_1, other: %mul_2) in #model : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %new_empty_1 = pt2.operator "new_empty_1" aten.new_empty(self: %add_3, size: [2, 1], pin_memory = false) in #other : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %bernoulli__2 = pt2.operator "bernoulli__2" aten.bernoulli_.float(self: %new_empty_1, p: 0.9) in #other : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %mul_3 = pt2.operator "mul_3" aten.mul.Tensor(self: %add_3, other: %bernoulli__2) in #other : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  return %mul_3 : tensor<2x8xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#dp = #pt2.module<"dp", "timm.layers.drop.DropPath", key = "L__self___dp", in #model>

// A drop path whose nodes are not one mask applied to one input is no drop
// path: two random masks, or a node whose result leaves the call.
// CHECK-LABEL: func.func @not_drop_paths
// CHECK-NOT: pt2.drop_path
// CHECK: return
func.func @not_drop_paths(%x: tensor<2x8xf32> {pt2.name = "x", pt2.user_input}) -> (tensor<2x8xf32>, tensor<2x1xf32>) {
  %e = pt2.operator "new_empty" aten.new_empty(self: %x, size: [2, 1], pin_memory = false) in #dp : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %b = pt2.operator "bernoulli_" aten.bernoulli_.float(self: %e, p: 0.9) in #dp : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %m = pt2.operator "mul" aten.mul.Tensor(self: %x, other: %b) in #dp : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  return %m, %b : tensor<2x8xf32>, tensor<2x1xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#drop = #pt2.module<"drop", "torch.nn.modules.dropout.Dropout2d", key = "L__self___drop", in #model>

// After run_decompositions(): the nodes of one dropout (by their origin)
// become a decomposed dropout. A program with no op in training form then
// shows it was decomposed in training mode.
// CHECK-LABEL: func.func @decomposed_dropout
// CHECK-SAME: attributes {pt2.decomposed, pt2.decomposed_in_training}
// CHECK-NEXT: %[[D:.*]] = pt2.decomposed_dropout(%arg0) training = true {
// CHECK-NEXT: pt2.operator "empty" aten.empty.memory_format
// CHECK-NEXT: pt2.operator "bernoulli" aten.bernoulli.p
// CHECK-NEXT: pt2.operator "div" aten.div.Scalar
// CHECK-NEXT: pt2.operator "mul" aten.mul.Tensor
// CHECK-NEXT: pt2.yield
// CHECK-NEXT: }
// CHECK-NEXT: return %[[D]]
func.func @decomposed_dropout(%x: tensor<2x8x4x4xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x8x4x4xf32> attributes {pt2.decomposed} {
  %e = pt2.operator "empty" aten.empty.memory_format(size: [2, 8, 1, 1], dtype = f32) in #drop {pt2.origin = ["dropout2d", "aten.feature_dropout.default"]} : () -> tensor<2x8x1x1xf32>
  %b = pt2.operator "bernoulli" aten.bernoulli.p(self: %e, p: 0.75) in #drop {pt2.origin = ["dropout2d", "aten.feature_dropout.default"]} : (tensor<2x8x1x1xf32>) -> tensor<2x8x1x1xf32>
  %d = pt2.operator "div" aten.div.Scalar(self: %b, other: 0.75) in #drop {pt2.origin = ["dropout2d", "aten.feature_dropout.default"]} : (tensor<2x8x1x1xf32>) -> tensor<2x8x1x1xf32>
  %m = pt2.operator "mul" aten.mul.Tensor(self: %x, other: %d) in #drop {pt2.origin = ["dropout2d", "aten.feature_dropout.default"]} : (tensor<2x8x4x4xf32>, tensor<2x8x1x1xf32>) -> tensor<2x8x4x4xf32>
  return %m : tensor<2x8x4x4xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">

// A decomposed program in which nothing shows it was decomposed in
// training mode may have lost dropouts without a trace: to-train refuses
// it, by the mark on the function; what a decomposition left of a dropout
// in evaluation mode is marked too.
// CHECK-LABEL: func.func @lost
// CHECK-SAME: attributes {aten.unswitchable = {family = "dropout", mode = "evaluation", reason = "the program went through run_decompositions() and nothing in it shows it was in training mode then;
// CHECK: pt2.operator "clone" aten.clone(self: %arg0) in #model {aten.unswitchable = {family = "dropout", mode = "evaluation", reason = "run_decompositions() replaced 'dropout' in evaluation mode by 'clone', and its dropout probability is lost;
func.func @lost(%x: tensor<2x8xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x8xf32> attributes {pt2.decomposed} {
  %c = pt2.operator "clone" aten.clone(self: %x) in #model {pt2.origin = ["dropout", "aten.dropout.default"]} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %c : tensor<2x8xf32>
}

// -----

#model = #pt2.module<"", "models.Net", key = "L__self__">
#drop = #pt2.module<"drop", "torch.nn.modules.dropout.Dropout", key = "L__self___drop", in #model>
#drop0 = #pt2.module<"drop0", "torch.nn.modules.dropout.Dropout", key = "L__self___drop0", in #model>

// Decomposed in training mode (a dropout drew its mask), a dropout with
// p = 0 became a clone there too: the same in both modes, it lost
// nothing, and is left as it is.
// CHECK-LABEL: func.func @dropout_zero_in_training
// CHECK-SAME: attributes {pt2.decomposed, pt2.decomposed_in_training}
// CHECK-NEXT: pt2.decomposed_dropout(%arg0) training = true
// CHECK: pt2.yield
// CHECK-NEXT: }
// CHECK-NEXT: pt2.operator "clone" aten.clone(self: %{{.*}}) in #drop0 {pt2.origin = ["dropout_1", "aten.dropout.default"]} : (tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: return
func.func @dropout_zero_in_training(%x: tensor<2x8xf32> {pt2.name = "x", pt2.user_input}) -> tensor<2x8xf32> attributes {pt2.decomposed} {
  %e = pt2.operator "empty" aten.empty.memory_format(size: [2, 8], dtype = f32) in #drop {pt2.origin = ["dropout", "aten.dropout.default"]} : () -> tensor<2x8xf32>
  %b = pt2.operator "bernoulli" aten.bernoulli.p(self: %e, p: 0.75) in #drop {pt2.origin = ["dropout", "aten.dropout.default"]} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %d = pt2.operator "div" aten.div.Scalar(self: %b, other: 0.75) in #drop {pt2.origin = ["dropout", "aten.dropout.default"]} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %m = pt2.operator "mul" aten.mul.Tensor(self: %x, other: %d) in #drop {pt2.origin = ["dropout", "aten.dropout.default"]} : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %c = pt2.operator "clone" aten.clone(self: %m) in #drop0 {pt2.origin = ["dropout_1", "aten.dropout.default"]} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %c : tensor<2x8xf32>
}
