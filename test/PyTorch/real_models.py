"""Real-library models: small configurations of torchvision's, timm's and
transformers' own classes, random weights, configurations written in code.

Two lists, of `zoo.ZooEntry` (so that the suite's harness builds, seeds and
exports them as it does the zoo's):

- `SUITE_MODELS` (group "real"): the ones the PyTorch suite runs with every
  check of the zoo (test_real_models.py).
- `REFUSED_MODELS` (group "real-refused"): models whose switch to
  evaluation must be refused (a random node mode does not switch).
- `SURVEY_MODELS` (group "survey"): more of them, which only
  scripts/survey-real-models.py builds; the suite leaves them out so that
  they stay a held-out check.

Sizes are cut down where the library allows it (few blocks, narrow
layers, small images) so that an export takes a few seconds; the classes
and the code they run are the libraries' own. Nothing is built and no
library is imported until a factory is called (real_libraries.py imports
them, and says why torchvision needs its help). Every factory builds
under `real_libraries.NoNetwork`.

Each id starts with its library (`tv_`, `timm_`, `hf_`).
"""

from __future__ import annotations

import functools
from typing import Callable

import torch

import real_libraries as R
from zoo import ZooEntry, _randn


def _img(*shape):
    return lambda g: (_randn(g, *shape),)


def _tokens(batch: int, length: int, vocab: int):
    def inputs(g):
        return (torch.randint(0, vocab, (batch, length), generator=g),)
    return inputs


def _randomize_layer_scales(model: torch.nn.Module) -> None:
    """Layer scales (ConvNeXt's, CaiT's, ...) start at a tiny constant (1e-6
    in torchvision's ConvNeXt): a residual branch scaled by it changes the
    output by ~1e-7 relative, below the decomposed graphs' tolerance, so a
    drop path left in a program would go unseen. Every parameter whose
    elements all equal one small non-zero constant gets values near 1.
    Seeded (the build is)."""
    with torch.no_grad():
        for param in model.parameters():
            first = param.flatten()[0].item() if param.numel() else 0.0
            if param.numel() > 1 and 0.0 < abs(first) <= 1e-4 and bool((param == first).all()):
                param.copy_(1.0 + 0.1 * torch.randn(param.shape))


def _offline(factory: Callable[[], torch.nn.Module]) -> Callable[[], torch.nn.Module]:
    """The factory, run with no network, its layer scales randomized."""
    @functools.wraps(factory)
    def build():
        with R.NoNetwork():
            model = factory()
        _randomize_layer_scales(model)
        return model
    return build


class Outputs(torch.nn.Module):
    """Calls a transformers model and returns its output tensors as a tuple
    (a ModelOutput is a dict-like object; a plain tuple keeps every
    program's outputs the same leaves), keeping the model as `model` so
    that module paths read `model.<the library's path>`."""

    def __init__(self, model: torch.nn.Module, keys: tuple[str, ...]):
        super().__init__()
        self.model, self.keys = model, keys

    def forward(self, *args):
        out = self.model(*args)
        return tuple(out[k] for k in self.keys)


def _hf(model_class: str, config_class: str, keys=("last_hidden_state",), **config):
    def build():
        tr = R.transformers()
        return Outputs(getattr(tr, model_class)(getattr(tr, config_class)(**config)), keys)
    return build


def _timm(name: str, **kwargs):
    def build():
        return R.timm().create_model(name, pretrained=False, **kwargs)
    return build


# ---------------------------------------------------------------------------
# torchvision
# ---------------------------------------------------------------------------


def _tv_efficientnet(stochastic_depth_prob=0.2):
    tv = R.torchvision()
    from torchvision.models.efficientnet import EfficientNet, FusedMBConvConfig, MBConvConfig
    del tv
    setting = [MBConvConfig(1, 3, 1, 8, 8, 1), MBConvConfig(4, 3, 2, 8, 16, 2),
               MBConvConfig(4, 5, 2, 16, 24, 1)]
    return EfficientNet(setting, dropout=0.2, stochastic_depth_prob=stochastic_depth_prob,
                        num_classes=10, last_channel=32)


