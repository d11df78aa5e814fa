#!/usr/bin/env python3
"""Writes tiny-depth.pt: a minimal, valid TorchScript archive with the depth-estimator call contract
forward(x: float32 [1, 3, H, W]) -> depth: float32 [1, 1, H, W], without PyTorch.

The module computes the closed form

    depth[0, 0, y, x] = sum_k W[k] * x[0, k, y, x] + BIAS

(a 1x1 convolution to one channel; positive for inputs in [0, 1]), so tests can check a loaded copy
against values computed by hand. The archive layout is the one make_tiny_unet.py describes (the same
writer code, another module).

Usage: python3 make_tiny_depth.py [OUTPUT]   (default: tiny-depth.pt next to this script)
"""

import os
import sys

from torchscript_archive import NEWFALSE, module_object, string, tensor, write_archive

ARCHIVE = "tiny_depth"
W = [0.25, 0.5, 0.125]
BIAS = [0.0625]  # every value is exact in float32

CODE = '''class TinyDepth(Module):
  __parameters__ = ["weight", "bias", ]
  weight : Tensor
  bias : Tensor
  training : bool
  def forward(self: __torch__.TinyDepth,
    x: Tensor) -> Tensor:
    return torch.conv2d(x, self.weight, self.bias)
'''

def module_pickle():
    attributes = (string("weight") + tensor("0", [1, 3, 1, 1])
                  + string("bias") + tensor("1", [1])
                  + string("training") + NEWFALSE)
    return module_object("TinyDepth", attributes)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "tiny-depth.pt")
    write_archive(output, ARCHIVE, module_pickle(), CODE, [W, BIAS])
    print("wrote " + output)


if __name__ == "__main__":
    main()
