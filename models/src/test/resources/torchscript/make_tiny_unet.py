#!/usr/bin/env python3
"""Writes tiny-unet.pt: a minimal, valid TorchScript archive with the noise-predictor call contract
forward(x: float32 [B, 3, H, W], t: int64 [B]) -> eps: float32 [B, 3, H, W], without PyTorch.

The module computes the closed form

    eps[b, c, y, x] = sum_k W[c, k] * x[b, k, y, x] + BIAS[c] + TIME_SCALE * float(t[b])

(a 1x1 convolution plus a term linear in the integer timestep), so tests can check a loaded copy
against values computed by hand. Only the standard library is used (zipfile, struct); the layout is
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
import struct
import sys
import zipfile

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

# Pickle protocol 2 opcodes (Lib/pickletools.py), the subset torch's Unpickler reads.
PROTO, STOP, MARK, TUPLE, EMPTY_TUPLE = b"\x80", b".", b"(", b"t", b")"
EMPTY_DICT, SETITEMS, BUILD, REDUCE, NEWOBJ = b"}", b"u", b"b", b"R", b"\x81"
BINPERSID, NEWTRUE, NEWFALSE = b"Q", b"\x88", b"\x89"


def global_(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def string(text):
    data = text.encode("utf-8")
    return b"X" + struct.pack("<I", len(data)) + data


def integer(value):
    if 0 <= value < 256:
        return b"K" + struct.pack("<B", value)
    return b"J" + struct.pack("<i", value)


def int_tuple(values):
    return MARK + b"".join(integer(v) for v in values) + TUPLE


def tensor(key, shape):
    """A float32 tensor of `shape` whose contiguous storage is record data/<key>."""
    numel = 1
    for s in shape:
        numel *= s
    strides, step = [], 1
    for s in reversed(shape):
        strides.insert(0, step)
        step *= s
    storage = (MARK + string("storage") + global_("torch", "FloatStorage") + string(key)
               + string("cpu") + integer(numel) + TUPLE + BINPERSID)
    backward_hooks = global_("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE
    return (global_("torch._utils", "_rebuild_tensor_v2") + MARK + storage + integer(0)
            + int_tuple(shape) + int_tuple(strides) + NEWTRUE + backward_hooks + TUPLE + REDUCE)


def module_pickle():
    attributes = (string("weight") + tensor("0", [CHANNELS, CHANNELS, 1, 1])
                  + string("bias") + tensor("1", [CHANNELS])
                  + string("time_scale") + tensor("2", [1])
                  + string("training") + NEWFALSE)
    return (PROTO + b"\x02" + global_("__torch__", "TinyUNet") + EMPTY_TUPLE + NEWOBJ
            + EMPTY_DICT + MARK + attributes + SETITEMS + BUILD + STOP)


def floats(values):
    return struct.pack("<%df" % len(values), *values)


def add_record(archive, name, data, align=64):
    """Adds an uncompressed record whose bytes start on an `align` boundary, padded the way
    PyTorchStreamWriter pads (an extra field with id 'FB' filled with 'Z')."""
    info = zipfile.ZipInfo(ARCHIVE + "/" + name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    header_end = archive.fp.tell() + 30 + len(info.filename.encode()) + 4
    padding = (-header_end) % align
    info.extra = b"FB" + struct.pack("<H", padding) + b"Z" * padding
    archive.writestr(info, data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "tiny-unet.pt")
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as archive:
        add_record(archive, "data.pkl", module_pickle())
        add_record(archive, "code/__torch__.py", CODE.encode("utf-8"))
        add_record(archive, "data/0", floats([w for row in W for w in row]))
        add_record(archive, "data/1", floats(BIAS))
        add_record(archive, "data/2", floats([TIME_SCALE]))
        add_record(archive, "constants.pkl", PROTO + b"\x02" + EMPTY_TUPLE + STOP)
        add_record(archive, "version", b"3\n")
        add_record(archive, "byteorder", b"little")
    print("wrote " + output)


if __name__ == "__main__":
    main()