def _tv_efficientnet_v2():
    R.torchvision()
    from torchvision.models.efficientnet import EfficientNet, FusedMBConvConfig, MBConvConfig
    setting = [FusedMBConvConfig(1, 3, 1, 8, 8, 1), FusedMBConvConfig(4, 3, 2, 8, 16, 2),
               MBConvConfig(4, 3, 2, 16, 24, 1)]
    return EfficientNet(setting, dropout=0.2, stochastic_depth_prob=0.2, num_classes=10,
                        last_channel=32)


def _tv_convnext():
    R.torchvision()
    from torchvision.models.convnext import CNBlockConfig, ConvNeXt
    return ConvNeXt([CNBlockConfig(8, 16, 2), CNBlockConfig(16, None, 1)],
                    stochastic_depth_prob=0.2, num_classes=10)


def _tv_swin(v2=False):
    R.torchvision()
    from torchvision.models import swin_transformer as S
    kwargs = {}
    if v2:
        kwargs = dict(block=S.SwinTransformerBlockV2, downsample_layer=S.PatchMergingV2)
    return S.SwinTransformer(patch_size=[4, 4], embed_dim=16, depths=[2, 1], num_heads=[2, 2],
                             window_size=[4, 4], stochastic_depth_prob=0.2, num_classes=10,
                             dropout=0.1, attention_dropout=0.1, **kwargs)


def _tv_maxvit():
    R.torchvision()
    from torchvision.models.maxvit import MaxVit
    return MaxVit(input_size=(32, 32), stem_channels=8, partition_size=2, block_channels=[16, 32],
                  block_layers=[1, 1], head_dim=8, stochastic_depth_prob=0.2, num_classes=10)


def _tv_vit():
    R.torchvision()
    from torchvision.models.vision_transformer import VisionTransformer
    return VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2,
                             hidden_dim=16, mlp_dim=32, dropout=0.1, attention_dropout=0.1,
                             num_classes=10)


def _tv_mobilenet_v3():
    tv = R.torchvision()
    return tv.models.mobilenet_v3_small(num_classes=10, width_mult=0.25, dropout=0.2)


def _tv_resnet18():
    return R.torchvision().models.resnet18(num_classes=10)


def _tv_regnet():
    tv = R.torchvision()
    from torchvision.models.regnet import BlockParams, RegNet
    params = BlockParams.from_init_params(depth=4, w_0=8, w_a=8.0, w_m=2.0, group_width=8)
    return RegNet(params, num_classes=10, stem_width=8)


def _tv_googlenet():
    # aux_logits: the auxiliary heads run only `if self.training` (item 6).
    return R.torchvision().models.googlenet(num_classes=10, aux_logits=True,
                                            init_weights=True)


def _tv_inception3():
    return R.torchvision().models.inception_v3(num_classes=10, aux_logits=True,
                                               init_weights=True)


def _tv_squeezenet():
    return R.torchvision().models.squeezenet1_1(num_classes=10)


def _tv_shufflenet():
    R.torchvision()
    from torchvision.models.shufflenetv2 import ShuffleNetV2
    return ShuffleNetV2([2, 2, 2], [8, 16, 24, 32, 64], num_classes=10)


def _tv_mnasnet():
    return R.torchvision().models.mnasnet0_5(num_classes=10, dropout=0.2)


def _tv_densenet():
    R.torchvision()
    from torchvision.models.densenet import DenseNet
    return DenseNet(growth_rate=8, block_config=(2, 2), num_init_features=16, bn_size=2,
                    drop_rate=0.1, num_classes=10)


def _tv_fcn_head():
    R.torchvision()
    from torchvision.models.segmentation.fcn import FCNHead
    return FCNHead(16, 4)  # Conv, BatchNorm, ReLU, Dropout(0.1), Conv


def _tv_deeplab_head():
    R.torchvision()
    from torchvision.models.segmentation.deeplabv3 import DeepLabHead
    return DeepLabHead(16, 4, atrous_rates=(2, 4))  # ASPP: BatchNorm, Dropout(0.5)


def _tv_retinanet_head():
    R.torchvision()
    from torchvision.models.detection.retinanet import RetinaNetHead
    return RetinaNetHead(16, num_anchors=3, num_classes=5)


