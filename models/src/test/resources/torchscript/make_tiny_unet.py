#!/usr/bin/env python3
"""Writes tiny-unet.pt: a minimal, valid TorchScript archive with the noise-predictor call contract
forward(x: float32 [B, 3, H, W], t: int64 [B]) -> eps: float32 [B, 3, H, W], without PyTorch.

The module computes the closed form

    eps[b, c, y, x] = sum_k W[c, k] * x[b, k, y, x] + BIAS[c] + TIME_SCALE * float(t[b])

(a 1x1 convolution plus a term linear in the integer timestep), so tests can check a loaded copy
against values computed by hand. Only the standard library is used (zipfile, struct; the writer is
torchscript_archive.py, shared with make_tiny_depth.py); the layout is
the one torch.jit.save writes and torch::jit::load reads (torch/csrc/jit/serialization/export_module.cpp,
import.cpp, unpickler.cpp, caffe2/serialize/inline_container.cc):

    tiny_unet/data.pkl            the module object, pickle protocol 2; tensors are
                                  torch._utils._rebuild_tensor_v2 over persistent-id storages
    tiny_unet/code/__torch__.py   TorchScript source of class __torch__.TinyUNet
    tiny_unet/data/0..2           raw little-endian float32 storages, 64-byte aligned
    tiny_unet/constants.pkl       the (empty) constant table
    tiny_unet/version             file format version 3 (no dynamically versioned operators used)
    tiny_unet/byteorder           "little"

Usage: python3 make_tiny_unet.py [OUTPUT]   (default: tiny-unet.pt next to this script)
"""

import os
import sys

from torchscript_archive import NEWFALSE, module_object, string, tensor, write_archive

ARCHIVE = "tiny_unet"
CHANNELS = 3
W = [
    [0.5, -0.25, 0.125],
    [0.0, 1.0, -0.5],
    [0.25, 0.25, 0.25],
]
BIAS = [0.125, -0.375, 0.75]
TIME_SCALE = 0.0078125  # 2^-7: every value above is exact in float32

CODE = '''class TinyUNet(Module):
  __parameters__ = ["weight", "bias", "time_scale", ]
  weight : Tensor
  bias : Tensor
  time_scale : Tensor
  training : bool
  def forward(self: __torch__.TinyUNet,
    x: Tensor,
    t: Tensor) -> Tensor:
    y = torch.conv2d(x, self.weight, self.bias)
    s = torch.mul(torch.to(t, 6), self.time_scale)
    return torch.add(y, torch.view(s, [-1, 1, 1, 1]))
'''

def module_pickle():
    attributes = (string("weight") + tensor("0", [CHANNELS, CHANNELS, 1, 1])
                  + string("bias") + tensor("1", [CHANNELS])
                  + string("time_scale") + tensor("2", [1])
                  + string("training") + NEWFALSE)
    return module_object("TinyUNet", attributes)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "tiny-unet.pt")
    write_archive(output, ARCHIVE, module_pickle(), CODE, [[w for row in W for w in row], BIAS, [TIME_SCALE]])
    print("wrote " + output)


if __name__ == "__main__":
    main()
