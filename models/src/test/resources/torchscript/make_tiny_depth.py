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
import struct
import sys
import zipfile

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
    attributes = (string("weight") + tensor("0", [1, 3, 1, 1])
                  + string("bias") + tensor("1", [1])
                  + string("training") + NEWFALSE)
    return (PROTO + b"\x02" + global_("__torch__", "TinyDepth") + EMPTY_TUPLE + NEWOBJ
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
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "tiny-depth.pt")
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as archive:
        add_record(archive, "data.pkl", module_pickle())
        add_record(archive, "code/__torch__.py", CODE.encode("utf-8"))
        add_record(archive, "data/0", floats(W))
        add_record(archive, "data/1", floats(BIAS))
        add_record(archive, "constants.pkl", PROTO + b"\x02" + EMPTY_TUPLE + STOP)
        add_record(archive, "version", b"3\n")
        add_record(archive, "byteorder", b"little")
    print("wrote " + output)


if __name__ == "__main__":
    main()