# ---------------------------------------------------------------------------
# The suite's list
# ---------------------------------------------------------------------------

_IMG32 = _img(2, 3, 32, 32)
_IMG64 = _img(2, 3, 64, 64)

SUITE_MODELS: tuple[ZooEntry, ...] = tuple(ZooEntry(*e[:4], group="real") for e in (
    ("tv_efficientnet", "torchvision EfficientNet (3 MBConv stages, widths 8-24): BatchNorm, "
     "StochasticDepth(0.2 scaled by depth, 'row'), Dropout(0.2) head",
     _offline(_tv_efficientnet), _IMG32),
    ("tv_convnext", "torchvision ConvNeXt (2 stages, 8/16 channels): LayerNorm2d, "
     "StochasticDepth('row'), layer scale", _offline(_tv_convnext), _IMG32),
    ("tv_swin", "torchvision Swin-T layout (depths 2,1, dim 16, window 4): StochasticDepth('row'), "
     "attention and MLP Dropout(0.1)", _offline(_tv_swin), _IMG32),
    ("timm_convnext", "timm convnext_atto (depths 1,1,1,1, dims 8-32): DropPath(0.1 by depth), "
     "LayerNorm2d", _offline(_timm("convnext_atto", depths=(1, 1, 1, 1), dims=(8, 16, 24, 32),
                                   drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_vit", "timm vit_tiny (depth 2, dim 16, patch 8, image 32): DropPath(0.1 by depth), "
     "proj/mlp Dropout(0.1), attention dropout 0 (F.sdpa)",
     _offline(_timm("vit_tiny_patch16_224", img_size=32, patch_size=8, embed_dim=16, depth=2,
                    num_heads=2, drop_path_rate=0.1, drop_rate=0.1, proj_drop_rate=0.1,
                    num_classes=10)), _IMG32),
    ("timm_efficientnet", "timm efficientnet_lite0: BatchNormAct2d, ReLU6, DropPath(0.2 "
     "by depth), Dropout(0.2) head. (Not tinynet_e or efficientnet_b0: PyTorch's own decomposed "
     "training program of those differs from m.train() by 4e-6 to 1e-5, above the suite's 1e-6.)",
     _offline(_timm("efficientnet_lite0", drop_path_rate=0.2, drop_rate=0.2, num_classes=10)),
     _IMG32),
    ("timm_resnet", "timm test_resnet (timm's own small ResNet): BatchNorm, DropPath(0.1 by depth)",
     _offline(_timm("test_resnet", drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_deit", "timm deit_tiny (depth 2, dim 16, patch 8, image 32), no drop path: attention "
     "dropout 0 (timm's default; F.sdpa dropout_p 0.0 in both modes), proj/mlp Dropout(0.1)",
     _offline(_timm("deit_tiny_patch16_224", img_size=32, patch_size=8, embed_dim=16, depth=2,
                    num_heads=2, proj_drop_rate=0.1, num_classes=10)), _IMG32),
    ("hf_convnext", "transformers ConvNextModel (2 stages, 8/16 channels): "
     "ConvNextDropPath(0.1 by depth), LayerNorm",
     _offline(_hf("ConvNextModel", "ConvNextConfig", ("last_hidden_state", "pooler_output"),
                  num_channels=3, hidden_sizes=[8, 16], depths=[2, 1], num_stages=2,
                  drop_path_rate=0.1, image_size=32)), _IMG32),
    ("hf_swin", "transformers SwinModel (depths 2,1, dim 16, window 4): SwinDropPath(0.1), "
     "attention and hidden Dropout(0.1)",
     _offline(_hf("SwinModel", "SwinConfig", ("last_hidden_state", "pooler_output"),
                  image_size=32, patch_size=4, embed_dim=16, depths=[2, 1], num_heads=[2, 2],
                  window_size=4, drop_path_rate=0.1, hidden_dropout_prob=0.1,
                  attention_probs_dropout_prob=0.1)), _IMG32),
    ("hf_bert", "transformers BertModel (2 layers, hidden 16, sdpa): Dropout(0.1) on embeddings, "
     "attention (sdpa dropout_p) and outputs",
     _offline(_hf("BertModel", "BertConfig", ("last_hidden_state", "pooler_output"),
                  vocab_size=64, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                  intermediate_size=32, max_position_embeddings=16)), _tokens(2, 8, 64)),
    ("hf_vit", "transformers ViTModel (2 layers, hidden 16, patch 8, image 32): Dropout(0.1), "
     "sdpa dropout 0.1", _offline(_hf("ViTModel", "ViTConfig", ("last_hidden_state",),
                                      image_size=32, patch_size=8, hidden_size=16,
                                      num_hidden_layers=2, num_attention_heads=2,
                                      intermediate_size=32, hidden_dropout_prob=0.1,
                                      attention_probs_dropout_prob=0.1)), _IMG32),
))


# Models whose training export --to-eval must refuse (issue 17 item 2): a
# random node no pattern of mode switches. test_real_models.py checks the
# refusal, and the switch with the option that declares the module.
REFUSED_MODELS: tuple[ZooEntry, ...] = tuple(ZooEntry(*e[:4], group="real-refused") for e in (
    ("timm_patch_dropout", "timm vit_tiny (depth 2, dim 16, patch 8, image 32) with "
     "patch_drop_rate 0.25: PatchDropout draws randn and keeps the tokens of the smallest "
     "values in training, the identity in evaluation",
     _offline(_timm("vit_tiny_patch16_224", img_size=32, patch_size=8, embed_dim=16, depth=2,
                    num_heads=2, patch_drop_rate=0.25, num_classes=10)), _IMG32),
))

# ---------------------------------------------------------------------------
# The survey's list (scripts/survey-real-models.py): more models, held out
# of the suite
# ---------------------------------------------------------------------------

_VIT = dict(img_size=32, patch_size=8, embed_dim=16, depth=2, num_heads=2, num_classes=10)


def _timm_vit(name, **kwargs):
    return _timm(name, **{**_VIT, **kwargs})


def _hf_llama():
    tr = R.transformers()
    cfg = tr.LlamaConfig(vocab_size=64, hidden_size=16, intermediate_size=32, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=32,
                         attention_dropout=0.0, use_cache=False)
    return Outputs(tr.LlamaModel(cfg), ("last_hidden_state",))


def _hf_gpt2():
    tr = R.transformers()
    cfg = tr.GPT2Config(vocab_size=64, n_positions=32, n_embd=16, n_layer=2, n_head=2,
                        use_cache=False)
    return Outputs(tr.GPT2Model(cfg), ("last_hidden_state",))


def _hf_wav2vec2():
    tr = R.transformers()
    cfg = tr.Wav2Vec2Config(hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                            intermediate_size=32, conv_dim=(8, 8), conv_stride=(5, 2),
                            conv_kernel=(10, 3), num_conv_pos_embeddings=4,
                            num_conv_pos_embedding_groups=2, layerdrop=0.1,
                            mask_time_prob=0.0, do_stable_layer_norm=False)
    return Outputs(tr.Wav2Vec2Model(cfg), ("last_hidden_state",))


def _hf_vits():
    tr = R.transformers()
    cfg = tr.VitsConfig(vocab_size=16, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        ffn_dim=32, flow_size=8, spectrogram_bins=9, upsample_initial_channel=16,
                        upsample_rates=[2, 2], upsample_kernel_sizes=[4, 4],
                        resblock_kernel_sizes=[3], resblock_dilation_sizes=[[1, 3]],
                        prior_encoder_num_flows=1, prior_encoder_num_wavenet_layers=1,
                        posterior_encoder_num_wavenet_layers=1, duration_predictor_num_flows=1,
                        duration_predictor_filter_channels=16, depth_separable_num_layers=1,
                        window_size=2)
    return Outputs(tr.VitsModel(cfg), ("waveform",))


_HF_IMG = dict(image_size=32, num_channels=3)

SURVEY_MODELS: tuple[ZooEntry, ...] = REFUSED_MODELS + tuple(ZooEntry(*e[:4], group="survey") for e in (
    # torchvision
    ("tv_efficientnet_v2", "torchvision EfficientNet V2 layout (FusedMBConv + MBConv)",
     _offline(_tv_efficientnet_v2), _IMG32),
    ("tv_swin_v2", "torchvision Swin V2 (SwinTransformerBlockV2, PatchMergingV2)",
     _offline(functools.partial(_tv_swin, True)), _IMG32),
    ("tv_maxvit", "torchvision MaxVit (2 stages, 16/32 channels)", _offline(_tv_maxvit), _IMG32),
    ("tv_vit", "torchvision VisionTransformer (2 layers, dim 16)", _offline(_tv_vit), _IMG32),
    ("tv_mobilenet_v3", "torchvision mobilenet_v3_small(width 0.25): BatchNorm, Hardswish, "
     "Dropout(0.2) head", _offline(_tv_mobilenet_v3), _IMG32),
    ("tv_resnet18", "torchvision resnet18", _offline(_tv_resnet18), _IMG32),
    ("tv_regnet", "torchvision RegNet (depth 4, width 8)", _offline(_tv_regnet), _IMG32),
    ("tv_googlenet", "torchvision GoogLeNet with aux_logits", _offline(_tv_googlenet),
     _img(2, 3, 64, 64)),
    ("tv_inception3", "torchvision Inception3 with aux_logits (at 299x299, "
     "which its aux head needs)", _offline(_tv_inception3), _img(2, 3, 299, 299)),
    ("tv_squeezenet", "torchvision squeezenet1_1", _offline(_tv_squeezenet), _IMG32),
    ("tv_shufflenet", "torchvision ShuffleNetV2 (narrow)", _offline(_tv_shufflenet), _IMG32),
    ("tv_mnasnet", "torchvision mnasnet0_5", _offline(_tv_mnasnet), _IMG32),
    ("tv_densenet", "torchvision DenseNet (2 blocks, growth 8, drop_rate 0.1)",
     _offline(_tv_densenet), _IMG32),
    ("tv_fcn_head", "torchvision segmentation FCNHead", _offline(_tv_fcn_head),
     _img(2, 16, 8, 8)),
    ("tv_deeplab_head", "torchvision segmentation DeepLabHead (ASPP)",
     _offline(_tv_deeplab_head), _img(2, 16, 8, 8)),
    ("tv_retinanet_head", "torchvision detection RetinaNetHead (one feature map)",
     _offline(_tv_retinanet_head), lambda g: ([_randn(g, 2, 16, 8, 8)],)),
    # timm
    ("timm_convnext_atto", "timm convnext_atto, depths 1,1,1,1, dims 8-32, drop_path 0.1",
     _offline(_timm("convnext_atto", depths=(1, 1, 1, 1), dims=(8, 16, 24, 32),
                    drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_test_convnext", "timm test_convnext, drop_path 0.1",
     _offline(_timm("test_convnext", drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_test_vit", "timm test_vit, drop_path 0.1",
     _offline(_timm("test_vit", drop_path_rate=0.1, num_classes=10, img_size=32)), _IMG32),
    ("timm_vit_patch_drop", "timm vit_tiny (small) with patch_drop_rate 0.25 and drop_path 0.1",
     _offline(_timm_vit("vit_tiny_patch16_224", patch_drop_rate=0.25, drop_path_rate=0.1)),
     _IMG32),
    ("timm_vit_attn_drop", "timm vit_tiny (small) with attn_drop_rate 0.1",
     _offline(_timm_vit("vit_tiny_patch16_224", attn_drop_rate=0.1, drop_path_rate=0.1)),
     _IMG32),
    ("timm_deit_drop_path", "timm deit_tiny (small), drop_path 0.1",
     _offline(_timm_vit("deit_tiny_patch16_224", drop_path_rate=0.1)), _IMG32),
    ("timm_deit_distilled", "timm deit_tiny_distilled (small), drop_path 0.1",
     _offline(_timm_vit("deit_tiny_distilled_patch16_224", drop_path_rate=0.1)), _IMG32),
    ("timm_beit", "timm beit_base (small), drop_path 0.1",
     _offline(_timm_vit("beit_base_patch16_224", drop_path_rate=0.1)), _IMG32),
    ("timm_eva", "timm eva02_tiny (small), drop_path 0.1",
     _offline(_timm("eva02_tiny_patch14_224", img_size=28, patch_size=7, embed_dim=16, depth=2,
                    num_heads=2, drop_path_rate=0.1, num_classes=10)), _img(2, 3, 28, 28)),
    ("timm_tinynet_e", "timm tinynet_e (EfficientNet, width 0.51, depth 0.6) at 64x64, "
     "drop_path 0.2", _offline(_timm("tinynet_e", drop_path_rate=0.2, drop_rate=0.2,
                                     num_classes=10)), _IMG64),
    ("timm_mobilenetv3", "timm mobilenetv3_small_050, drop_path 0.2",
     _offline(_timm("mobilenetv3_small_050", drop_path_rate=0.2, drop_rate=0.2, num_classes=10)),
     _IMG32),
    ("timm_resnet_dropblock", "timm test_resnet with drop_block 0.1 and drop_path 0.1",
     _offline(_timm("test_resnet", drop_block_rate=0.1, drop_path_rate=0.1, num_classes=10)),
     _IMG64),
    ("timm_swin", "timm swin_tiny (small: dim 16, depths 2,1, window 4), drop_path 0.1",
     _offline(_timm("swin_tiny_patch4_window7_224", img_size=32, window_size=4, embed_dim=16,
                    depths=(2, 1), num_heads=(2, 2), drop_path_rate=0.1, num_classes=10)),
     _IMG32),
    ("timm_maxvit", "timm maxvit_rmlp_pico_rw_256 at 64x64, drop_path 0.1",
     _offline(_timm("maxvit_rmlp_pico_rw_256", img_size=64, drop_path_rate=0.1,
                    num_classes=10)), _IMG64),
    ("timm_coatnet", "timm coatnet_pico_rw_224 at 64x64, drop_path 0.1",
     _offline(_timm("coatnet_pico_rw_224", img_size=64, drop_path_rate=0.1, num_classes=10)),
     _IMG64),
    ("timm_regnet", "timm regnetx_002, drop_path 0.1",
     _offline(_timm("regnetx_002", drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_nfnet", "timm test_nfnet, drop_path 0.1",
     _offline(_timm("test_nfnet", drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_byobnet", "timm test_byobnet, drop_path 0.1",
     _offline(_timm("test_byobnet", drop_path_rate=0.1, num_classes=10)), _IMG32),
    ("timm_levit", "timm levit_128s at 64x64, drop_path 0.1",
     _offline(_timm("levit_128s", img_size=64, drop_path_rate=0.1, num_classes=10)), _IMG64),
    ("timm_poolformer", "timm poolformer_s12 (full size; its depths cannot be given), "
     "drop_path 0.1", _offline(_timm("poolformer_s12", drop_path_rate=0.1, num_classes=10)),
     _IMG32),
    ("timm_mixer", "timm mixer_s16 at 32x32 (full width), drop_path 0.1",
     _offline(_timm("mixer_s16_224", img_size=32, drop_path_rate=0.1, num_classes=10)),
     _IMG32),
    # transformers
    ("hf_convnextv2", "transformers ConvNextV2Model (2 stages), drop_path 0.1",
     _offline(_hf("ConvNextV2Model", "ConvNextV2Config", ("last_hidden_state",),
                  num_channels=3, hidden_sizes=[8, 16], depths=[2, 1], num_stages=2,
                  drop_path_rate=0.1, image_size=32)), _IMG32),
    ("hf_swinv2", "transformers Swinv2Model (depths 2,1, dim 16), drop_path 0.1",
     _offline(_hf("Swinv2Model", "Swinv2Config", ("last_hidden_state",), **_HF_IMG,
                  patch_size=4, embed_dim=16, depths=[2, 1], num_heads=[2, 2], window_size=4,
                  drop_path_rate=0.1)), _IMG32),
    ("hf_beit", "transformers BeitModel (2 layers, hidden 16), drop_path 0.1",
     _offline(_hf("BeitModel", "BeitConfig", ("last_hidden_state",), **_HF_IMG, patch_size=8,
                  hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                  intermediate_size=32, drop_path_rate=0.1, use_mask_token=False)), _IMG32),
    ("hf_data2vec_vision", "transformers Data2VecVisionModel (2 layers), drop_path 0.1",
     _offline(_hf("Data2VecVisionModel", "Data2VecVisionConfig", ("last_hidden_state",),
                  **_HF_IMG, patch_size=8, hidden_size=16, num_hidden_layers=2,
                  num_attention_heads=2, intermediate_size=32, drop_path_rate=0.1)), _IMG32),
    ("hf_dinov2", "transformers Dinov2Model (2 layers), drop_path 0.1",
     _offline(_hf("Dinov2Model", "Dinov2Config", ("last_hidden_state",), **_HF_IMG,
                  patch_size=8, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                  mlp_ratio=2, drop_path_rate=0.1)), _IMG32),
    ("hf_segformer", "transformers SegformerModel (2 stages), drop_path 0.1",
     _offline(_hf("SegformerModel", "SegformerConfig", ("last_hidden_state",),
                  num_channels=3, num_encoder_blocks=2, depths=[1, 1], sr_ratios=[2, 1],
                  hidden_sizes=[8, 16], patch_sizes=[7, 3], strides=[4, 2], num_attention_heads=[1, 2],
                  mlp_ratios=[2, 2], drop_path_rate=0.1)), _IMG32),
    ("hf_poolformer", "transformers PoolFormerModel (2 stages), drop_path 0.1",
     _offline(_hf("PoolFormerModel", "PoolFormerConfig", ("last_hidden_state",),
                  num_channels=3, depths=[1, 1], hidden_sizes=[8, 16], num_encoder_blocks=2,
                  patch_sizes=[7, 3], strides=[4, 2], padding=[2, 1], drop_path_rate=0.1)),
     _IMG32),
    ("hf_pvt_v2", "transformers PvtV2Model (2 stages), drop_path 0.1",
     _offline(_hf("PvtV2Model", "PvtV2Config", ("last_hidden_state",), num_channels=3,
                  num_encoder_blocks=2, depths=[1, 1], sr_ratios=[2, 1], hidden_sizes=[8, 16],
                  patch_sizes=[7, 3], strides=[4, 2], num_attention_heads=[1, 2],
                  mlp_ratios=[2, 2], drop_path_rate=0.1)), _IMG32),
    ("hf_focalnet", "transformers FocalNetModel (2 stages), drop_path 0.1",
     _offline(_hf("FocalNetModel", "FocalNetConfig", ("last_hidden_state",), **_HF_IMG,
                  patch_size=4, embed_dim=8, depths=[1, 1], focal_levels=[2, 2],
                  focal_windows=[3, 3], drop_path_rate=0.1)), _IMG32),
    ("hf_bit", "transformers BitModel (2 stages), drop_path 0.1",
     _offline(_hf("BitModel", "BitConfig", ("last_hidden_state",), num_channels=3,
                  embedding_size=32, hidden_sizes=[32, 64], depths=[1, 1], drop_path_rate=0.1, num_groups=4,
                  layer_type="preactivation")), _IMG32),
    ("hf_llama", "transformers LlamaModel (2 layers, hidden 16, attention dropout 0)",
     _offline(_hf_llama), _tokens(2, 8, 64)),
    ("hf_gpt2", "transformers GPT2Model (2 layers, n_embd 16): Dropout(0.1) everywhere",
     _offline(_hf_gpt2), _tokens(2, 8, 64)),
    ("hf_bert_eager", "transformers BertModel, eager attention (matmul/softmax/Dropout)",
     _offline(_hf("BertModel", "BertConfig", ("last_hidden_state",), vocab_size=64,
                  hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                  intermediate_size=32, max_position_embeddings=16,
                  attn_implementation="eager")), _tokens(2, 8, 64)),
    ("hf_wav2vec2", "transformers Wav2Vec2Model (2 layers, hidden 16, layerdrop 0.1)",
     _offline(_hf_wav2vec2), _img(2, 400)),
    ("hf_vits", "transformers VitsModel (tiny): samples noise (randn) in evaluation",
     _offline(_hf_vits), _tokens(1, 6, 16)),
))
